/**
 * The bulk import of workers in headless Chromium, behind a production gateway on tables of this
 * file only: 1,000 rows of CSV (ten of them wrong) imported twice, and a small XLSX workbook.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEB_APP_PATH } from '../../gateway/serving/web-app.js';
import { signDevToken } from '../../scripts/dev-keys.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { ensureWebAppBuilt } from '../../web/build.js';
import { launchBrowser } from '../support/browser.js';
import { useLocalSystem } from '../support/local-system.js';
import { expectAccessible, newPage, screenshots, tokenSignIn } from './app-page.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
let browser: Browser;
const FILES = 'test-results/import';

beforeAll(async () => {
  await ensureWebAppBuilt();
  system = await useLocalSystem({ loadDemoData: false, production: true });
  browser = await launchBrowser();
  mkdirSync(FILES, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const HEADER = ['姓名', '身份证号', '手机号', '户籍县代码', '建档立卡', '技能'];
/** Row i of the file: a Zhaojue County (513431) worker; every hundredth has an 8-digit phone number. */
function row(i: number): string[] {
  const birth = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
  return [
    `测试${i}`,
    makeResidentId('513431', birth, 100 + Math.floor(i / 10)),
    i % 100 === 7 ? '13812345' : `1388${String(i).padStart(7, '0')}`,
    '513431',
    i % 3 === 0 ? '是' : '否',
    i % 2 ? '焊工、电工' : '缝纫',
  ];
}

describe('bulk import of workers', () => {
  it('imports 1,000 CSV rows in chunks with a progress bar, shows each failed row’s reason, and a second import changes nothing', async () => {
    const csv = [HEADER, ...Array.from({ length: 1000 }, (_, i) => row(i))].map((cells) => cells.join(',')).join('\n');
    writeFileSync(`${FILES}/workers-1000.csv`, '\uFEFF' + csv);
    const page = await newPage(browser);
    page.setDefaultTimeout(120_000);
    await page.goto(system.gatewayUrl.replace(/\/graphql$/, WEB_APP_PATH) + 'import');
    await tokenSignIn(
      page,
      await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['510000'], subject: 'caseworker-zhaojue' }),
    );
    await page.getByRole('heading', { level: 1, name: '批量导入人员' }).waitFor();
    const figure = (name: string) => page.locator(`dd[data-figure="${name}"]`).innerText();

    const importOnce = async () => {
      await page.getByLabel('选择文件').setInputFiles(`${FILES}/workers-1000.csv`);
      await page.locator('progress').waitFor();
      await page.getByRole('heading', { level: 2, name: '导入结果' }).waitFor();
      return {
        created: await figure('created'),
        unchanged: await figure('unchanged'),
        failed: await figure('failed'),
        seconds: Number(await figure('seconds')),
      };
    };
    const first = await importOnce();
    expect(await page.locator('progress').getAttribute('value')).toBe('1000');
    expect(first).toEqual({ created: '990', unchanged: '0', failed: '10', seconds: expect.any(Number) });
    const failures = page.getByRole('table', { name: '失败的行及原因' }).getByRole('row');
    expect(await failures.count()).toBe(11);
    expect(await failures.nth(1).innerText()).toMatch(/^9\s+BAD_USER_INPUT input\.phone: /);
    await screenshots(page, 'web-import');
    await expectAccessible(page);

    const second = await importOnce();
    expect(second).toEqual({ created: '0', unchanged: '990', failed: '10', seconds: expect.any(Number) });
    console.log(
      `Import of 1,000 rows: first ${first.seconds.toFixed(1)} s (990 created, 10 failed), second ${second.seconds.toFixed(1)} s (990 unchanged, 10 failed)`,
    );
    const people = await system.executeAs({ roles: ['admin'] })(
      '{ people(first: 100, filter: { hometownCountyCode: "513431" }) { edges { node { id } } pageInfo { hasNextPage } } }',
    );
    expect((people.data as { people: { pageInfo: { hasNextPage: boolean } } }).people.pageInfo.hasNextPage).toBe(true);
    await page.close();
    // DynamoDB Local writes the ~10,000 items of 1,000 people at its own pace on a loaded machine: this bounds a hang, not the speed (the time is logged).
  }, 600_000);

  it('reads an XLSX workbook and names missing columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(HEADER);
    for (let i = 2000; i < 2003; i++) sheet.addRow(row(i));
    await workbook.xlsx.writeFile(`${FILES}/workers.xlsx`);
    writeFileSync(`${FILES}/no-id.csv`, '姓名,手机号\n张三,13800000000\n');
    const page = await newPage(browser);
    await page.goto(system.gatewayUrl.replace(/\/graphql$/, WEB_APP_PATH) + 'import');
    await tokenSignIn(page, await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['510000'] }));
    await page.getByLabel('选择文件').setInputFiles(`${FILES}/no-id.csv`);
    await page.getByText('表头缺少列：身份证号、户籍县代码').waitFor();
    await page.getByLabel('选择文件').setInputFiles(`${FILES}/workers.xlsx`);
    await page.getByRole('heading', { level: 2, name: '导入结果' }).waitFor({ timeout: 60_000 });
    const reasons =
      (await page.getByRole('table', { name: '失败的行及原因' }).count()) > 0 ? await page.getByRole('table', { name: '失败的行及原因' }).innerText() : '';
    expect(await page.locator('dd[data-figure="created"]').innerText(), reasons).toBe('3');
    await page.close();
  });
});
