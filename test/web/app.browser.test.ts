/**
 * The web app in headless Chromium, against the whole local system: the read screens on the run's
 * shared demo data (development gateway), the caseworker's writes on tables of this file only
 * behind a production gateway, where the app must live with persisted documents alone.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLIENT_NAME_HEADER, WEB_APP_CLIENT_NAME } from '../../gateway/limits/persisted-documents.js';
import { WEB_APP_PATH } from '../../gateway/serving/web-app.js';
import { signDevToken, type DevTokenClaims } from '../../scripts/dev-keys.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { ensureWebAppBuilt } from '../../web/build.js';
import { AdvancePlacementDocument } from '../../web/src/generated/graphql.js';
import { foreignRequests, launchBrowser } from '../support/browser.js';
import { DEV_SIGN_IN_PATH } from '../../gateway/serving/dev-sign-in.js';
import { devSignIn, expectAccessible, newPage as openPage, screenshots, tokenSignIn } from './app-page.js';
import { errorCodes, graphqlClient } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

type System = Awaited<ReturnType<typeof useLocalSystem>>;

let demo: System;
let production: System;
let browser: Browser;

const LI_MING_ID = makeResidentId('513431', '1995-01-15', 17);
const ADMIN = { roles: ['admin' as const] };
const appUrl = (system: System, path = '') => system.gatewayUrl.replace(/\/graphql$/, WEB_APP_PATH) + path;

beforeAll(async () => {
  // npm start builds the app the same way when web/dist is missing or stale.
  await ensureWebAppBuilt();
  [demo, production] = await Promise.all([
    useLocalSystem({ loadDemoData: true }),
    useLocalSystem({ loadDemoData: false, production: true, streamProjections: true }),
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A development token, as `npm run token` prints it, signed by this run's identity provider. */
const devToken = (claims: DevTokenClaims) => signDevToken(inject('keys').issuerPrivateKey, claims);

const newPage = (options?: { language?: 'zh-CN' | 'en' }): Promise<Page> => openPage(browser, options);

/** The operations the page sent: every one must be a persisted document, never a query text. */
function sentOperations(page: Page): { documentId?: string; query?: string }[] {
  const sent: { documentId?: string; query?: string }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') sent.push(JSON.parse(request.postData() ?? '{}'));
  });
  return sent;
}

