// npm run bench (in packages/otel), after the hot-path bench: a soak of SOAK_PREDICTIONS (default 10^7) records of
// random garbage (JSON values, numbers with NaN and infinities, odd and huge strings, non-objects) through every
// public recording method of two monitors on a real MeterProvider with exporter-prometheus, scraped over HTTP
// every second while it runs. It passes when nothing was thrown, every scrape answered 200 and passed
// `promtool check metrics`, and the heap after the run is within HEAP_TOLERANCE of the heap after warm-up.
// It prints PASS/FAIL per target and exits 1 when one is missed.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, requireBinary } from '@modelwatch/local-prometheus';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ModelMonitor, type PredictionRecord, type StatelessOutcome } from '@modelwatch/otel';
import { GROUP, SCORE, categoricalName, numericName, rng, syntheticProfile } from './synthetic.js';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

const PREDICTIONS = env('SOAK_PREDICTIONS', 10_000_000);
/**
 * The heap is measured once this share of the predictions has run: every cap and the pending stores (MAX_PENDING
 * each, small so they fill early and evict all along) are full by then.
 */
const WARMUP_SHARE = 0.1;
/**
 * Allowed heap growth (V8 heap plus array buffers, after full GCs) from the end of warm-up to the end. State that
 * grew by even one byte per prediction would add ~9 MB over the 9·10^6 predictions after warm-up.
 */
const HEAP_TOLERANCE = 4 * 1024 ** 2;
/**
 * Or allowed trend: the least-squares slope of the heap over the checkpoints, which GC noise of a megabyte moves by
 * only ~0.1 byte per prediction over 10^7 predictions. Growth and trend must both be exceeded to fail, so short
 * runs (SOAK_PREDICTIONS small, where noise dominates the trend) are judged by growth.
 */
const SLOPE_TOLERANCE = 0.25;
const SCRAPE_MS = 1000;
const MAX_PENDING = 10_000;
/** Predictions between turns of the event loop, so the exporter's server and the scraper get to run. */
const BATCH = 2_000;
/** Distinct garbage records, cycled through; a share of the records is made fresh on the fly. */
const POOL = 1 << 15;
const SHAPE = { numeric: 8, categorical: 3, categories: 10, rows: 5_000, maxKnots: 1024 };

const gc = (globalThis as { gc?: () => void }).gc;
function heapBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
/** Least-squares slope of heap bytes over predictions. */
function heapSlope(points: readonly { at: number; heap: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.at, 0) / n;
  const my = points.reduce((s, p) => s + p.heap, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.at - mx) * (p.heap - my);
    sxx += (p.at - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}
const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(1)} MiB`;

// ---- garbage ----------------------------------------------------------------------------------------------

const u = rng(20261205);
const pick = <T>(list: readonly T[]): T => list[Math.floor(u() * list.length)]!;

const HUGE = [1 << 20, 4 << 20].map((n, i) => String.fromCharCode(97 + i).repeat(n));
const ODD_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '__other__',
  '__missing__',
  'le',
  '{{ $value }}',
  '"',
  '\\',
  'a\nb',
  '\u0000',
  '\ud800',
  '\udfff',
  '💥',
  'yes',
  'no',
  'NaN',
  '1e309',
  'k3',
];
const ODD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  Number.NaN,
  Infinity,
  -Infinity,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  // Squares and differences of these overflow: a regression sum must stay finite all the same.
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e154,
  -1e154,
];

/** Odd strings, random ones, and now and then one of several megabytes (in label values too). */
function garbageString(): string {
  const r = u();
  if (r < 0.02) return pick(HUGE);
  if (r < 0.5) return pick(ODD_STRINGS);
  let s = '';
  const n = Math.floor(u() * 12);
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(u() * 0xffff));
  return s;
}

function garbageNumber(): number {
  return u() < 0.5 ? pick(ODD_NUMBERS) : (u() - 0.5) * 10 ** Math.floor(u() * 20 - 5);
}

/** Any JSON value (plus NaN, infinities and undefined), nested at most `depth` deep. */
function garbageValue(depth: number): unknown {
  const r = u();
  if (r < 0.3) return garbageNumber();
  if (r < 0.6) return garbageString();
  if (r < 0.67) return u() < 0.5;
  if (r < 0.74) return null;
  if (r < 0.8) return undefined;
  if (depth <= 0) return pick(ODD_NUMBERS);
  if (r < 0.9) return Array.from({ length: Math.floor(u() * 4) }, () => garbageValue(depth - 1));
  return garbageObject(depth - 1);
}

function garbageObject(depth: number): Record<string, unknown> {
  // JSON.parse makes own properties named __proto__, as parsed request bodies have.
  const o = u() < 0.3 ? (JSON.parse('{"__proto__": 1}') as Record<string, unknown>) : {};
  const n = Math.floor(u() * 5);
  for (let i = 0; i < n; i++) o[garbageString()] = garbageValue(depth);
  return o;
}

const FEATURES = [
  ...Array.from({ length: SHAPE.numeric }, (_, j) => numericName(j)),
  ...Array.from({ length: SHAPE.categorical }, (_, j) => categoricalName(j)),
  SCORE,
  GROUP,
];

/** Mostly the right shape with wrong values, sometimes the wrong shape altogether. */
function garbageRecord(): unknown {
  const r = u();
  if (r < 0.05) return garbageValue(2);
  const features: Record<string, unknown> = u() < 0.1 ? garbageObject(2) : {};
  // The group attribute is also read from the features, so its value may become a label.
  for (const name of FEATURES) if (u() < 0.7) features[name] = u() < 0.5 ? garbageNumber() : garbageValue(1);
  const record: Record<string, unknown> = {
    features: u() < 0.05 ? garbageValue(1) : features,
    score: u() < 0.5 ? u() : garbageValue(1),
    prediction: u() < 0.5 ? pick(['yes', 'no', true, false, 1, 0]) : garbageValue(1),
    durationSeconds: u() < 0.5 ? u() / 10 : garbageValue(1),
    attributes: u() < 0.8 ? { [GROUP]: garbageValue(1), channel: garbageValue(1) } : garbageValue(2),
  };
  if (u() < 0.3) record.id = u() < 0.5 ? garbageString() : garbageValue(1);
  if (u() < 0.1) delete record[pick(Object.keys(record))];
  return record;
}

function garbageOutcome(): unknown {
  return u() < 0.5 ? { prediction: garbageValue(1), score: garbageValue(1), actual: garbageValue(1) } : garbageValue(2);
}

// ---- the run ------------------------------------------------------------------------------------------------

interface Scrapes {
  ok: number;
  failed: string[];
  bytes: number;
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode === 200) resolve(body);
        else reject(new Error(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`));
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function promtoolCheck(promtool: string, exposition: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => resolve(String(e)));
    child.on('close', (code) => resolve(code === 0 && output.trim() === '' ? null : output.trim().slice(0, 500)));
    child.stdin.on('error', () => {}); // an early exit is reported through 'close'
    child.stdin.end(exposition);
  });
}

