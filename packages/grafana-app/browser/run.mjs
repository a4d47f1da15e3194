// Runs the browser test: `node packages/grafana-app/browser/run.mjs`, after `npm run build` at the root and
// `npm run build -w packages/grafana-app`; `--update-docs` also refreshes the README's screenshots in docs/img/.
// The harness is TypeScript (harness/ on the Node side, host/ in the page): esbuild bundles the Node side here,
// leaving packages to Node's resolution, and runs it.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, '.out', 'harness.mjs');
await build({
  entryPoints: [path.join(here, 'harness', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(outfile).href);
process.exit(await main(path.resolve(here, '..'), process.argv.slice(2)));
