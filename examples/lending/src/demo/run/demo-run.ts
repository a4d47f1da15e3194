// The demo from start to end: profile and rules from the real CLI, the service, a private Prometheus when one
// is installed, the scenarios' traffic, the live summary, the report, and a clean stop whatever happens.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { shortAlertName } from '../alerts/alert-identity.js';
import { raisedBySpan, type FiringHistory } from '../alerts/attribution.js';
import { PATHS, modelwatchBin } from '../lending-paths.js';
import { ChildProcess } from '../processes/child-process.js';
import { runToEnd } from '../processes/run-to-end.js';
import { waitForLine } from '../processes/wait-for-line.js';
import type { ActiveAlert } from '../prometheus/prometheus-api.js';
import { findPrometheus, startPrometheus, type PrometheusServer } from '../prometheus/prometheus-server.js';
import { PREDICTIONS_PER_SECOND } from '../scenarios/catalogue.js';
import { selectScenarios, totalSeconds } from '../scenarios/selection.js';
import { judge, type Verdict } from '../scenarios/verdict.js';
import { profileCommand } from '../service/reference-profile.js';
import { readPrometheus } from '../summary/prometheus-reading.js';
import type { Reading } from '../summary/reading.js';
import { clock, statusBlock, statusLine } from '../summary/render.js';
import { Screen, type Output } from '../summary/screen.js';
import { SnapshotWindows, type ServiceSnapshot } from '../summary/snapshot-reading.js';
import { demoWindows, loadDemoConfig, scaleConfig, writeConfig, type DemoWindows } from '../timescale/demo-config.js';
import { ServiceClient } from '../traffic/service-client.js';
import { runTraffic, type ScenarioRun } from '../traffic/traffic-runner.js';
import { reportLines, runReport, writeReport } from './report.js';
import { Resources } from './resources.js';
import type { RunOptions } from './run-options.js';

const JOB = 'lending-demo';
const MODEL_NAME = 'mortgage-approval';

class Interrupted extends Error {}

/** A pause that an interruption ends early. */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Paths inside the working directory are shown relative to it, as a user would type them. */
const shown = (path: string): string => (path.startsWith(process.cwd()) ? relative(process.cwd(), path) || '.' : path);

/** What the live summary tracks between polls: the readings and the alerts firing now. */
class LiveView {
  reading: Reading | null = null;
  firing = new Map<string, ActiveAlert>();
  readonly snapshots: SnapshotWindows;

  constructor(readonly windows: DemoWindows) {
    this.snapshots = new SnapshotWindows(windows);
  }

  firingNames(): string[] {
    return [...this.firing.values()].map((a) => `${shortAlertName(a.labels)} (${a.labels.severity ?? '?'})`).sort();
  }
}

async function waitForScrapes(prometheus: PrometheusServer, intervalMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 30_000 + 4 * intervalMs;
  const query = `count_over_time(up{job="${JOB}"}[1h]) >= 2 and min_over_time(up{job="${JOB}"}[1h]) == 1`;
  while (!signal.aborted) {
    if ((await prometheus.api.query(query)).length === 1) return;
    if (Date.now() > deadline) throw new Error(`Prometheus did not scrape the service twice in ${Math.round((deadline - Date.now()) / 1000 + 30)} s; its last words: ${prometheus.child.output.trim().split('\n').pop() ?? ''}`);
    await sleep(Math.min(250, intervalMs), signal);
  }
}

