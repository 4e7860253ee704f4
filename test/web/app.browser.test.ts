/**
 * The web app in headless Chromium, against the whole local system: the read screens on the run's
 * shared demo data (development gateway), the caseworker's writes on tables of this file only
 * behind a production gateway, where the app must live with persisted documents alone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLIENT_NAME_HEADER, WEB_APP_CLIENT_NAME } from '../../gateway/limits/persisted-documents.js';
import { WEB_APP_PATH } from '../../gateway/serving/web-app.js';
import { signDevToken, type DevTokenClaims } from '../../scripts/dev-keys.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { ensureWebAppBuilt } from '../../web/build.js';
import { foreignRequests, launchBrowser, screenshot } from '../support/browser.js';
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

/** A page whose waits fail after 10 s, naming what they waited for (not at the test's timeout). */
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  return page;
}

async function signIn(page: Page, token: string) {
  await page.getByLabel('Development token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

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
    await page.getByRole('heading', { level: 1, name: 'Cooperation programs' }).waitFor();
    const cards = page.getByRole('list', { name: 'Programs' }).getByRole('heading', { level: 2 });
    await cards.first().waitFor();
    const all = await cards.allInnerTexts();
    expect(all).toEqual(expect.arrayContaining(['浙川东西部扶贫劳务协作', '渝鲁东西部扶贫劳务协作']));

    await page.getByLabel('Sending province').selectOption('510000');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => cards.allInnerTexts()).toEqual(['浙川东西部扶贫劳务协作']);
    expect(new URL(page.url()).search).toBe('?sending=510000');
    await screenshot(page, 'web-programs');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => cards.count()).toBe(Math.min(all.length, 10));
    const next = page.getByRole('button', { name: 'Next page →' });
    if (await next.isEnabled()) {
      await next.click();
      await page.getByText('Page 2').waitFor();
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
    const funnel = page.getByRole('img', { name: /^Placement funnel: Intentions/ });
    expect(await funnel.getAttribute('aria-label')).toMatch(
      /^Placement funnel: Intentions [\d,]+, Hired [\d,]+, Registered [\d,]+, Retained 3 months [\d,]+, Retained 6 months [\d,]+, Retained 12 months [\d,]+$/,
    );
    await page
      .locator('figcaption')
      .filter({ hasText: /^Intentions of registered-poor people: [\d,]+ of [\d,]+ \(/ })
      .waitFor();
    const counties = page.getByRole('table', { name: 'Placements by sending county' });
    expect(await counties.getByRole('row').count()).toBeGreaterThan(1);
    await screenshot(page, 'web-program');

    await page.getByRole('region', { name: 'Job fairs' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Statistics' }).waitFor();
    const figure = (name: string) => page.locator(`dd[data-figure="${name}"]`).innerText();
    expect([await figure('employers'), await figure('positions'), await figure('intentions'), await figure('registered-poor')]).toEqual([
      '122',
      '13,000',
      '4,112',
      '1,096',
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('浙川');
    await page.getByRole('term').filter({ hasText: 'Date' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Participating employers' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Offered postings' }).waitFor();
    await screenshot(page, 'web-job-fair');
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
    await signIn(page, caseworker);
    await page.getByRole('table', { name: 'People found' }).waitFor();
    expect(await page.getByRole('table', { name: 'People found' }).getByRole('row').count()).toBe(21);
    await page.goto(appUrl(demo, `people/${wang.id}`));
    await page.getByRole('heading', { level: 1, name: '王龙彪' }).waitFor();
    const idNumber = page
      .getByRole('definition')
      .filter({ has: page.locator('.personal-data') })
      .first();
    expect(await idNumber.locator('.personal-data').innerText()).toMatch(/^500230\d{11}[\dX]$/);
    expect(await page.getByText('masked: not one of your provinces').count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Placements' }).waitFor();
    await screenshot(page, 'web-person');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, await devToken({ roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-sichuan' }));
    await page.getByRole('heading', { level: 1, name: '王龙彪' }).waitFor();
    expect(await idNumber.locator('.personal-data').innerText()).toBe('500230************');
    expect(await page.getByText('masked: not one of your provinces').count()).toBe(2);
    await screenshot(page, 'web-person-masked');
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
  let employerId: string;

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
    employerId = employer.id;
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
        skills: ['焊工'],
      })
    ).id;
    // The person's registered-poor flag reaches the programs subgraph first, so the intention is counted with it
    // from the start (a later flag change would move the placement's version under the page).
    await production.streamPoller!.catchUp();
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

  it('shows the server’s message next to the field for an illegal move and a missing hire, and offers a reload on a stale version', async () => {
    const page = await newPage();
    const sent = sentOperations(page);
    await page.goto(appUrl(production, `people/${personId}`));
    await signIn(page, await devToken({ roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-sichuan' }));
    await page.getByRole('heading', { level: 1, name: '李明' }).waitFor();
    expect(await page.locator('.personal-data').first().innerText()).toBe(LI_MING_ID);

    const moveTo = page.getByLabel('Move to');
    const advance = page.getByRole('button', { name: 'Advance placement' });
    const fieldError = async () => page.locator(`[id="${await moveTo.getAttribute('aria-describedby')}"]`).innerText();

    await moveTo.selectOption('REGISTERED');
    await advance.click();
    await expect.poll(() => moveTo.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError()).toBe('BAD_USER_INPUT input.to: a INTENT placement cannot move to REGISTERED; it can move to HIRED.');
    await screenshot(page, 'web-placement-illegal-move');

    await moveTo.selectOption('HIRED');
    await page.getByLabel('Agreed monthly wage (yuan)').fill('6500');
    await advance.click();
    await expect
      .poll(fieldError)
      .toMatch(/^CONFLICT Person ".+" is not \(yet\) hired into job posting ".+": call the employers subgraph's hire mutation first, then retry this move\.$/);

    // Meanwhile the employer hires the worker and a colleague records the move: the page's version is stale.
    const admin = production.executeAs(ADMIN);
    await production.streamPoller!.catchUp(); // the person reaches the employers subgraph by the people table's stream: hire needs it
    expect(
      (await admin('mutation ($input: HireInput!) { hire(input: $input) { id } }', { input: { postingId, personId, idempotencyKey: 'web-test-hire' } })).errors,
    ).toBeUndefined();
    await production.streamPoller!.catchUp(); // the hire reaches the programs subgraph by the employers table's stream
    const moved = await admin('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { version } }', {
      input: { id: placementId, expectedVersion: 1, to: 'HIRED', monthlyWageYuan: 6500 },
    });
    expect(moved.errors).toBeUndefined();
    // REGISTERED links the person's employment registration with the posting's employer (people subgraph), seen by the stream.
    const registration = await admin('mutation ($input: RecordEmploymentRegistrationInput!) { recordEmploymentRegistration(input: $input) { id } }', {
      input: { personId, employerId, employerName: '济南市豪曼汽车配件有限公司', workplaceRegionCode: '370100', startDate: '2017-01-01' },
    });
    expect(registration.errors).toBeUndefined();
    await production.streamPoller!.catchUp();

    await moveTo.selectOption('REGISTERED');
    await advance.click();
    const reload = page.getByRole('button', { name: 'Reload placement' });
    await reload.waitFor();
    const actionError = page.locator(`[id="${await advance.getAttribute('aria-describedby')}"]`);
    expect(await actionError.innerText()).toContain(`CONFLICT Placement "${placementId}" was changed by someone else since version 1; reload it`);
    await screenshot(page, 'web-placement-stale');
    await reload.click();
    await page.getByText('Reloaded: now Hired, version 2.').waitFor();
    await moveTo.selectOption('REGISTERED');
    await advance.click();
    await page.getByText('Moved to Employment registered.').waitFor();
    expect(await page.locator('[data-status]').innerText()).toBe('Employment registered');
    expect(await page.locator('.history li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Intention — /),
      expect.stringMatching(/^Hired — .* by dev-admin$/),
      expect.stringMatching(/^Employment registered — .* by caseworker-sichuan$/),
    ]);
    await screenshot(page, 'web-placement-advanced');
    // The app worked on a production gateway by sending persisted documents only.
    expect(sent.every((body) => body.documentId?.startsWith('sha256:') && body.query === undefined)).toBe(true);
    await page.close();
  });
});
