// The demo from start to end: profile and rules from the real CLI, the service, a private Prometheus when one
// is installed, the scenarios' traffic, the live summary, the report, and a clean stop whatever happens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  ChildProcess,
  findBinary,
  runToEnd,
  sleep,
  startPrometheus,
  type PrometheusServer,
} from '@modelwatch/local-prometheus';
import { alertsQuery } from '@modelwatch/promql';
import { ALERT_STATE, LABEL } from '@modelwatch/semconv';
import { raisedBySpan, type FiringHistory } from '../alerts/attribution.js';
import { PATHS, modelwatchBin } from '../lending-paths.js';
import { PREDICTIONS_PER_SECOND } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { selectScenarios, totalSeconds } from '../scenarios/selection.js';
import { judge, type Verdict } from '../scenarios/verdict.js';
import { LiveSummary } from '../summary/live-summary.js';
import { clock, statusBlock, statusLine } from '../summary/render.js';
import { Screen, type Output } from '../summary/screen.js';
import type { DemoWindows } from '../timescale/demo-config.js';
import { ServiceClient } from '../traffic/service-client.js';
import { runTraffic, type ScenarioRun } from '../traffic/traffic-runner.js';
import { buildArtifacts } from './artifacts.js';
import { Interrupted, listenForInterruption, type Interruption } from './interruption.js';
import { reportLines, runReport, writeReport } from './report.js';
import { Resources } from './resources.js';
import type { RunOptions } from './run-options.js';

const JOB = 'lending-demo';

/** Paths inside the working directory are shown relative to it, as a user would type them. */
const shown = (path: string): string => (path.startsWith(process.cwd()) ? relative(process.cwd(), path) || '.' : path);

/** One run of the demo: what it was asked, where it writes, and what it has started so far. */
interface DemoRun {
  readonly options: RunOptions;
  readonly scenarios: readonly Scenario[];
  readonly speed: number;
  readonly screen: Screen;
  readonly resources: Resources;
  readonly interruption: Interruption;
  readonly tempDir: string;
  service?: ChildProcess;
  prometheus?: PrometheusServer;
}

/** Every ALERTS series of the run, pending and firing, and each scenario's verdict (null without Prometheus). */
interface AlertOutcome {
  history: (FiringHistory & { state: string })[];
  verdicts: Verdict[] | null;
}

export async function runDemo(options: RunOptions, out: Output): Promise<number> {
  const scenarios = selectScenarios(options.scenarios);
  const speed = options.speed;
  const screen = new Screen(out, !options.plain && out.isTTY === true, Math.max(2_000, 10_000 / speed));
  const resources = new Resources();
  const interruption = listenForInterruption(screen, resources);
  const tempDir = resources.dir(mkdtempSync(join(tmpdir(), 'modelwatch-demo-')));
  const run: DemoRun = { options, scenarios, speed, screen, resources, interruption, tempDir };
  try {
    return await runPhases(run);
  } catch (e) {
    if (e instanceof Interrupted) return 130;
    throw e;
  } finally {
    await resources.release();
    screen.event(`Stopped ${startedParts(run)}; removed ${shown(tempDir)}.`);
    interruption.dispose();
  }
}

/** `the service and Prometheus`: what the run had started by the time it stopped. */
function startedParts(run: DemoRun): string {
  return (
    [run.service ? 'the service' : '', run.prometheus ? 'Prometheus' : ''].filter(Boolean).join(' and ') || 'nothing'
  );
}

/** Artifacts, service, Prometheus, traffic, verdicts and report, in order; answers the exit status. */
async function runPhases(run: DemoRun): Promise<number> {
  const { screen, scenarios, speed, interruption } = run;
  const total = totalSeconds(scenarios, speed);
  screen.event(
    `Modelwatch lending demo: ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, ${clock(total * 1000)} of traffic at speed ${speed}`
  );

  const { windows, configFile, profileFile, ruleFiles } = await buildArtifacts(
    speed,
    run.tempDir,
    (line) => screen.event(line),
    shown
  );
  interruption.checkpoint();
  const serviceUrl = await startService(run, profileFile);
  interruption.checkpoint();
  const prometheus = await startPrivatePrometheus(run, windows, ruleFiles, serviceUrl);
  interruption.checkpoint();
  screen.event(
    `  traffic             ${PREDICTIONS_PER_SECOND * speed} predictions/s from held-out HMDA applicants; outcomes posted later`
  );

  const { runs, trafficStart } = await sendTraffic(run, windows, serviceUrl, prometheus);
  const alerts: AlertOutcome = prometheus
    ? await judgeAlerts(prometheus, windows.model, runs, trafficStart, speed)
    : { history: [], verdicts: null };
  if (run.options.evidence) await writeEvidence(run, configFile, windows.model, trafficStart);
  return reportOutcome(run, runs, alerts);
}

