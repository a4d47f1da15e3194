// The demo's inference service as a process (the build the demo and the compose stack run): scores equal the
// logistic regression computed here by hand from data/model.json, the exported counters count what the
// answers said, late labels join their predictions, the simulated slow path lands in the right histogram
// bucket, Alertmanager's webhook is logged in one line, and every bad request is answered in one line.
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ChildProcess, sleep } from '@modelwatch/local-prometheus';

const ROOT = resolve(__dirname, '../..');
const SERVICE = join(ROOT, 'examples/lending/dist/demo/service.js');
const DATA = join(ROOT, 'examples/lending/data');

interface Model {
  features: string[];
  means: number[];
  scales: number[];
  intercept: number;
  coefficients: number[];
}

const model = JSON.parse(readFileSync(join(DATA, 'model.json'), 'utf8')) as Model;
const rows = (parse(readFileSync(join(DATA, 'current.csv')), { columns: true }) as Record<string, string>[]).slice(
  0,
  60
);

/** P(deny) = 1 / (1 + exp(-(b0 + sum_j b_j (x_j - mean_j) / scale_j))), no/yes read as 0/1. */
function handScore(row: Record<string, string>): number {
  let z = model.intercept;
  model.features.forEach((f, j) => {
    const x = row[f] === 'yes' ? 1 : row[f] === 'no' ? 0 : Number(row[f]);
    z += (model.coefficients[j]! * (x - model.means[j]!)) / model.scales[j]!;
  });
  return 1 / (1 + Math.exp(-z));
}

function applicant(row: Record<string, string>, channel = 'web'): Record<string, string | number> {
  const body: Record<string, string | number> = { afam: row.afam!, channel };
  for (const f of model.features) body[f] = row[f] === 'yes' || row[f] === 'no' ? row[f]! : Number(row[f]);
  return body;
}

