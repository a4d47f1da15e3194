// Debian's Chromium through playwright-core, and host pages that report every page error, console error and
// failed request (answers of 400 and above included) unless the check that causes it declared it expected.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostConfig, PluginModules, ThemeMode } from '../host/api';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface HostPage {
  page: Page;
  mode: ThemeMode;
  /** Problems seen so far, each one line. */
  problems: string[];
  /** URLs matching these may fail (a check provokes the failure on purpose). */
  expectFailures(pattern: RegExp): void;
}

export async function openHostPage(
  browser: Browser,
  base: string,
  mode: ThemeMode,
  modules: PluginModules,
  config: HostConfig
): Promise<HostPage> {
  const page = await browser.newPage({ viewport: { width: 1320, height: 900 }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  const expected: RegExp[] = [];
  const allowed = (url: string): boolean => expected.some((p) => p.test(url));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message.split('\n')[0]}`));
  page.on('console', (m) => {
    if (process.env.HARNESS_VERBOSE) {
      console.log(`[console ${mode}] ${m.type()} ${m.text().slice(0, 300)}`);
    }
    // The browser logs a failed request a second time as a console error; the request itself is judged below.
    if (
      m.type() === 'error' &&
      !(m.location().url && allowed(m.location().url)) &&
      !/^Failed to load resource/.test(m.text())
    ) {
      problems.push(`console error: ${m.text().split('\n')[0]}`);
    }
  });
  page.on(
    'requestfailed',
    (r) => allowed(r.url()) || problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`)
  );
  page.on('response', (r) => r.status() >= 400 && !allowed(r.url()) && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`${base}/?theme=${mode}`);
  await page.evaluate((m) => window.modelwatchHost.setup(m), modules);
  await page.evaluate((c) => window.modelwatchHost.configure(c), config);
  return { page, mode, problems, expectFailures: (p) => expected.push(p) };
}
