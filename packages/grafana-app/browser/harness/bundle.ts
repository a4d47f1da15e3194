// The host page bundle: the real @grafana/*, React and friends, plus the harness' runtime services (browser/host/).
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Paths } from './paths';

export async function bundleHost(paths: Paths): Promise<void> {
  await build({
    entryPoints: [join(paths.browser, 'host/index.tsx')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outdir: paths.out,
    entryNames: 'host',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: {
      '.svg': 'file',
      '.woff': 'file',
      '.woff2': 'file',
      '.ttf': 'file',
      '.eot': 'file',
      '.png': 'file',
      '.gif': 'file',
    },
    jsx: 'automatic',
    logLevel: 'warning',
  });
}