/** The inference service as a child process on a free port; answers its URL once it listens. */
async function startService(run: DemoRun, profileFile: string): Promise<string> {
  const service = run.resources.child(
    ChildProcess.start('the demo service', process.execPath, [PATHS.service, '--exit-with-stdin'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PROFILE: profileFile },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    })
  );
  run.service = service;
  const serviceUrl = (await service.waitForLine(/listening on (http:\/\/\S+)/, 30_000))[1]!;
  service.onLine((line) => {
    if (/alert notification|failed:/.test(line)) run.screen.event(`  service: ${line.replace(/^\S+Z /, '')}`);
  });
  run.screen.event(`  inference service   ${serviceUrl}  (POST /predict, POST /outcome, GET /metrics)`);
  return serviceUrl;
}

/**
 * A Prometheus of the run's own that scrapes the service and evaluates the generated rules, ready once it holds
 * two scrapes; none when it is not installed or turned off (the summary then reads the service's snapshots).
 */
async function startPrivatePrometheus(
  run: DemoRun,
  windows: DemoWindows,
  ruleFiles: string[],
  serviceUrl: string
): Promise<PrometheusServer | undefined> {
  const { options, screen } = run;
  const prometheusBin = options.prometheus ? findBinary('prometheus') : null;
  if (!prometheusBin) {
    screen.event(
      options.prometheus
        ? "  Prometheus          not installed (apt-get install prometheus): the summary reads the service's monitor.snapshot(), and no alert is evaluated"
        : "  Prometheus          off (--no-prometheus): the summary reads the service's monitor.snapshot()"
    );
    return undefined;
  }
  // Its own process group: Ctrl-C in the terminal reaches the demo only, which still reads the alert history
  // before it stops Prometheus.
  const prometheus = await startPrometheus({
    binary: prometheusBin,
    dir: run.tempDir,
    detached: true,
    config: {
      scrapeIntervalMs: windows.intervalMs,
      evaluationIntervalMs: windows.intervalMs,
      ruleFiles,
      scrape: [{ job: JOB, targets: [new URL(serviceUrl).host] }],
    },
  });
  run.prometheus = prometheus;
  run.resources.child(prometheus.child);
  screen.event(
    `  Prometheus          ${prometheus.url}  (scrapes and evaluates every ${windows.intervalMs / 1000} s; storage in ${shown(run.tempDir)})`
  );
  await waitForScrapes(prometheus, windows.intervalMs, run.interruption.signal);
  return prometheus;
}

/** Traffic starts once Prometheus holds two good scrapes, so increase() counts every prediction from the first. */
async function waitForScrapes(prometheus: PrometheusServer, intervalMs: number, signal: AbortSignal): Promise<void> {
  const limitMs = 30_000 + 4 * intervalMs;
  const deadline = Date.now() + limitMs;
  const query = `count_over_time(up{job="${JOB}"}[1h]) >= 2 and min_over_time(up{job="${JOB}"}[1h]) == 1`;
  while (!signal.aborted) {
    if ((await prometheus.client.query(query)).length === 1) return;
    if (Date.now() > deadline)
      throw new Error(
        `Prometheus did not scrape the service twice in ${Math.round(limitMs / 1000)} s: ${prometheus.child.lastLine || 'it printed nothing'}`
      );
    await sleep(Math.min(250, intervalMs), signal);
  }
}

/** Every scenario's traffic, with the live summary shown until it ends; answers the runs and when they began. */
async function sendTraffic(
  run: DemoRun,
  windows: DemoWindows,
  serviceUrl: string,
  prometheus: PrometheusServer | undefined
): Promise<{ runs: ScenarioRun[]; trafficStart: number }> {
  const { screen, speed } = run;
  const client = new ServiceClient(serviceUrl);
  let current: ScenarioRun | undefined;
  const trafficStart = Date.now();
  const summary = new LiveSummary(windows, prometheus?.client, client, screen, trafficStart);
  const traffic = runTraffic({
    target: serviceUrl,
    applicantsCsv: PATHS.applicants,
    scenarios: run.scenarios,
    speed,
    signal: run.interruption.signal,
    onScenarioStart: (scenarioRun) => {
      screen.settle();
      current = scenarioRun;
      screen.event(scenarioHeading(scenarioRun, trafficStart, speed));
    },
    onProblem: (message) => screen.event(`  traffic: ${message}`),
  });
  await showSummaryUntil(traffic, run, summary, windows, () => current);
  const runs = await traffic;
  client.close();
  screen.settle();
  return { runs, trafficStart };
}

