// Where things are, relative to this package (the harness is bundled to browser/.out/, so paths come from the
// package root passed in by run.mjs rather than from import.meta.url).
import { join, resolve } from 'node:path';

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
    trafficService: join(root, 'test/live/service/dist/traffic-service.js'),
    lendingData: join(root, 'examples/lending/data'),
  };
}
