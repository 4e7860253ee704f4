import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, launchBrowser, screenshot } from '../support/browser.js';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
let browser: Browser;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the explorer in a browser', () => {
  it('opens, runs its example query against the gateway and shows the result, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const foreign = foreignRequests(page);
    await page.goto(system.gatewayUrl);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 20_000 });
    await run.click();
    const result = page.locator('.graphiql-response');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toContain('monthlyWageMinYuan');
    const text = await result.innerText();
    expect(text).toContain('"edges"');
    expect(text).not.toContain('"errors"');
    await screenshot(page, 'explorer');
    expect(foreign).toEqual([]);
  });
});
