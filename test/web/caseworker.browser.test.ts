/**
 * A county caseworker's workflows in headless Chromium, in Chinese: the follow-up list on the demo
 * data (development gateway), registering a person with a household and recording an intention at
 * a fair on tables of this file only behind a production gateway (persisted documents only).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEB_APP_PATH } from '../../gateway/serving/web-app.js';
import { signDevToken, type DevTokenClaims } from '../../scripts/dev-keys.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { ensureWebAppBuilt } from '../../web/build.js';
import { launchBrowser } from '../support/browser.js';
import { useLocalSystem } from '../support/local-system.js';
import { devSignIn, expectAccessible, newPage, screenshots, tokenSignIn } from './app-page.js';

type System = Awaited<ReturnType<typeof useLocalSystem>>;
let demo: System;
let production: System;
let browser: Browser;
const appUrl = (system: System, path = '') => system.gatewayUrl.replace(/\/graphql$/, WEB_APP_PATH) + path;
const devToken = (claims: DevTokenClaims) => signDevToken(inject('keys').issuerPrivateKey, claims);

let fairId: string;
const ZHANG_ID = makeResidentId('513431', '1993-06-18', 55);

beforeAll(async () => {
  await ensureWebAppBuilt();
  [demo, production] = await Promise.all([useLocalSystem({ loadDemoData: true }), useLocalSystem({ loadDemoData: false, production: true })]);
  browser = await launchBrowser();
  const admin = production.executeAs({ roles: ['admin'] });
  const one = async <T>(query: string, input: Record<string, unknown>): Promise<T> => {
    const response = await admin(query, { input });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return Object.values(response.data as Record<string, T>)[0]!;
  };
  const employer = await one<{ id: string }>('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
    name: '宁波市甬江电子有限公司',
    unifiedSocialCreditCode: makeCreditCode('330200', 'YJ201704'),
    regionCode: '330200',
    industry: 'MANUFACTURING',
    size: 'MEDIUM',
    contactPerson: { name: '陈经理', phone: '13905740000' },
  });
  const posting = await one<{ id: string }>('mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { id } }', {
    employerId: employer.id,
    title: '电子装配工',
    occupation: '装配工',
    headcount: 20,
    monthlyWageMinYuan: 4200,
    monthlyWageMaxYuan: 5200,
    workplaceRegionCode: '330200',
    benefits: { housing: 'FREE_DORMITORY', socialInsurance: true },
  });
  const program = await one<{ id: string }>('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
    name: '浙川劳务协作（意向测试）',
    kind: 'EAST_WEST',
    sendingRegionCodes: ['510000'],
    receivingRegionCodes: ['330000'],
    organisingDepartment: '浙江省人力资源和社会保障厅',
    startsOn: '2017-01-01',
  });
  fairId = (
    await one<{ id: string }>('mutation ($input: ScheduleRecruitmentEventInput!) { scheduleRecruitmentEvent(input: $input) { id } }', {
      programId: program.id,
      name: '昭觉县浙川专场招聘会',
      heldOn: '2017-04-20',
      venueRegionCode: '513431',
    })
  ).id;
  await one('mutation ($input: RecordEventParticipantsInput!) { recordEventParticipants(input: $input) { id } }', {
    eventId: fairId,
    participants: [{ employerId: employer.id, positions: 20, postingIds: [posting.id] }],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('the follow-up list', () => {
  it('shows a county’s overdue retention checks with the person, the check and how late it is, and links to the person', async () => {
    const page = await newPage(browser);
    await page.goto(appUrl(demo, 'follow-up'));
    await devSignIn(page, '县级经办人员', { province: '500000' });
    await page.getByRole('heading', { level: 1, name: '稳岗回访' }).waitFor();
    await page.getByText('请输入输出县代码，查看该县的回访清单。').waitFor();
    await page.getByLabel('输出县代码').fill('500230');
    await page.getByRole('button', { name: '查看' }).click();
    const table = page.getByRole('table', { name: '丰都县稳岗回访清单' });
    // The list reads people, postings and employers through the gateway: slower than one subgraph on a loaded machine.
    await table.waitFor({ timeout: 30_000 });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    // The demo's hires are of 2017: every check is overdue today, the longest first.
    const states = await table.locator('tbody td:nth-child(4)').allInnerTexts();
    expect(states.every((s) => /^已逾期 \d+ 天$/.test(s))).toBe(true);
    const days = states.map((s) => Number(s.match(/\d+/)![0]));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(await table.locator('tbody td:nth-child(2)').first().innerText()).toMatch(/^稳岗满(3|6|12)个月$/);
    await screenshots(page, 'web-follow-up');
    await expectAccessible(page);
    await table.locator('tbody th a').first().click();
    await page.getByRole('heading', { level: 2, name: '个人信息' }).waitFor();
    await page.close();
  });

  it('says so beside the field when the county code is not six digits', async () => {
    const page = await newPage(browser);
    await page.goto(appUrl(demo, 'follow-up?county=5002'));
    await devSignIn(page, '县级经办人员', { province: '500000' });
    await page.getByText('县代码是 6 位数字，例如 513431。').waitFor();
    expect(await page.getByLabel('输出县代码').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });
});

describe('registering a person with the household', () => {
  it('shows each server problem beside its field, then registers the person into a new household', async () => {
    const page = await newPage(browser);
    await page.goto(appUrl(production, 'register'));
    await tokenSignIn(page, await devToken({ roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-zhaojue' }));
    const form = page.getByRole('form', { name: '登记人员' });
    await form.getByLabel('姓名').fill('张阿依');
    await form.getByLabel('身份证号').fill('51343119930618005');
    await form.getByLabel('手机号').fill('1398');
    await form.getByLabel('户籍县代码').fill('513431');
    await form.getByRole('button', { name: '登记' }).click();
    // The people subgraph's BAD_USER_INPUT lists every broken rule; each shows under its own field.
    const idError = page.locator(`[id="${await form.getByLabel('身份证号').getAttribute('id')}-error"]`);
    await idError.waitFor();
    expect(await idError.innerText()).toBe('身份证号不正确：应为 18 位（17 位数字加 1 位数字或 X），校验位和出生日期须有效。');
    const phoneError = page.locator(`[id="${await form.getByLabel('手机号').getAttribute('id')}-error"]`);
    expect(await phoneError.innerText()).not.toBe('');
    expect(await form.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    await screenshots(page, 'web-register-errors');
    await expectAccessible(page);

    await form.getByLabel('身份证号').fill(ZHANG_ID);
    await form.getByLabel('手机号').fill('13981234567');
    await form.getByLabel('技能').fill('缝纫、电工');
    await form.getByLabel('意向工种').fill('装配工');
    await form.getByLabel('意向去向省份').selectOption(['330000']);
    await form.getByRole('button', { name: '登记' }).click();
    await page.getByRole('heading', { level: 2, name: '已登记：张阿依' }).waitFor();
    await page.getByText('已登记到家庭。').waitFor();
    await screenshots(page, 'web-register-done');
    await page.getByRole('link', { name: '查看 张阿依 的人员页面' }).click();
    await page.getByRole('heading', { level: 1, name: '张阿依' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '家庭（贫困户）' }).waitFor();
    const stored = await production.executeAs({ roles: ['admin'] })(
      'query ($id: String!) { personByIdNumber(idNumber: $id) { skills household { povertyStatus region { code } members { name } } } }',
      { id: ZHANG_ID },
    );
    expect(stored.data).toEqual({
      personByIdNumber: { skills: ['缝纫', '电工'], household: { povertyStatus: 'REGISTERED', region: { code: '513431' }, members: [{ name: '张阿依' }] } },
    });
    await page.close();
  });
});

describe('recording an intention at a fair', () => {
  it('finds the worker by ID number, records the intention for one of the fair’s postings, and says why when the number is unknown', async () => {
    const page = await newPage(browser);
    // A fair's page is public and offers no sign-in: sign in on a staff screen first (the token stays in the tab).
    await page.goto(appUrl(production, 'people'));
    await tokenSignIn(page, await devToken({ roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-zhaojue' }));
    await page.goto(appUrl(production, `fairs/${fairId}`));
    const form = page.getByRole('form', { name: '记录就业意向' });
    await form.getByRole('button', { name: '记录意向' }).click();
    await page.getByText('请输入完整的 18 位身份证号。').waitFor();
    await page.getByText('请选择本场招聘会的一个岗位。').waitFor();
    await form.getByLabel('劳动者身份证号').fill(makeResidentId('513431', '1980-01-01', 999));
    await form.getByLabel('意向岗位').selectOption({ label: '电子装配工 — 宁波市甬江电子有限公司' });
    await form.getByRole('button', { name: '记录意向' }).click();
    await page.getByText('没有找到这个身份证号的劳动者，或者您无权查看；请先登记人员。').waitFor();

    await form.getByLabel('劳动者身份证号').fill(ZHANG_ID);
    await form.getByRole('button', { name: '记录意向' }).click();
    await page.getByText('已记录：张阿依 与“电子装配工 — 宁波市甬江电子有限公司”达成就业意向。').waitFor();
    await screenshots(page, 'web-fair-intention');
    await expectAccessible(page);
    const placements = await production.executeAs({ roles: ['admin'] })(
      'query ($id: ID!) { placements(filter: { eventId: $id }) { edges { node { status person { name } sendingCounty { code } } } } }',
      { id: fairId },
    );
    expect(placements.data).toEqual({ placements: { edges: [{ node: { status: 'INTENT', person: { name: '张阿依' }, sendingCounty: { code: '513431' } } }] } });
    await page.close();
  });
});