/** `▶ [0:40] covariate-drift: covariate drift for 0:12`, after a blank line. */
function scenarioHeading(scenarioRun: ScenarioRun, trafficStart: number, speed: number): string {
  const { scenario } = scenarioRun;
  return `\n▶ [${clock(scenarioRun.start - trafficStart)}] ${scenario.name}: ${scenario.title.toLowerCase()} for ${clock((scenario.durationSeconds * 1000) / speed)}`;
}

/** Refreshes the live summary and redraws it about once a second (less often than Prometheus evaluates). */
async function showSummaryUntil(
  traffic: Promise<unknown>,
  run: DemoRun,
  summary: LiveSummary,
  windows: DemoWindows,
  current: () => ScenarioRun | undefined
): Promise<void> {
  let trafficDone = false;
  void traffic.finally(() => (trafficDone = true));
  const refreshMs = Math.max(500, Math.min(1_000, windows.intervalMs));
  while (!trafficDone) {
    await summary.refresh();
    const scenarioRun = current();
    if (scenarioRun) {
      const status = summary.status(scenarioRun, run.scenarios.length, run.speed);
      run.screen.status(statusBlock(status, windows), statusLine(status));
    }
    await Promise.race([
      sleep(refreshMs, run.interruption.signal),
      traffic.then(
        () => undefined,
        () => undefined
      ),
    ]);
  }
}

/** The model's ALERTS history over the run from Prometheus, and each scenario judged on the alerts that fired. */
async function judgeAlerts(
  prometheus: PrometheusServer,
  model: string,
  runs: readonly ScenarioRun[],
  trafficStart: number,
  speed: number
): Promise<AlertOutcome> {
  const end = Date.now();
  const series = await prometheus.client.history(alertsQuery({ model }), end - trafficStart + 60_000, end);
  const history = series.map((s) => ({
    labels: s.labels,
    state: s.labels[LABEL.alertState] ?? ALERT_STATE.firing,
    firingAt: s.samples.map(([t]) => t),
  }));
  const firing = history.filter((h) => h.state === ALERT_STATE.firing);
  const raised = raisedBySpan(runs, firing);
  return { history, verdicts: runs.map((r, i) => judge(r.scenario, r, raised[i]!, speed)) };
}

/** `modelwatch report` over the run's history, while the run's Prometheus still serves it (--evidence). */
async function writeEvidence(run: DemoRun, configFile: string, model: string, trafficStart: number): Promise<void> {
  const file = run.options.evidence!;
  if (!run.prometheus) {
    run.screen.event(
      `  evidence report     not written: it reads the run's history from Prometheus, which did not run`
    );
    return;
  }
  const format = /\.(json|pdf)$/i.exec(file)?.[1]?.toLowerCase() ?? 'html';
  const args = ['report', '--prometheus', run.prometheus.url, '--config', configFile, '--model', model];
  args.push('--from', String(Math.floor(trafficStart / 1000)), '--to', String(Math.ceil(Date.now() / 1000)));
  args.push('--model-card', PATHS.modelCard, '--format', format, '--out', file);
  await runToEnd(process.execPath, [modelwatchBin(), ...args], 'modelwatch report');
  run.screen.event(
    `  evidence report     ${shown(file)} (and ${shown(file)}.sha256): modelwatch report --prometheus …`
  );
}

/** What each scenario raised, on screen and (with --report) as JSON; answers the exit status. */
function reportOutcome(run: DemoRun, runs: ScenarioRun[], { history, verdicts }: AlertOutcome): number {
  const { interrupted } = run.interruption;
  for (const line of reportLines(runs, verdicts, interrupted)) run.screen.event(line);
  if (run.options.report) {
    writeReport(
      run.options.report,
      runReport(
        {
          speed: run.speed,
          prometheus: run.prometheus !== undefined,
          interrupted,
          pids: run.resources.pids,
          tempDir: run.tempDir,
          alerts: history,
        },
        runs,
        verdicts
      )
    );
  }
  if (interrupted) return 130;
  return verdicts && verdicts.some((v) => !v.ok) ? 1 : 0;
}