function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; text: string; json: () => unknown }> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolveCall, reject) => {
    const req = request(
      `${base}${path}`,
      { method, agent: false, headers: { connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolveCall({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
        });
      }
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The value of one exposition sample whose labels include all of `labels`. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const lines = exposition
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (lines.length !== 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${lines.length} samples`);
  return Number(lines[0]!.split(' ').pop());
}

describe('the demo inference service', () => {
  let child: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    if (!existsSync(SERVICE)) throw new Error(`${SERVICE} is missing: run \`npm run build\` first`);
    child = ChildProcess.start('the service', process.execPath, [SERVICE, '--exit-with-stdin'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      // All of it: a test below reads the webhook's line back from the output.
      tailChars: 10_000_000,
    });
    base = (await child.waitForLine(/listening on (http:\/\/\S+)/, 30_000))[1]!;
  }, 40_000);

  afterAll(async () => {
    await child?.stop();
  });

  const ids: string[] = [];
  const decisions: string[] = [];

  it('scores each applicant exactly as the logistic regression of model.json, and decides at 0.5', async () => {
    for (const row of rows) {
      const answer = await call(base, 'POST', '/predict', applicant(row));
      expect(answer.status).toBe(200);
      const { id, score, decision } = answer.json() as { id: string; score: number; decision: string };
      expect(Math.abs(score - handScore(row))).toBeLessThan(1e-12);
      expect(decision).toBe(handScore(row) >= 0.5 ? 'deny' : 'approve');
      ids.push(id);
      decisions.push(decision);
    }
    expect(new Set(ids).size).toBe(rows.length);
    // The sample has both decisions, so both counters below are exercised.
    expect(decisions).toContain('deny');
    expect(decisions).toContain('approve');
  });

  it('exports counters that count the decisions it answered, by class and by group', async () => {
    const metrics = (await call(base, 'GET', '/metrics')).text;
    const denied = decisions.filter((d) => d === 'deny').length;
    expect(sample(metrics, 'modelwatch_predictions_total', { prediction_class: 'yes' })).toBe(denied);
    expect(sample(metrics, 'modelwatch_predictions_total', { prediction_class: 'no' })).toBe(rows.length - denied);
    const group = (value: string): number => rows.filter((r) => r.afam === value).length;
    const groupCount = (value: string): number =>
      sample(metrics, 'modelwatch_group_predictions_total', { group_value: value, prediction_class: 'yes' }) +
      sample(metrics, 'modelwatch_group_predictions_total', { group_value: value, prediction_class: 'no' });
    expect(groupCount('yes')).toBe(group('yes'));
    expect(groupCount('no')).toBe(group('no'));
    expect(
      sample(metrics, 'modelwatch_segment_predictions_total', { segment_value: 'web', prediction_class: 'yes' })
    ).toBe(denied);
  });

  it('joins late labels to their predictions, one by one and in batches, and refuses an unknown id in one line', async () => {
    const single = await call(base, 'POST', '/outcome', { id: ids[0], actual: rows[0]!.deny });
    expect(single.json()).toEqual({ matched: true });
    const again = await call(base, 'POST', '/outcome', { id: ids[0], actual: rows[0]!.deny });
    expect(again.status).toBe(404);
    expect((again.json() as { error: string }).error).toBe(
      `no pending prediction "${ids[0]}": unknown, already labelled or expired`
    );
    const batch = await call(base, 'POST', '/outcome', [
      ...ids.slice(1).map((id, i) => ({ id, actual: rows[i + 1]!.deny })),
      { id: 'nope', actual: 'no' },
    ]);
    expect(batch.json()).toEqual({ matched: rows.length - 1, unmatched: 1 });

    // Realized accuracy from the exported outcome cells equals the share of right decisions computed here.
    const metrics = (await call(base, 'GET', '/metrics')).text;
    const cell = (p: string, a: string): number =>
      sample(metrics, 'modelwatch_outcomes_total', { prediction_class: p, actual_class: a });
    const right = rows.filter((r, i) => (decisions[i] === 'deny' ? 'yes' : 'no') === r.deny).length;
    expect(cell('yes', 'yes') + cell('no', 'no')).toBe(right);
    expect(cell('yes', 'no') + cell('no', 'yes')).toBe(rows.length - right);
  });

  it('times the simulated slow path into the duration histogram: above the 0.25 s bucket, counted once', async () => {
    const before = (await call(base, 'GET', '/metrics')).text;
    const started = Date.now();
    const slow = await call(base, 'POST', '/predict', applicant(rows[1]!, 'branch'), {
      'x-simulated-latency-ms': '300',
    });
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const after = (await call(base, 'GET', '/metrics')).text;
    const delta = (name: string, labels: Record<string, string> = {}): number =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('modelwatch_inference_duration_count')).toBe(1);
    expect(delta('modelwatch_inference_duration_bucket', { le: '0.25' })).toBe(0);
    expect(delta('modelwatch_inference_duration_bucket', { le: '0.5' })).toBe(1);
    expect(delta('modelwatch_inference_duration_sum')).toBeGreaterThanOrEqual(0.3);
  });

  it("answers its snapshot with the monitor's counts", async () => {
    const { snapshot, latency } = (await call(base, 'GET', '/snapshot')).json() as {
      snapshot: { predictions: number; drift: Record<string, { count: number }> };
      latency: { total: number; atMost: number[] };
    };
    expect(snapshot.predictions).toBe(rows.length + 1);
    expect(snapshot.drift.afam!.count).toBe(rows.length + 1);
    expect(latency.total).toBe(rows.length + 1);
  });

  it('logs an Alertmanager notification in one line', async () => {
    const notification = {
      version: '4',
      status: 'firing',
      receiver: 'modelwatch-demo',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'ModelwatchFeatureDriftPSI', feature: 'pirat', severity: 'critical' },
        },
        {
          status: 'resolved',
          labels: {
            alertname: 'ModelwatchSLOBurnRate',
            slo: 'latency',
            long_window: '1m',
            short_window: '15s',
            severity: 'page',
          },
        },
      ],
    };
    expect((await call(base, 'POST', '/alerts', notification)).status).toBe(200);
    const line =
      'alert notification to modelwatch-demo: FIRING, 2 alerts: firing ModelwatchFeatureDriftPSI pirat (critical); resolved ModelwatchSLOBurnRate latency 1m/15s (page)';
    const deadline = Date.now() + 5_000;
    while (!child!.output.includes(line) && Date.now() < deadline) await sleep(20);
    expect(child!.output.split('\n').filter((l) => l.includes('alert notification'))).toEqual([
      expect.stringMatching(new RegExp(`^\\S+Z ${line.replace(/[()]/g, '\\$&')}$`)),
    ]);
  });

  it.each([
    ['not JSON', '{"pirat":', {}, 400, 'the body is not JSON: "{\\"pirat\\":"'],
    [
      'a missing input',
      { ...applicant(rows[0]!), lvrat: undefined },
      {},
      400,
      'lvrat: missing; the model needs pirat, hirat, lvrat, chist, mhist, phist, unemp, selfemp, insurance, condomin, single, hschool',
    ],
    ['a word for a number', { ...applicant(rows[0]!), pirat: 'high' }, {}, 400, 'pirat: must be a number, got "high"'],
    // Read as strictly as the CLI reads CSV cells: Number() alone would take these.
    ['a hex number', { ...applicant(rows[0]!), pirat: '0x10' }, {}, 400, 'pirat: must be a number, got "0x10"'],
    ['an empty number', { ...applicant(rows[0]!), pirat: ' ' }, {}, 400, 'pirat: must be a number, got " "'],
    ['Infinity', { ...applicant(rows[0]!), pirat: 'Infinity' }, {}, 400, 'pirat: must be a number, got "Infinity"'],
    [
      'an empty simulated latency',
      applicant(rows[0]!),
      { 'x-simulated-latency-ms': '' },
      400,
      'x-simulated-latency-ms: must be 0 to 10000 milliseconds, got ""',
    ],
    ['a wrong yes/no', { ...applicant(rows[0]!), afam: 'maybe' }, {}, 400, 'afam: must be "yes" or "no", got "maybe"'],
    [
      'a bad simulated latency',
      applicant(rows[0]!),
      { 'x-simulated-latency-ms': '-5' },
      400,
      'x-simulated-latency-ms: must be 0 to 10000 milliseconds, got "-5"',
    ],
  ])('answers %s with one line naming the field', async (_, body, headers, status, error) => {
    const answer = await call(base, 'POST', '/predict', body, headers as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.json()).toEqual({ error });
  });

  it('answers an over-limit body with 413, declared or streamed, instead of resetting the connection', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1_100_000) });
    const declared = await call(base, 'POST', '/predict', big);
    expect(declared.status).toBe(413);
    expect(declared.json()).toEqual({ error: 'the body is larger than 1000000 bytes' });
    const streamed = await new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request(
        `${base}/outcome`,
        { method: 'POST', agent: false, headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        }
      );
      // The connection may close once the answer is out; what matters is that the answer arrived first.
      req.on('error', (e) => (req.writableEnded ? undefined : fail(e)));
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text)).toEqual({ error: 'the body is larger than 1000000 bytes' });
    // The service still answers.
    expect((await call(base, 'GET', '/health')).status).toBe(200);
  });

  it('escapes request text in its log, so a newline cannot forge a log line', async () => {
    const notification = {
      status: 'firing\nFORGED',
      receiver: 'evil\r\n2026-01-01T00:00:00Z alert notification: FORGED',
      alerts: [{ status: 'firing', labels: { alertname: 'Modelwatch\nFORGED', severity: 'page\u001b[31m' } }],
    };
    expect((await call(base, 'POST', '/alerts', notification)).status).toBe(200);
    const deadline = Date.now() + 5_000;
    while (!child!.output.includes('evil\\r\\n') && Date.now() < deadline) await sleep(20);
    const lines = child!.output.split('\n').filter((l) => l.includes('evil'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('evil\\r\\n2026-01-01T00:00:00Z alert notification: FORGED: FIRING\\nFORGED');
    expect(lines[0]).toContain('Modelwatch\\nFORGED (page\\u001b[31m)');
    expect(child!.output).not.toMatch(/^FORGED/m);
  });

  it('answers an unknown route with the routes it has', async () => {
    const answer = await call(base, 'GET', '/predict');
    expect(answer.status).toBe(404);
    expect((answer.json() as { error: string }).error).toBe(
      'no route GET /predict; the service answers POST /predict, POST /outcome, POST /alerts, GET /metrics, GET /health, GET /snapshot'
    );
  });
});