async function scrapeOnce(url: string, promtool: string, scrapes: Scrapes): Promise<void> {
  try {
    const text = await httpGet(url);
    scrapes.bytes = Math.max(scrapes.bytes, text.length);
    const problem = await promtoolCheck(promtool, text);
    if (problem === null) scrapes.ok++;
    else scrapes.failed.push(`promtool: ${problem}`);
  } catch (e) {
    scrapes.failed.push(`scrape: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function startExporter(port: number): Promise<PrometheusExporter> {
  return new Promise((resolve, reject) => {
    const exporter: PrometheusExporter = new PrometheusExporter({ host: '127.0.0.1', port }, (error) =>
      error ? reject(error) : resolve(exporter)
    );
  });
}

async function main(): Promise<void> {
  const promtool = requireBinary('promtool');
  const thrown: string[] = [];
  const note = (where: string, e: unknown): void => {
    if (thrown.length < 20) thrown.push(`${where}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    else thrown.length++;
  };
  process.on('uncaughtException', (e) => note('uncaughtException', e));
  process.on('unhandledRejection', (e) => note('unhandledRejection', e));

  const port = await freePort();
  const exporter = await startExporter(port);
  const provider = new MeterProvider({ readers: [exporter] });
  const profile = syntheticProfile(SHAPE);
  const classifier = new ModelMonitor({
    model: { name: 'soak-classifier', version: '1' },
    profile,
    meterProvider: provider,
    segments: ['channel'],
    outcomes: { maxPending: MAX_PENDING },
  });
  const regressor = new ModelMonitor({
    model: { name: 'soak-regressor', version: '1' },
    profile,
    meterProvider: provider,
    task: 'regression',
    segments: ['channel'],
    outcomes: { maxPending: MAX_PENDING },
  });
  const monitors = [classifier, regressor];

  const pool = Array.from({ length: POOL }, garbageRecord);
  const outcomes = Array.from({ length: POOL >> 2 }, garbageOutcome);
  const actuals = Array.from({ length: 256 }, () => garbageValue(1));
  const errorTypes = Array.from({ length: 256 }, () => garbageValue(1));

  const scrapes: Scrapes = { ok: 0, failed: [], bytes: 0 };
  const url = `http://127.0.0.1:${port}/metrics`;
  let scraping: Promise<void> = Promise.resolve();
  // promtool runs in its own process; the next scrape waits for it instead of the recording loop.
  let inFlight = false;
  let lastScrape = Date.now();
  let snapshots = 0;

  console.log(
    `soak: ${PREDICTIONS.toLocaleString('en')} garbage predictions into 2 monitors, /metrics scraped every ${SCRAPE_MS} ms`
  );
  const heapAtStart = heapBytes();
  console.log(`  heap at start: ${mib(heapAtStart)}`);
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  let heapAfterWarmup = 0;
  const warmup = Math.floor(PREDICTIONS * WARMUP_SHARE);
  const ids: unknown[] = new Array(64).fill(undefined);
  const checkpoints: { at: number; heap: number }[] = [];
  const checkpointEvery = warmup;
  let nextCheckpoint = warmup;

  for (let i = 0; i < PREDICTIONS;) {
    const end = Math.min(PREDICTIONS, i + BATCH);
    for (; i < end; i++) {
      const m = monitors[i & 1]!;
      try {
        // One record in eight is made fresh, so distinct values keep arriving for the caps to hold back.
        const fresh = (i & 7) === 0;
        const record = fresh
          ? { attributes: { [GROUP]: `g${i}`, channel: i }, features: { [`unknown_${i}`]: i }, id: `id-${i}` }
          : pool[i & (POOL - 1)];
        const id = m.recordPrediction(record as PredictionRecord);
        ids[i & 63] = id;
        // Outcomes and errors on one prediction in two, spread over both monitors.
        switch ((i >> 1) & 7) {
          case 0:
            m.recordOutcome(ids[(i * 7) & 63] as string, actuals[i & 255] as string);
            break;
          case 2:
            m.recordOutcome(outcomes[i & ((POOL >> 2) - 1)] as StatelessOutcome);
            break;
          case 4:
            m.recordOutcome(garbageString(), actuals[(i >> 3) & 255] as string);
            break;
          case 6:
            m.recordError((i & 31) === 12 ? `error-${i}` : (errorTypes[i & 255] as string));
            break;
          default:
        }
      } catch (e) {
        note('recording', e);
      }
    }
    if (i >= nextCheckpoint && i < PREDICTIONS) {
      await scraping;
      const heap = heapBytes();
      checkpoints.push({ at: i, heap });
      if (heapAfterWarmup === 0) heapAfterWarmup = heap;
      nextCheckpoint += checkpointEvery;
    }
    if (Date.now() - lastScrape >= SCRAPE_MS && !inFlight) {
      lastScrape = Date.now();
      for (const m of monitors) {
        try {
          m.snapshot();
          snapshots++;
        } catch (e) {
          note('snapshot', e);
        }
      }
      inFlight = true;
      scraping = scrapeOnce(url, promtool, scrapes).finally(() => {
        inFlight = false;
      });
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await scraping;
  await scrapeOnce(url, promtool, scrapes);
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  // Measured while the loop's data is still in use (below), as at every checkpoint.
  const heapAtEnd = heapBytes();
  checkpoints.push({ at: PREDICTIONS, heap: heapAtEnd });

  for (const m of monitors) m.shutdown();
  await provider.shutdown();
  await sleep(10);

  const internal = monitors.map((m) => {
    try {
      return m.snapshot().internalErrors;
    } catch (e) {
      note('snapshot', e);
      return null;
    }
  });
  console.log(
    `  ran ${seconds.toFixed(1)} s, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU (${(((cpu.user + cpu.system) / PREDICTIONS) * 1000).toFixed(0)} ns per prediction); ${pool.length.toLocaleString('en')} pooled records`
  );
  console.log(`  heap after warm-up (${warmup.toLocaleString('en')} predictions): ${mib(heapAfterWarmup)}`);
  console.log(`  heap at end: ${mib(heapAtEnd)}`);
  console.log(
    `  heap every ${checkpointEvery.toLocaleString('en')} predictions: ${checkpoints.map((c) => mib(c.heap)).join(', ')}`
  );
  console.log(
    `  scrapes: ${scrapes.ok + scrapes.failed.length} (largest ${mib(scrapes.bytes)}), snapshots: ${snapshots}`
  );
  console.log(`  contained (internal_errors): ${internal.map((x) => JSON.stringify(x)).join(', ')}`);

  const verdicts: boolean[] = [];
  const verdict = (name: string, figure: string, target: string, pass: boolean): void => {
    verdicts.push(pass);
    console.log(`  ${pass ? 'PASS' : 'FAIL <<<'}  ${name}: ${figure} (target ${target})`);
  };
  verdict('nothing thrown', `${thrown.length} thrown`, '0', thrown.length === 0);
  for (const t of thrown.slice(0, 5)) console.log(`      ${t.split('\n').slice(0, 4).join('\n      ')}`);
  verdict(
    'every scrape valid',
    `${scrapes.ok} valid, ${scrapes.failed.length} failed`,
    `all, at least ${Math.max(1, Math.floor(seconds / 2))}`,
    scrapes.failed.length === 0 && scrapes.ok >= Math.max(1, Math.floor(seconds / 2))
  );
  for (const f of scrapes.failed.slice(0, 5)) console.log(`      ${f}`);
  const growth = heapAtEnd - heapAfterWarmup;
  const slope = heapSlope(checkpoints);
  verdict(
    'heap flat',
    `${growth >= 0 ? '+' : ''}${mib(growth)} from warm-up to end, trend ${slope.toFixed(3)} bytes per prediction`,
    `growth <= ${mib(HEAP_TOLERANCE)} or trend <= ${SLOPE_TOLERANCE}`,
    growth <= HEAP_TOLERANCE || slope <= SLOPE_TOLERANCE
  );
  if (!gc) console.log('WARNING: global.gc is not exposed (run with node --expose-gc): heap figures are unreliable.');
  process.exitCode = verdicts.every(Boolean) ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(`soak: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
