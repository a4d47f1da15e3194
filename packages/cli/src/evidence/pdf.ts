import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Headless Chromium: $MODELWATCH_CHROMIUM, else the first of the usual names on PATH. */
export function findChromium(): string | null {
  const given = process.env.MODELWATCH_CHROMIUM;
  if (given) return given;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Prints the HTML page to PDF with headless Chromium; its print stylesheet lays out the pages. */
export function htmlToPdf(html: string): Uint8Array {
  const chromium = findChromium();
  if (!chromium) {
    throw new InputError(
      '--format pdf needs headless Chromium: install it (Debian: apt-get install chromium) or set MODELWATCH_CHROMIUM to its path'
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-report-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html);
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    // Chromium refuses to run its sandbox as root (containers, CI); the page has no scripts and fetches nothing.
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    const run = spawnSync(chromium, args, { encoding: 'utf8', timeout: 120_000 });
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(pdf);
    } catch {
      bytes = null;
    }
    if (run.error || !bytes || bytes.length === 0) {
      const why = run.error ? run.error.message : (run.stderr ?? '').trim().split('\n').pop() || `exit ${run.status}`;
      throw new InputError(`${chromium}: could not print the report to PDF (${why})`);
    }
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
