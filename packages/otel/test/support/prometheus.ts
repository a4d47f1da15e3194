// A real MeterProvider whose only reader is exporter-prometheus on a loopback port, scraped over HTTP,
// plus a parser for the text exposition and a promtool runner. Tests read what Prometheus would read.
import { spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { freePort, requireBinary } from '@modelwatch/local-prometheus';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';

export interface Sample {
  /** The sample's metric name as exposed (e.g. `…_bucket` for histogram buckets). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string | undefined;
  unit: string | undefined;
  samples: Sample[];
}

export interface PrometheusEndpoint {
  provider: MeterProvider;
  exporter: PrometheusExporter;
  port: number;
  /** GET /metrics; fails on anything but 200. */
  scrape(): Promise<string>;
  /** Shuts the provider down, which stops the HTTP server. Safe to call twice. */
  shutdown(): Promise<void>;
}

function startExporter(port: number): Promise<PrometheusExporter> {
  return new Promise((resolve, reject) => {
    const exporter: PrometheusExporter = new PrometheusExporter({ host: '127.0.0.1', port }, (error) => {
      if (error)
        exporter.shutdown().then(
          () => reject(error),
          () => reject(error)
        );
      else resolve(exporter);
    });
  });
}

/** Starts a MeterProvider with exporter-prometheus on 127.0.0.1 and a port nobody else holds. */
export async function startPrometheus(
  serviceName = 'modelwatch-otel-test',
  views: ViewOptions[] = []
): Promise<PrometheusEndpoint> {
  let exporter: PrometheusExporter | undefined;
  let port = 0;
  let lastError: unknown;
  // The exporter treats port 0 as "default 9464", so it cannot pick one itself. Another test file may grab the
  // port between freePort() and listen(); a fresh one is then tried.
  for (let attempt = 0; attempt < 5 && exporter === undefined; attempt++) {
    port = await freePort();
    try {
      exporter = await startExporter(port);
    } catch (e) {
      lastError = e;
    }
  }
  if (exporter === undefined)
    throw new Error(`exporter-prometheus could not listen on 127.0.0.1: ${String(lastError)}`);
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    readers: [exporter],
    views,
  });
  let stopped: Promise<void> | undefined;
  return {
    provider,
    exporter,
    port,
    scrape: () => httpGet(`http://127.0.0.1:${port}/metrics`),
    shutdown: () => (stopped ??= provider.shutdown()),
  };
}

/** One GET without keep-alive, so no socket outlives the test. */
export function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200)
          reject(new Error(`GET ${url}: HTTP ${response.statusCode}: ${body.slice(0, 200)}`));
        else resolve(body);
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return Number.NaN;
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) throw new Error(`not a sample value: '${text}'`);
  return v;
}

function unescapeLabel(text: string): string {
  return text.replace(/\\(n|\\|")/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) throw new Error(`cannot parse labels of: ${line}`);
    if (Object.hasOwn(labels, m[1]!)) throw new Error(`label ${m[1]} twice in: ${line}`);
    labels[m[1]!] = unescapeLabel(m[2]!);
  }
  return labels;
}

/** Families by name from a Prometheus text exposition (format 0.0.4, with exporter-prometheus' `# UNIT` lines). */
export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', help: undefined, unit: undefined, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  let current: Family | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const meta = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)\s*(.*)$/.exec(line);
    if (meta) {
      current = family(meta[2]!);
      if (meta[1] === 'TYPE') current.type = meta[3]!;
      else if (meta[1] === 'HELP') current.help = meta[3]!;
      else current.unit = meta[3]!;
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`cannot parse sample line: ${line}`);
    const name = m[1]!;
    // Histogram samples (_bucket, _sum, _count) belong to the family declared just before them.
    const owner =
      current &&
      (name === current.name ||
        (current.type === 'histogram' && /^(.*)_(bucket|sum|count)$/.exec(name)?.[1] === current.name))
        ? current
        : family(name);
    owner.samples.push({ name, labels: parseLabels(m[2] ?? '', line), value: parseValue(m[3]!) });
  }
  return families;
}

/** Samples whose labels include every pair in `where`. */
export function select(
  families: Map<string, Family>,
  name: string,
  where: Record<string, string> = {},
  sampleName = name
): Sample[] {
  const f = families.get(name);
  if (!f) return [];
  return f.samples.filter((s) => s.name === sampleName && Object.entries(where).every(([k, v]) => s.labels[k] === v));
}

/** The one sample matching `where`, or an error naming what was looked for and what exists. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  where: Record<string, string>,
  sampleName = name
): number {
  const found = select(families, name, where, sampleName);
  if (found.length !== 1) {
    const existing = (families.get(name)?.samples ?? []).map((s) => JSON.stringify(s.labels)).slice(0, 20);
    throw new Error(
      `${sampleName}${JSON.stringify(where)}: expected 1 sample, found ${found.length}. Samples: ${existing.join('\n  ')}`
    );
  }
  return found[0]!.value;
}

/**
 * Runs `promtool check metrics` on an exposition. promtool is never optional: CI installs it (Debian's
 * `prometheus` package in .ci/run), and a missing binary fails the test instead of skipping the check.
 */
export function promtoolCheck(exposition: string): { ok: boolean; output: string } {
  const run = spawnSync(requireBinary('promtool'), ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/** Label names a series carries besides its own attributes (the exporter's scope labels). */
export const SCOPE_LABELS = ['otel_scope_name', 'otel_scope_version'] as const;
