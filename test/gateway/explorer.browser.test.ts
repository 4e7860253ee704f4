import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalSystem } from '../support/local-system.js';

/** Debian's chromium (installed by .ci/run); the flags keep it off a network this machine does not have. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = 'test-results/screenshots';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
let browser: Browser;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('the explorer in a browser', () => {
  it('opens, runs its example query against the gateway and shows the result, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['localhost', '127.0.0.1'].includes(url.hostname) && url.protocol.startsWith('http')) foreign.push(request.url());
    });
    await page.goto(system.gatewayUrl);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 20_000 });
    await run.click();
    const result = page.locator('.graphiql-response');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toContain('monthlyWageMinYuan');
    const text = await result.innerText();
    expect(text).toContain('"edges"');
    expect(text).not.toContain('"errors"');
    await page.screenshot({ path: `${SCREENSHOTS}/explorer.png` });
    expect(foreign).toEqual([]);
  });
});
