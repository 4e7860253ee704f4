/**
 * What the web app's browser tests share: pages at desktop and phone widths, signing in the way a
 * user does, screenshots of both widths, and an axe-core accessibility check.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../support/browser.js';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A page whose waits fail after 10 s, naming what they waited for (not at the test's timeout); Chinese unless told. */
export async function newPage(browser: Browser, options: { language?: 'zh-CN' | 'en' } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Europe/London' });
  page.setDefaultTimeout(10_000);
  if (options.language === 'en') await page.addInitScript(() => localStorage.setItem('labor-cooperation.language', 'en'));
  return page;
}

/** The development sign-in form, as a user fills it in. */
export async function devSignIn(page: Page, role: '县级经办人员' | '省级项目管理人员' | '企业用户', options: { province?: string; employerId?: string } = {}) {
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('角色').selectOption({ label: role });
  if (options.province) await form.getByLabel('负责省份').selectOption(options.province);
  if (options.employerId) await form.getByLabel('企业编号').fill(options.employerId);
  await form.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** Signing in with a pasted token: the only way on a production gateway in these tests (no hosted sign-in locally). */
export async function tokenSignIn(page: Page, token: string) {
  await page.getByText('粘贴令牌登录（调试用）').click();
  await page.getByLabel('开发令牌').fill(token);
  await page.locator('.token-sign-in').getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** Full-page screenshots at desktop and phone widths: `<name>-desktop.png` and `<name>-phone.png`. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is, at both widths. Evaluated through the
 * DevTools protocol, so the app's content security policy (scripts from 'self' only) needs no hole.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    expect(violations, `${page.url()} at ${viewport.width}px`).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
}