export async function runDemo(options: RunOptions, out: Output): Promise<number> {
  const scenarios = selectScenarios(options.scenarios);
  const speed = options.speed;
  const screen = new Screen(out, !options.plain && out.isTTY === true, Math.max(2_000, 10_000 / speed));
  const resources = new Resources();
  const controller = new AbortController();
  const { signal } = controller;
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) {
      // A second Ctrl-C: no more grace.
      resources.releaseNow();
      process.exit(130);
    }
    interrupted = true;
    screen.event('interrupted: stopping the traffic, the service and Prometheus…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const checkpoint = (): void => {
    if (signal.aborted) throw new Interrupted();
  };

  const tempDir = resources.dir(mkdtempSync(join(tmpdir(), 'modelwatch-demo-')));
  let service: ChildProcess | undefined;
  let prometheus: PrometheusServer | undefined;
  try {
    const total = totalSeconds(scenarios, speed);
    screen.event(`Modelwatch lending demo: ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, ${clock(total * 1000)} of traffic at speed ${speed}`);

    const config = scaleConfig(loadDemoConfig(PATHS.demoConfig), speed);
    const windows = demoWindows(config);
    let configFile = PATHS.demoConfig;
    if (speed !== 1) {
      configFile = join(tempDir, 'modelwatch.yaml');
      writeConfig(config, configFile);
    }
    const bin = modelwatchBin();
    const modelwatch = (args: string[]): Promise<string> => runToEnd(process.execPath, [bin, ...args], `modelwatch ${args[0]}`);
    const profileFile = join(tempDir, 'profile.json');
    const profileArgs = profileCommand(PATHS.reference, profileFile);
    await modelwatch(profileArgs);
    screen.event(`  reference profile   modelwatch ${profileCommand(shown(PATHS.reference), shown(profileFile)).join(' ')}`);
    checkpoint();
    const rulesDir = join(tempDir, 'rules');
    mkdirSync(rulesDir);
    await modelwatch(['rules', '--config', configFile, '--out', rulesDir]);
    const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).map((f) => join(rulesDir, f));
    const ruleCount = ruleFiles.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/^\s+- (record|alert): /gm)?.length ?? 0), 0);
    screen.event(`  alert rules         modelwatch rules --config ${shown(configFile)} --out ${shown(rulesDir)}   (${ruleCount} rules; drift window ${windows.drift})`);
    checkpoint();

    service = resources.child(
      ChildProcess.start('the demo service', process.execPath, [PATHS.service, '--exit-with-stdin'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PROFILE: profileFile },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      }),
    );
    const serviceUrl = (await waitForLine(service, /listening on (http:\/\/\S+)/, 30_000))[1]!;
    service.onLine((line) => {
      if (/alert notification|failed:/.test(line)) screen.event(`  service: ${line.replace(/^\S+Z /, '')}`);
    });
    screen.event(`  inference service   ${serviceUrl}  (POST /predict, POST /outcome, GET /metrics)`);
    checkpoint();

    const prometheusBin = options.prometheus ? findPrometheus() : null;
    if (prometheusBin) {
      prometheus = await startPrometheus(prometheusBin, tempDir, { intervalMs: windows.intervalMs, ruleFiles, job: JOB, target: new URL(serviceUrl).host });
      resources.child(prometheus.child);
      screen.event(`  Prometheus          ${prometheus.url}  (scrapes and evaluates every ${windows.intervalMs / 1000} s; storage in ${shown(tempDir)})`);
      await waitForScrapes(prometheus, windows.intervalMs, signal);
    } else {
      screen.event(
        options.prometheus
          ? '  Prometheus          not installed (apt-get install prometheus): the summary reads the service\'s monitor.snapshot(), and no alert is evaluated'
          : '  Prometheus          off (--no-prometheus): the summary reads the service\'s monitor.snapshot()',
      );
    }
    checkpoint();
    screen.event(`  traffic             ${PREDICTIONS_PER_SECOND * speed} predictions/s from held-out HMDA applicants; outcomes posted later`);

    const live = new LiveView(windows);
    const client = new ServiceClient(serviceUrl);
    let current: ScenarioRun | undefined;
    const trafficStart = Date.now();
    const traffic = runTraffic({
      target: serviceUrl,
      applicantsCsv: PATHS.applicants,
      scenarios,
      speed,
      signal,
      onScenarioStart: (run) => {
        screen.settle();
        current = run;
        screen.event(`\n▶ [${clock(run.start - trafficStart)}] ${run.scenario.name}: ${run.scenario.title.toLowerCase()} for ${clock((run.scenario.durationSeconds * 1000) / speed)}`);
      },
      onProblem: (message) => screen.event(`  traffic: ${message}`),
    });
    let trafficDone = false;
    void traffic.finally(() => (trafficDone = true));

    const poll = async (): Promise<void> => {
      if (prometheus) {
        const alerts = (await prometheus.api.alerts()).filter((a) => a.state === 'firing' && a.labels.model_name === MODEL_NAME);
        const now = new Map(alerts.map((a) => [JSON.stringify(Object.entries(a.labels).sort()), a]));
        const at = `[${clock(Date.now() - trafficStart)}]`;
        for (const [key, a] of now) {
          if (!live.firing.has(key)) screen.event(`  ${at} FIRING   ${shortAlertName(a.labels)} (${a.labels.severity ?? '?'}): ${a.annotations.description ?? a.annotations.summary ?? ''}`);
        }
        for (const [key, a] of live.firing) if (!now.has(key)) screen.event(`  ${at} resolved ${shortAlertName(a.labels)} (${a.labels.severity ?? '?'})`);
        live.firing = now;
        live.reading = await readPrometheus(prometheus.api, windows);
      } else {
        const answer = await client.call('GET', '/snapshot');
        if (answer.status === 200) live.snapshots.add(JSON.parse(answer.body) as ServiceSnapshot);
        live.reading = live.snapshots.reading();
      }
    };
    const refreshMs = Math.max(500, Math.min(1_000, windows.intervalMs));
    let lastError = '';
    while (!trafficDone) {
      try {
        await poll();
        lastError = '';
      } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        if (message !== lastError && !signal.aborted) screen.event(`  summary: ${message}`);
        lastError = message;
      }
      if (current) {
        const c = current;
        const status = {
          scenario: { name: c.scenario.name, title: c.scenario.title, story: c.scenario.story, index: c.index, count: scenarios.length },
          elapsedMs: Date.now() - c.start,
          durationMs: (c.scenario.durationSeconds * 1000) / speed,
          clockMs: Date.now() - trafficStart,
          reading: live.reading,
          firing: prometheus ? live.firingNames() : null,
          predictionsSent: c.predictions,
          failed: c.failed,
        };
        screen.status(statusBlock(status, windows), statusLine(status));
      }
      await Promise.race([sleep(refreshMs, signal), traffic.then(() => undefined, () => undefined)]);
    }
    const runs = await traffic;
    client.close();
    screen.settle();

    let verdicts: Verdict[] | null = null;
    let history: (FiringHistory & { state: string })[] = [];
    if (prometheus) {
      const end = Date.now();
      const series = await prometheus.api.history(`ALERTS{model_name="${MODEL_NAME}"}`, end - trafficStart + 60_000, end);
      history = series.map((s) => ({ labels: s.labels, state: s.labels.alertstate ?? 'firing', firingAt: s.samples.map(([t]) => t) }));
      const firing = history.filter((h) => h.state === 'firing');
      const raised = raisedBySpan(runs, firing);
      verdicts = runs.map((run, i) => judge(run.scenario, run, raised[i]!, speed));
    }
    for (const line of reportLines(runs, verdicts, interrupted)) screen.event(line);
    if (options.report) {
      writeReport(options.report, runReport({ speed, prometheus: prometheus !== undefined, interrupted, pids: resources.pids, tempDir, alerts: history }, runs, verdicts));
    }
    if (interrupted) return 130;
    return verdicts && verdicts.some((v) => !v.ok) ? 1 : 0;
  } catch (e) {
    if (e instanceof Interrupted) return 130;
    throw e;
  } finally {
    await resources.release();
    screen.event(`Stopped ${[service ? 'the service' : '', prometheus ? 'Prometheus' : ''].filter(Boolean).join(' and ') || 'nothing'}; removed ${shown(tempDir)}.`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
