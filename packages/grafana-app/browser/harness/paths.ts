// Where things are, relative to this package (the harness is bundled to browser/.out/, so paths come from the
// package root passed in by run.mjs rather than from import.meta.url).
import { join, resolve } from 'node:path';
import { TRAFFIC_SERVICE_PROGRAM } from '@modelwatch/live-traffic';

export interface Paths {
  /** packages/grafana-app */
  pkg: string;
  /** the repository root */
  root: string;
  dist: string;
  browser: string;
  /** build output of the harness (gitignored) */
  out: string;
  screenshots: string;
  /** docs/img, where the README's screenshots are refreshed: only with --update-docs, so a run leaves the tree clean. */
  docsImg: string | null;
  cli: string;
  /** @modelwatch/live-traffic's built service program, found through that package rather than from pkg. */
  trafficService: string;
  lendingData: string;
}

export function pathsFrom(pkg: string, options: { updateDocs: boolean }): Paths {
  const root = resolve(pkg, '../..');
  const browser = join(pkg, 'browser');
  return {
    pkg,
    root,
    dist: join(pkg, 'dist'),
    browser,
    out: join(browser, '.out'),
    screenshots: join(browser, 'screenshots'),
    docsImg: options.updateDocs ? join(root, 'docs/img') : null,
    cli: join(root, 'packages/cli/dist/bin.js'),
    trafficService: TRAFFIC_SERVICE_PROGRAM,
    lendingData: join(root, 'examples/lending/data'),
  };
}
