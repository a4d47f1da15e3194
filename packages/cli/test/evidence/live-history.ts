import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, runToEnd, startPrometheus, type PrometheusServer } from '@modelwatch/local-prometheus';
import { cli } from '../run-cli';

/** A real Prometheus serving a backfilled history, beside the modelwatch.yaml the report reads. */
export interface LiveHistory {
  dir: string;
  prometheus: PrometheusServer;
}

/** Backfills `openmetrics` with promtool into a fresh directory, writes `config` there and starts Prometheus on it. */
export async function serveHistory(name: string, config: string, openmetrics: string): Promise<LiveHistory> {
  const dir = mkdtempSync(join(tmpdir(), `modelwatch-${name}-`));
  writeFileSync(join(dir, 'modelwatch.yaml'), config);
  writeFileSync(join(dir, 'history.om'), openmetrics);
  await runToEnd(requireBinary('promtool'), [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '-q',
    join(dir, 'history.om'),
    join(dir, 'data'),
  ]);
  const prometheus = await startPrometheus({ dir, storage: join(dir, 'data'), retention: '60d', config: {} });
  return { dir, prometheus };
}

export async function stopHistory(history: LiveHistory | undefined): Promise<void> {
  await history?.prometheus.stop();
  if (history) rmSync(history.dir, { recursive: true, force: true });
}

/** Runs `modelwatch report` with `args` and reads the JSON it wrote to `out`. */
export function jsonReport<T>(args: string[], out: string): T {
  const r = cli(args);
  if (r.code !== 0) throw new Error(`modelwatch report exited ${r.code}: ${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}
