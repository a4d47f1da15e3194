// Browser test: load the built, unmodified dist/**/module.js through SystemJS in headless Chromium.
import { build } from 'esbuild';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '..');
const out = path.join(here, '.out');
const require = createRequire(import.meta.url);
const systemjsDir = path.dirname(require.resolve('systemjs/package.json'));
const t0 = Date.now();

await build({
  entryPoints: [path.join(here, 'host.tsx')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  outdir: out,
  entryNames: 'host',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: { '.svg': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.png': 'file', '.gif': 'file' },
  jsx: 'automatic',
  logLevel: 'warning',
  minify: false,
  sourcemap: false,
});
const tBuilt = Date.now();

const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json' };
const roots = [
  ['/systemjs/', path.join(systemjsDir, 'dist')],
  ['/dist/', path.join(pkg, 'dist')],
  ['/', out],
];
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (url === '/') {return send(res, path.join(here, 'host.html'));}
  for (const [prefix, dir] of roots) {
    if (url.startsWith(prefix)) {return send(res, path.join(dir, url.slice(prefix.length)), dir);}
  }
  res.writeHead(404).end();
});
function send(res, file, dir) {
  if (dir && !path.resolve(file).startsWith(path.resolve(dir))) {return res.writeHead(403).end();}
  fs.readFile(file, (err, body) => {
    if (err) {return res.writeHead(404).end();}
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
}
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
// Grafana serves the Inter web fonts (public/fonts/) and the icon SVGs that @grafana/ui's <Icon> fetches
// (public/build/img/icons/…); neither ships in the npm packages. Answer them up front.
const PLACEHOLDER_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="8" fill="currentColor"/></svg>';
async function stubGrafanaAssets(page) {
  await page.route('**/public/fonts/**', (route) => route.fulfill({ status: 200, contentType: 'font/woff2', body: '' }));
  await page.route('**/public/build/img/icons/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PLACEHOLDER_ICON }));
}
try {
  const page = await browser.newPage({ viewport: { width: 520, height: 320 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await stubGrafanaAssets(page);
  page.on('console', (m) => { if (process.env.HARNESS_VERBOSE) {console.log('[console]', m.type(), m.text().slice(0, 200));} if (m.type() === 'error') {errors.push(m.text());} });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(base + '/');

  // 1. The app module and the nested datasource load and export the right plugin classes.
  const kinds = await page.evaluate(async () => {
    const S = window.System;
    const { AppPlugin, DataSourcePlugin, PanelPlugin } = window.grafanaHost.grafanaData;
    const app = await S.import('/dist/module.js');
    const ds = await S.import('/dist/datasource/module.js');
    const panel = await S.import('/dist/panels/drift/module.js');
    return {
      app: app.plugin instanceof AppPlugin,
      datasource: ds.plugin instanceof DataSourcePlugin,
      panel: panel.plugin instanceof PanelPlugin,
    };
  });
  console.log('plugin kinds', kinds);
  if (!kinds.app || !kinds.datasource || !kinds.panel) {failures.push('plugin classes: ' + JSON.stringify(kinds));}

  // 1b. The nested datasource answers a query with DataFrames (host-side DataSourceApi machinery).
  const dsResult = await page.evaluate(async () => {
    const mod = await window.System.import('/dist/datasource/module.js');
    const Ds = mod.plugin.DataSourceClass;
    const ds = new Ds({ id: 1, uid: 'mw', type: 'modelwatch-ml-datasource', name: 'Modelwatch', jsonData: {}, meta: {}, access: 'proxy', readOnly: false });
    const res = await ds.query({ targets: [{ refId: 'A', model: 'lending' }] });
    const health = await ds.testDatasource();
    return { frames: res.data.length, fields: res.data[0].fields.map((f) => f.name), health: health.status };
  });
  console.log('datasource', dsResult);
  if (dsResult.health !== 'success' || dsResult.frames !== 1) {failures.push('datasource ' + JSON.stringify(dsResult));}

  // 2. Render the nested panel with a real DataFrame inside Grafana's ThemeContext.
  await page.evaluate(async () => {
    const mod = await window.System.import('/dist/panels/drift/module.js');
    window.grafanaHost.renderPanel(mod.plugin, document.getElementById('root'), [
      {
        fields: [
          { name: 'bin', type: 'string', values: ['<20', '20-40', '40-60', '>60'] },
          { name: 'reference', type: 'number', values: [25, 25, 25, 25] },
          { name: 'current', type: 'number', values: [10, 20, 30, 40] },
        ],
      },
    ], { width: 500, height: 300 });
  });
  await page.getByTestId('drift-panel').waitFor({ timeout: 10000 }).catch((e) => failures.push('panel: ' + e.message.split('\n')[0]));
  const psiText = await page.getByTestId('drift-psi').textContent({ timeout: 1000 }).catch(() => null);
  const badge = await page.getByText('drift', { exact: true }).count();
  console.log('panel text', psiText, 'badge', badge);
  if (!/^PSI 0\.\d{4}$/.test(psiText ?? '')) {failures.push('psi text ' + psiText);}
  fs.mkdirSync(path.join(here, 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(here, 'screenshots', 'drift-panel.png') });
  // 3. The app's root page: its React.lazy chunks load from dist/ next to module.js (public path from module.uri).
  const appPage = await browser.newPage({ viewport: { width: 520, height: 200 } });
  await stubGrafanaAssets(appPage);
  appPage.on('pageerror', (e) => errors.push('app: ' + String(e)));
  appPage.on('console', (m) => m.type() === 'error' && errors.push('app: ' + m.text()));
  appPage.on('response', (r) => r.status() >= 400 && errors.push(`app: HTTP ${r.status()}: ${r.url()}`));
  await appPage.goto(base + '/');
  await appPage.evaluate(async () => {
    const mod = await window.System.import('/dist/module.js');
    window.grafanaHost.renderApp(mod.plugin, document.getElementById('root'), '/a/modelwatch-ml-app/one');
  });
  await appPage.getByTestId('data-testid pg-one-container').waitFor({ timeout: 10000 }).catch((e) => failures.push('app page: ' + e.message));
  await appPage.screenshot({ path: path.join(here, 'screenshots', 'app-page-one.png') });

  if (errors.length) {failures.push(...errors.map((e) => 'browser: ' + e));}
} finally {
  await browser.close();
  server.close();
}
const tDone = Date.now();
console.log(`host bundle ${tBuilt - t0} ms, browser ${tDone - tBuilt} ms`);
for (const f of failures) {console.log('FAIL', f);}
console.log(`${failures.length ? 0 : 1} passed, ${failures.length ? 1 : 0} failed`);
process.exit(failures.length ? 1 : 0);
