// The harness' HTTP server, in Grafana's place: the host page and the built plugin, Grafana's static assets
// the plugins ask for (icons), Grafana's datasource proxy (/api/datasources/proxy/uid/<uid>/… forwarded to the
// real Prometheus, 502 when the upstream does not answer, as Grafana's proxy does) and the app settings API.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Paths } from './paths';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Shown for an icon name the npm package of @grafana/ui does not ship (Grafana serves all of them). */
const PLACEHOLDER_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="7" fill="currentColor"/></svg>';

export interface HarnessServer {
  url: string;
  /** uid → base URL the proxy forwards to. */
  upstreams: Map<string, string>;
  /** App settings saved through POST /api/plugins/<id>/settings. */
  savedSettings: Map<string, unknown>;
  /** Plugin id → its folder, served at /public/plugins/<id>/ as Grafana serves installed plugins. */
  pluginDirs: Map<string, string>;
  /** Every request the page made, with its answer. */
  log: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | object, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function serveFile(res: ServerResponse, root: string, relative: string): boolean {
  const file = resolve(root, relative);
  if (!file.startsWith(resolve(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return false;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
  return true;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function proxy(req: IncomingMessage, res: ServerResponse, upstream: string, rest: string): Promise<void> {
  const body = await readBody(req);
  const target = new URL(rest, upstream.endsWith('/') ? upstream : `${upstream}/`);
  const headers: Record<string, string> = { connection: 'close' };
  for (const name of ['content-type', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  if (body.length > 0) {
    headers['content-length'] = String(body.length);
  }
  await new Promise<void>((done) => {
    const forward = request(target, { method: req.method, headers, agent: false, timeout: 30_000 }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
      answer.on('end', done);
    });
    forward.on('timeout', () => forward.destroy(new Error('timeout')));
    forward.on('error', () => {
      if (!res.headersSent) {
        send(res, 502, { message: 'Bad Gateway' });
      }
      done();
    });
    forward.end(body);
  });
}

export async function startServer(paths: Paths): Promise<HarnessServer> {
  const require = createRequire(join(paths.pkg, 'package.json'));
  const systemjs = join(dirname(require.resolve('systemjs/package.json')), 'dist');
  const icons = join(dirname(require.resolve('@grafana/ui/package.json')), 'dist/public/img/icons');
  const upstreams = new Map<string, string>();
  const savedSettings = new Map<string, unknown>();
  const pluginDirs = new Map<string, string>();
  const log: HarnessServer['log'] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://harness');
    const path = decodeURIComponent(url.pathname);
    const ds = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/(.*)$/.exec(path);
    if (ds) {
      const upstream = upstreams.get(ds[1]!);
      if (!upstream) {
        return send(res, 404, { message: 'Data source not found' });
      }
      return proxy(req, res, upstream, `${ds[2]!}${url.search}`);
    }
    const settings = /^\/api\/plugins\/([a-z0-9-]+)\/settings$/.exec(path);
    if (settings) {
      if (req.method === 'POST') {
        savedSettings.set(settings[1]!, JSON.parse((await readBody(req)).toString('utf8')) as unknown);
        return send(res, 200, { message: 'Plugin settings updated' });
      }
      return send(res, 200, savedSettings.get(settings[1]!) ?? {});
    }
    if (path === '/') {
      return void serveFile(res, join(paths.browser, 'host'), 'host.html');
    }
    if (path.startsWith('/public/build/img/icons/')) {
      const icon = path.slice('/public/build/img/icons/'.length);
      return void (serveFile(res, icons, icon) || send(res, 200, PLACEHOLDER_ICON, 'image/svg+xml'));
    }
    if (path.startsWith('/public/fonts/')) {
      // Grafana serves the Inter web fonts itself; the npm packages do not ship them. The system font stands in.
      res.writeHead(204).end();
      return;
    }
    const plugin = /^\/public\/plugins\/([a-z0-9-]+)\/(.+)$/.exec(path);
    if (plugin && pluginDirs.has(plugin[1]!)) {
      return void (
        serveFile(res, pluginDirs.get(plugin[1]!)!, plugin[2]!) || send(res, 404, { message: `not found: ${path}` })
      );
    }
    const roots: Array<[string, string]> = [
      ['/systemjs/', systemjs],
      ['/', paths.out],
    ];
    for (const [prefix, root] of roots) {
      if (path.startsWith(prefix) && serveFile(res, root, path.slice(prefix.length))) {
        return;
      }
    }
    send(res, 404, { message: `not found: ${path}` });
  };

  const server: Server = createServer((req, res) => {
    res.on('finish', () => log.push({ method: req.method ?? 'GET', path: req.url ?? '', status: res.statusCode }));
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, { message: String(error) });
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    upstreams,
    savedSettings,
    pluginDirs,
    log,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
