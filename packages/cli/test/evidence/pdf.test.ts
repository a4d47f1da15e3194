// The evidence report as PDF through headless Chromium, read back with Debian's poppler-utils (pdfinfo,
// pdftotext): A4 pages, the title and summary on the first page, every section in order, the inputs and their
// SHA-256 on pages of their own at the end.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { scratchDir } from '../run-cli';
import { AUDIT, REFERENCE, SECTIONS, lendingReport } from './report-files';

jest.setTimeout(120_000);

let pdf: string;
let pages: number;
const text = (first?: number, last?: number): string =>
  execFileSync(
    'pdftotext',
    [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-layout', pdf, '-'],
    { encoding: 'utf8' }
  );

beforeAll(() => {
  pdf = lendingReport(scratchDir(), 'pdf', AUDIT);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
  // Chromium rounds A4 (595.28 × 841.89 points) to its own units; pdfinfo still names it.
  expect(info).toMatch(/^Page size:\s+[0-9.]+ x [0-9.]+ pts \(A4\)$/m);
});

it('has the title and summary on its first page and every section in order', () => {
  expect(pages).toBeGreaterThanOrEqual(4);
  expect(text(1)).toMatch(/Evidence report: lending 1\.0\.0[\s\S]*Summary[\s\S]*violations/);
  // Headings are lines of their own; a page break (form feed) may come before one.
  const lines = text()
    .split(/[\n\f]/)
    .map((l) => l.trim());
  let at = -1;
  for (const heading of SECTIONS) {
    const next = lines.indexOf(heading, at + 1);
    expect([heading, next > at]).toEqual([heading, true]);
    at = next;
  }
});

it('starts the inputs on a page of their own, with the SHA-256 of each', () => {
  let first = 0;
  for (let p = 1; p <= pages && first === 0; p++) if (/^[\s\f]*Inputs\n/.test(text(p))) first = p;
  expect(first).toBeGreaterThan(1);
  // Nothing of the section before it on that page.
  expect(text(first)).not.toMatch(/Violations/);
  const reference = createHash('sha256').update(readFileSync(REFERENCE)).digest('hex');
  // A long hash may wrap inside its cell; compare without line breaks.
  expect(text(first, pages).replace(/\s+/g, '')).toContain(reference);
});