describe('program officer screens on the demo data', () => {
  it('lists programs, filters them by sending province, and pages with cursors', async () => {
    const page = await newPage();
    const foreign = foreignRequests(page);
    const sent = sentOperations(page);
    await page.goto(appUrl(demo));
    await page.getByRole('heading', { level: 1, name: '劳务协作项目' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const cards = page.getByRole('list', { name: '项目列表' }).getByRole('heading', { level: 2 });
    await cards.first().waitFor();
    const all = await cards.allInnerTexts();
    expect(all).toEqual(expect.arrayContaining(['浙川东西部扶贫劳务协作', '渝鲁东西部扶贫劳务协作']));

    // Chinese labels for kinds, Intl figures for zh-CN, Beijing dates (the browser runs on London time).
    await page.getByText('东西部劳务协作 ·').first().waitFor();
    await page.getByText('2017年').first().waitFor();
    await screenshots(page, 'web-programs');
    await expectAccessible(page);

    await page.getByLabel('输出省份').selectOption('510000');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => cards.allInnerTexts(), { timeout: 10_000 }).toEqual(['浙川东西部扶贫劳务协作']);
    expect(new URL(page.url()).search).toBe('?sending=510000');

    await page.getByRole('link', { name: '清除筛选' }).click();
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(Math.min(all.length, 10));
    const next = page.getByRole('button', { name: '下一页 →' });
    if (await next.isEnabled()) {
      await next.click();
      await page.getByText('第 2 页').waitFor();
      expect(await cards.allInnerTexts()).not.toEqual(all);
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((body) => body.documentId?.startsWith('sha256:') && body.query === undefined)).toBe(true);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('shows a program’s funnel, registered-poor share and counties, and its job fair with the article’s figures', async () => {
    const page = await newPage();
    await page.goto(appUrl(demo, '?sending=510000'));
    await page.getByRole('link', { name: '浙川东西部扶贫劳务协作' }).click();
    await page.getByRole('heading', { level: 1, name: '浙川东西部扶贫劳务协作' }).waitFor();
    const funnel = page.getByRole('img', { name: /^转移就业漏斗：就业意向/ });
    expect(await funnel.getAttribute('aria-label')).toMatch(
      /^转移就业漏斗：就业意向 [\d,]+, 已录用 [\d,]+, 就业登记 [\d,]+, 稳岗3个月 [\d,]+, 稳岗6个月 [\d,]+, 稳岗12个月 [\d,]+$/,
    );
    await page
      .locator('figcaption')
      .filter({ hasText: /^建档立卡贫困人员的就业意向：[\d,]+ \/ [\d,]+（[\d.]+%）$/ })
      .waitFor();
    const counties = page.getByRole('table', { name: '各输出县就业安置情况' });
    expect(await counties.getByRole('row').count()).toBeGreaterThan(1);
    // The statistics by county as a spreadsheet, with the screen's Chinese headers.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('浙川东西部扶贫劳务协作-按输出县统计.xlsx');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFF县（市、区）,就业意向,建档立卡,录用,就业登记,3个月,6个月,12个月,离职');
    expect(text.split('\r\n').length).toBe(await counties.getByRole('row').count());
    await screenshots(page, 'web-program');
    await expectAccessible(page);

    await page.getByRole('region', { name: '专场招聘会' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: '统计' }).waitFor();
    const figure = (name: string) => page.locator(`dd[data-figure="${name}"]`).innerText();
    expect([await figure('employers'), await figure('positions'), await figure('intentions'), await figure('registered-poor')]).toEqual([
      '122',
      '13,000',
      '4,112',
      '1,096',
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('浙川');
    expect(await page.getByRole('term').filter({ hasText: '日期' }).locator('xpath=following-sibling::dd').innerText()).toMatch(/^2017年\d+月\d+日$/);
    await page.getByRole('heading', { level: 2, name: '参会企业' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '招聘岗位' }).waitFor();
    await screenshots(page, 'web-job-fair');
    await expectAccessible(page);
    await page.close();
  });

  it('shows a caseworker of the person’s province the whole ID number, and masks it for another province', async () => {
    const caseworker = await devToken({ roles: ['caseworker'], provinces: ['500000'], subject: 'caseworker-chongqing' });
    const found = await graphqlClient(demo.gatewayUrl)<{ people: { edges: { node: { id: string; name: string } }[] } }>(
      '{ people(first: 100, filter: { hometownCountyCode: "500230" }) { edges { node { id name } } } }',
      {},
      { authorization: `Bearer ${caseworker}` },
    );
    const wang = found.data!.people.edges.find((e) => e.node.name === '王龙彪')!.node;
    const page = await newPage();
    await page.goto(appUrl(demo, 'people?province=500000'));
    await screenshots(page, 'web-sign-in');
    await expectAccessible(page);
    await devSignIn(page, '县级经办人员', { province: '500000' });
    const results = () => page.getByRole('table', { name: '查询结果' });
    await results().waitFor();
    expect(await results().getByRole('row').count()).toBe(21);
    await page.getByText('已登录：dev-caseworker-500000').waitFor();
    await screenshots(page, 'web-people');
    await expectAccessible(page);

    // By county and status, by name, and by the whole ID number.
    await page.getByLabel('户籍县（代码）').fill('500230');
    await page.getByLabel('姓名').fill('王龙');
    await page.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => results().getByRole('row').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('姓名'), expect.stringMatching(/^王龙彪\s+丰都县/)]);
    await page.getByRole('link', { name: '王龙彪' }).click();
    await page.getByRole('heading', { level: 1, name: '王龙彪' }).waitFor();
    const idNumber = page
      .getByRole('definition')
      .filter({ has: page.locator('.personal-data') })
      .first();
    const wholeId = await idNumber.locator('.personal-data').innerText();
    expect(wholeId).toMatch(/^500230\d{11}[\dX]$/);
    expect(await page.getByText('已遮蔽：不属于您负责的省份').count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: '就业安置' }).waitFor();
    for (const section of ['家庭（贫困户）', '求职意向', '推荐岗位', '就业登记', '山西员工制劳动合同'])
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    await screenshots(page, 'web-person');
    await expectAccessible(page);

    await page.goto(appUrl(demo, `people?id=${wholeId}`));
    await expect.poll(() => results().getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await page.goto(appUrl(demo, 'people?id=5002301990'));
    await page.getByText('请输入完整的18位身份证号。').waitFor();
    expect(await page.getByLabel('身份证号（18位）').getAttribute('aria-invalid')).toBe('true');

    await page.goto(appUrl(demo, `people/${wang.id}`));
    await page.getByRole('button', { name: '退出登录' }).click();
    await devSignIn(page, '县级经办人员', { province: '510000' });
    await page.getByRole('heading', { level: 1, name: '王龙彪' }).waitFor();
    expect(await idNumber.locator('.personal-data').innerText()).toBe('500230************');
    expect(await page.getByText('已遮蔽：不属于您负责的省份').count()).toBe(2);
    await screenshots(page, 'web-person-masked');
    await page.close();
  });
});

describe('the app’s files from the local gateway', () => {
  it('serves assets with their types, every screen’s address as the app, and nothing outside web/dist', async () => {
    const index = await fetch(appUrl(demo, 'people/per_anyone'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = /src="\/app\/(assets\/[^"]+\.js)"/.exec(await index.text())![1]!;
    const asset = await fetch(appUrl(demo, script));
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    expect((await fetch(appUrl(demo, 'assets/missing.js'))).status).toBe(404);
    expect((await fetch(appUrl(demo, '..%2f..%2fpackage.json'))).status).toBe(404);
    const bare = await fetch(appUrl(demo).replace(/\/$/, ''), { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, WEB_APP_PATH]);
  });
});

describe('advancing a placement behind a production gateway', () => {
  let personId: string;
  let postingId: string;
  let placementId: string;

  beforeAll(async () => {
    const admin = production.executeAs(ADMIN);
    const one = async <T>(query: string, input: Record<string, unknown>): Promise<T> => {
      const response = await admin(query, { input });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return Object.values(response.data as Record<string, T>)[0]!;
    };
    const employer = await one<{ id: string }>('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
      name: '济南市豪曼汽车配件有限公司',
      unifiedSocialCreditCode: makeCreditCode('370100', 'HM201702'),
      regionCode: '370100',
      industry: 'MANUFACTURING',
      size: 'MEDIUM',
      contactPerson: { name: '张经理', phone: '13905310000' },
    });
    postingId = (
      await one<{ id: string }>('mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { id } }', {
        employerId: employer.id,
        title: '电焊工',
        occupation: '焊工',
        headcount: 5,
        monthlyWageMinYuan: 6000,
        monthlyWageMaxYuan: 7000,
        workplaceRegionCode: '370100',
        benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY', socialInsurance: true },
      })
    ).id;
    personId = (
      await one<{ id: string }>('mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }', {
        name: '李明',
        idNumber: LI_MING_ID,
        phone: '13881234567',
        hometownCountyCode: '513431',
        povertyRegistered: true,
        skills: ['焊工'],
      })
    ).id;
    const program = await one<{ id: string }>('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
      name: '浙川劳务协作（测试）',
      kind: 'EAST_WEST',
      sendingRegionCodes: ['510000'],
      receivingRegionCodes: ['370000'],
      organisingDepartment: '浙江省人力资源和社会保障厅',
      startsOn: '2017-01-01',
    });
    placementId = (
      await one<{ id: string }>('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id } }', {
        personId,
        postingId,
        programId: program.id,
        sendingCountyCode: '513431',
      })
    ).id;
  });

  it('refuses, in production, an operation outside the manifest from the web app’s client name', async () => {
    const asWebApp = graphqlClient(production.gatewayUrl);
    const arbitrary = await asWebApp('{ programs(first: 1) { edges { node { id } } } }', {}, { [CLIENT_NAME_HEADER]: WEB_APP_CLIENT_NAME });
    expect(errorCodes(arbitrary)).toEqual(['PERSISTED_DOCUMENT_REQUIRED']);
    expect(arbitrary.errors![0]!.message).toContain(`Client "${WEB_APP_CLIENT_NAME}" may send only persisted documents`);
    const unknown = await fetch(production.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_NAME_HEADER]: WEB_APP_CLIENT_NAME },
      body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }),
    }).then((r) => r.json() as Promise<{ errors: { extensions: { code: string } }[] }>);
    expect(unknown.errors.map((e) => e.extensions.code)).toEqual(['PERSISTED_DOCUMENT_NOT_FOUND']);
    // Other clients are not safelisted by default: the policy is per client (PERSISTED_ONLY_CLIENTS).
    expect((await asWebApp('{ programs(first: 1) { edges { node { id } } } }')).errors).toBeUndefined();
  });

  it('refuses the development sign-in in production, and the sign-in screen does not offer it', async () => {
    const signInUrl = production.gatewayUrl.replace(/\/graphql$/, DEV_SIGN_IN_PATH);
    const post = await fetch(signInUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'caseworker', provinces: ['510000'] }),
    });
    expect(post.status).toBe(404);
    expect((await fetch(signInUrl)).status).toBe(404);
    // The development gateway signs a token the gateway then accepts.
    const dev = await fetch(demo.gatewayUrl.replace(/\/graphql$/, DEV_SIGN_IN_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(dev.status).toBe(400);
    const page = await newPage();
    await page.goto(appUrl(production, 'people'));
    await page.getByText('粘贴令牌登录（调试用）').waitFor();
    expect(await page.getByRole('form', { name: '登录' }).count()).toBe(0);
    await page.close();
  });

  it('hires through the employers subgraph, shows the pending state until the programs subgraph has the hire, then offers only the legal next statuses', async () => {
    const page = await newPage();
    const sent = sentOperations(page);
    await page.goto(appUrl(production, `people/${personId}`));
    await tokenSignIn(page, await devToken({ roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-sichuan' }));
    await page.getByRole('heading', { level: 1, name: '李明' }).waitFor();
    expect(await page.locator('.personal-data').first().innerText()).toBe(LI_MING_ID);
    const card = page.locator(`[data-placement="${placementId}"]`);
    // An intention moves only by hiring: no status list to pick an illegal move from.
    expect(await card.getByLabel('变更为').count()).toBe(0);
    const wage = card.getByLabel('约定月工资（元）');
    await wage.fill('0');
    await card.getByRole('button', { name: '录用' }).click();
    await card.getByText('请输入 1 到 100000 之间的整数。').waitFor();
    expect(await wage.getAttribute('aria-invalid')).toBe('true');

    await production.streamPoller!.catchUp(); // the person reaches the employers subgraph by the people table's stream: hire needs it
    // The programs subgraph's stream projection runs every 500 ms here: the first move to HIRED is held
    // back a little, as a slower projection in AWS would make it, so the pending state can be seen.
    let held = false;
    await page.route('**/graphql', async (route) => {
      if (!held && JSON.parse(route.request().postData() ?? '{}').documentId === AdvancePlacementDocument.__meta__!.hash) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      await route.continue();
    });
    await wage.fill('6500');
    await card.getByRole('button', { name: '录用' }).click();
    await card.locator('[data-pending]').waitFor();
    expect(await card.locator('[data-pending]').innerText()).toMatch(/^企业已录用，等待项目系统同步录用记录…/);
    await screenshots(page, 'web-hire-pending');
    await production.streamPoller!.catchUp(); // the hire reaches the programs subgraph by the employers table's stream
    await card.getByText('已录用，月工资 ¥6,500。').waitFor({ timeout: 15_000 });
    expect(await card.locator('[data-status]').innerText()).toBe('已录用');
    const moveTo = card.getByLabel('变更为');
    expect(await moveTo.locator('option').allInnerTexts()).toEqual(['请选择…', '已就业登记', '已离职']);
    await screenshots(page, 'web-hire-done');
    await expectAccessible(page);

    // Meanwhile a colleague records the employment registration: the page's version is stale.
    const admin = production.executeAs(ADMIN);
    const moved = await admin('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { version } }', {
      input: { id: placementId, expectedVersion: 2, to: 'REGISTERED' },
    });
    expect(moved.errors).toBeUndefined();
    const advance = card.getByRole('button', { name: '变更状态' });
    await moveTo.selectOption({ label: '已离职' });
    await advance.click();
    const reload = card.getByRole('button', { name: '重新加载' });
    await reload.waitFor();
    const actionError = page.locator(`[id="${await advance.getAttribute('aria-describedby')}"]`);
    expect(await actionError.innerText()).toContain(`CONFLICT Placement "${placementId}" was changed by someone else since version 2; reload it`);
    await screenshots(page, 'web-placement-stale');
    await reload.click();
    await card.getByText('已重新加载：当前为“已就业登记”，第 3 版。请重新选择变更。').waitFor();
    expect(await moveTo.locator('option').allInnerTexts()).toEqual(['请选择…', '稳岗满3个月', '已离职']);
    await moveTo.selectOption({ label: '稳岗满3个月' });
    await advance.click();
    await card.getByText('已变更为“稳岗满3个月”。').waitFor();
    expect(await card.locator('[data-status]').innerText()).toBe('稳岗满3个月');
    expect(await card.locator('.history li').allInnerTexts()).toEqual([
      expect.stringMatching(/^达成就业意向 — \d{4}\/\d+\/\d+ \d{2}:\d{2} \(北京时间\)/),
      expect.stringMatching(/^已录用 — .*，经办人 caseworker-sichuan$/),
      expect.stringMatching(/^已就业登记 — .*，经办人 dev-admin$/),
      expect.stringMatching(/^稳岗满3个月 — .*，经办人 caseworker-sichuan$/),
    ]);
    await screenshots(page, 'web-placement-advanced');
    // The app worked on a production gateway by sending persisted documents only.
    expect(sent.every((body) => body.documentId?.startsWith('sha256:') && body.query === undefined)).toBe(true);
    await page.close();
  });
});
