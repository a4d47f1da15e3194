// The evidence report in Debian's headless Chromium (driven by playwright-core, no browser downloaded): every
// section and chart is drawn, the page asks for nothing beyond itself, and the print layout starts the inputs
// on a page of their own.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { scratchDir } from '../run-cli';
import { AUDIT, SECTIONS, lendingReport } from './report-files';

jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';
/** What the page's function uses of the browser's window (the tests compile without the DOM library). */
interface BrowserWindow {
  getComputedStyle(e: unknown): { getPropertyValue(property: string): string };
}
let browser: Browser;
let url: string;
/** Columns with a PSI and groups of afam, from the same report as JSON. */
let expected: { columns: number; groups: number };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium, as .ci/run does`);
  const dir = scratchDir();
  url = pathToFileURL(lendingReport(dir, 'html', AUDIT)).href;
  const json = JSON.parse(readFileSync(lendingReport(dir, 'json', AUDIT), 'utf8')) as {
    check: { drift: Record<string, { psi: number | null }>; fairness: { afam: { groups: object } } };
  };
  expected = {
    columns: Object.values(json.check.drift).filter((d) => d.psi !== null).length,
    groups: Object.keys(json.check.fairness.afam.groups).length,
  };
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
});

it('draws every section and chart and requests nothing but itself', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(url, { waitUntil: 'load' });

  expect(await page.locator('section > h2').allTextContents()).toEqual(SECTIONS);
  const figures = page.locator('figure.chart');
  // Performance, PSI per column, afam's selection rates and the pack's impact ratios.
  expect(await figures.count()).toBe(4);
  for (let i = 0; i < 4; i++) {
    const svg = figures.nth(i).locator('svg');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(150);
    // Marks, not an empty frame: bars, points or rules drawn as paths.
    expect(await svg.locator('g.mark-rect path, g.mark-symbol path, g.mark-rule line').count()).toBeGreaterThan(0);
  }
  // The drift chart has one bar per column with a PSI, the fairness chart one point per group.
  expect(await page.locator('#chart-drift g.mark-rect.role-mark path').count()).toBe(expected.columns);
  expect(await page.locator('#chart-fairness-afam g.mark-symbol.role-mark path').count()).toBe(expected.groups);
  expect(await page.locator('#violations tbody tr').count()).toBeGreaterThan(0);

  expect(requests).toEqual([url]);
  expect(problems).toEqual([]);
  await page.close();
});

it('prints with its own stylesheet: the inputs start a page, charts are not split', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  const style = (selector: string, property: string): Promise<string> =>
    page
      .locator(selector)
      .first()
      .evaluate((e, p) => (globalThis as unknown as BrowserWindow).getComputedStyle(e).getPropertyValue(p), property);
  expect(await style('#inputs', 'break-before')).toBe('page');
  expect(await style('figure.chart', 'break-inside')).toBe('avoid');
  await page.close();
});
