// The demo from start to end: profile and rules from the real CLI, the service, a private Prometheus when one
// is installed, the scenarios' traffic, the live summary, the report, and a clean stop whatever happens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { alertsQuery } from '@modelwatch/promql';
import { ALERT_STATE, LABEL } from '@modelwatch/semconv';
import { raisedBySpan, type FiringHistory } from '../alerts/attribution.js';
import { PATHS } from '../lending-paths.js';
import { ChildProcess } from '../processes/child-process.js';
import { waitForLine } from '../processes/wait-for-line.js';
import { findPrometheus, startPrometheus, type PrometheusServer } from '../prometheus/prometheus-server.js';
import { PREDICTIONS_PER_SECOND } from '../scenarios/catalogue.js';
import { selectScenarios, totalSeconds } from '../scenarios/selection.js';
import { judge, type Verdict } from '../scenarios/verdict.js';
import { LiveSummary } from '../summary/live-summary.js';
import { clock, statusBlock, statusLine } from '../summary/render.js';
import { Screen, type Output } from '../summary/screen.js';
import { ServiceClient } from '../traffic/service-client.js';
import { runTraffic, type ScenarioRun } from '../traffic/traffic-runner.js';
import { buildArtifacts } from './artifacts.js';
import { reportLines, runReport, writeReport } from './report.js';
import { Resources } from './resources.js';
import type { RunOptions } from './run-options.js';

const JOB = 'lending-demo';

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

/** Traffic starts once Prometheus holds two good scrapes, so increase() counts every prediction from the first. */
async function waitForScrapes(prometheus: PrometheusServer, intervalMs: number, signal: AbortSignal): Promise<void> {
  const limitMs = 30_000 + 4 * intervalMs;
  const deadline = Date.now() + limitMs;
  const query = `count_over_time(up{job="${JOB}"}[1h]) >= 2 and min_over_time(up{job="${JOB}"}[1h]) == 1`;
  while (!signal.aborted) {
    if ((await prometheus.api.query(query)).length === 1) return;
    if (Date.now() > deadline)
      throw new Error(
        `Prometheus did not scrape the service twice in ${Math.round(limitMs / 1000)} s: ${prometheus.child.output.trim().split('\n').pop() || 'it printed nothing'}`
      );
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
    screen.event(
      `Modelwatch lending demo: ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, ${clock(total * 1000)} of traffic at speed ${speed}`
    );

    const { windows, profileFile, ruleFiles } = await buildArtifacts(
      speed,
      tempDir,
      (line) => screen.event(line),
      shown
    );
    checkpoint();

    service = resources.child(
      ChildProcess.start('the demo service', process.execPath, [PATHS.service, '--exit-with-stdin'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PROFILE: profileFile },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      })
    );
    const serviceUrl = (await waitForLine(service, /listening on (http:\/\/\S+)/, 30_000))[1]!;
    service.onLine((line) => {
      if (/alert notification|failed:/.test(line)) screen.event(`  service: ${line.replace(/^\S+Z /, '')}`);
    });
    screen.event(`  inference service   ${serviceUrl}  (POST /predict, POST /outcome, GET /metrics)`);
    checkpoint();

    const prometheusBin = options.prometheus ? findPrometheus() : null;
    if (prometheusBin) {
      prometheus = await startPrometheus(prometheusBin, tempDir, {
        intervalMs: windows.intervalMs,
        ruleFiles,
        job: JOB,
        target: new URL(serviceUrl).host,
      });
      resources.child(prometheus.child);
      screen.event(
        `  Prometheus          ${prometheus.url}  (scrapes and evaluates every ${windows.intervalMs / 1000} s; storage in ${shown(tempDir)})`
      );
      await waitForScrapes(prometheus, windows.intervalMs, signal);
    } else {
      screen.event(
        options.prometheus
          ? "  Prometheus          not installed (apt-get install prometheus): the summary reads the service's monitor.snapshot(), and no alert is evaluated"
          : "  Prometheus          off (--no-prometheus): the summary reads the service's monitor.snapshot()"
      );
    }
    checkpoint();
    screen.event(
      `  traffic             ${PREDICTIONS_PER_SECOND * speed} predictions/s from held-out HMDA applicants; outcomes posted later`
    );

    const client = new ServiceClient(serviceUrl);
    let current: ScenarioRun | undefined;
    const trafficStart = Date.now();
    const summary = new LiveSummary(windows, prometheus?.api, client, screen, trafficStart);
    const traffic = runTraffic({
      target: serviceUrl,
      applicantsCsv: PATHS.applicants,
      scenarios,
      speed,
      signal,
      onScenarioStart: (run) => {
        screen.settle();
        current = run;
        screen.event(
          `\n▶ [${clock(run.start - trafficStart)}] ${run.scenario.name}: ${run.scenario.title.toLowerCase()} for ${clock((run.scenario.durationSeconds * 1000) / speed)}`
        );
      },
      onProblem: (message) => screen.event(`  traffic: ${message}`),
    });
    let trafficDone = false;
    void traffic.finally(() => (trafficDone = true));
    const refreshMs = Math.max(500, Math.min(1_000, windows.intervalMs));
    while (!trafficDone) {
      await summary.refresh();
      if (current) {
        const status = summary.status(current, scenarios.length, speed);
        screen.status(statusBlock(status, windows), statusLine(status));
      }
      await Promise.race([
        sleep(refreshMs, signal),
        traffic.then(
          () => undefined,
          () => undefined
        ),
      ]);
    }
    const runs = await traffic;
    client.close();
    screen.settle();

    let verdicts: Verdict[] | null = null;
    let history: (FiringHistory & { state: string })[] = [];
    if (prometheus) {
      const end = Date.now();
      const series = await prometheus.api.history(
        alertsQuery({ model: windows.model }),
        end - trafficStart + 60_000,
        end
      );
      history = series.map((s) => ({
        labels: s.labels,
        state: s.labels[LABEL.alertState] ?? ALERT_STATE.firing,
        firingAt: s.samples.map(([t]) => t),
      }));
      const firing = history.filter((h) => h.state === ALERT_STATE.firing);
      const raised = raisedBySpan(runs, firing);
      verdicts = runs.map((run, i) => judge(run.scenario, run, raised[i]!, speed));
    }
    for (const line of reportLines(runs, verdicts, interrupted)) screen.event(line);
    if (options.report) {
      writeReport(
        options.report,
        runReport(
          { speed, prometheus: prometheus !== undefined, interrupted, pids: resources.pids, tempDir, alerts: history },
          runs,
          verdicts
        )
      );
    }
    if (interrupted) return 130;
    return verdicts && verdicts.some((v) => !v.ok) ? 1 : 0;
  } catch (e) {
    if (e instanceof Interrupted) return 130;
    throw e;
  } finally {
    await resources.release();
    screen.event(
      `Stopped ${[service ? 'the service' : '', prometheus ? 'Prometheus' : ''].filter(Boolean).join(' and ') || 'nothing'}; removed ${shown(tempDir)}.`
    );
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
