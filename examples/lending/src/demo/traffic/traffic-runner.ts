// Sends the scenarios' traffic to the service on an accelerated clock: at speed N every scenario lasts N times
// less, predictions come N times faster and labels arrive N times sooner, matching a config whose windows were
// divided by N. Requests are sent on a fixed schedule whatever the answers take (an open loop), as real
// clients do, so a slow service does not slow the traffic down.
import { sleep } from '@modelwatch/local-prometheus';
import { seededRandom } from '@modelwatch/stats';
import { SIMULATED_LATENCY_HEADER } from '../service/simulated-latency.js';
import { PREDICTIONS_PER_SECOND, TRAFFIC_SEED } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { ApplicantStream } from './applicant-stream.js';
import { LabelQueue } from './label-queue.js';
import { ServiceClient } from './service-client.js';

export interface TrafficOptions {
  target: string;
  /** The held-out applicants (data/current.csv). */
  applicantsCsv: string;
  scenarios: readonly Scenario[];
  speed: number;
  seed?: number;
  /** Start over after the last scenario until aborted. */
  loop?: boolean;
  signal?: AbortSignal;
  onScenarioStart?: (run: ScenarioRun) => void;
  onScenarioEnd?: (run: ScenarioRun) => void;
  /** A failed request, at most once per second and kind. */
  onProblem?: (message: string) => void;
}

export interface ScenarioRun {
  scenario: Scenario;
  index: number;
  /** Wall-clock milliseconds. */
  start: number;
  end: number;
  predictions: number;
  failed: number;
  labels: number;
  labelsMatched: number;
}

const TICK_MS = 20;
const LABEL_BATCH = 500;

export async function runTraffic(options: TrafficOptions): Promise<ScenarioRun[]> {
  const { speed, signal } = options;
  if (!(speed > 0)) throw new RangeError(`speed must be above 0, got ${speed}`);
  const random = seededRandom(options.seed ?? TRAFFIC_SEED);
  const applicants = ApplicantStream.fromCsv(options.applicantsCsv, random);
  const client = new ServiceClient(options.target);
  const labels = new LabelQueue();
  const inflight = new Set<Promise<void>>();
  const lastProblem = new Map<string, number>();
  const problem = (kind: string, message: string): void => {
    const now = Date.now();
    if ((lastProblem.get(kind) ?? 0) + 1_000 > now) return;
    lastProblem.set(kind, now);
    options.onProblem?.(message);
  };
  const track = (p: Promise<void>): void => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const predict = (run: ScenarioRun): void => {
    const shape = run.scenario.traffic;
    const application = applicants.next(shape);
    // Every random draw happens here, in send order, so a seed fixes the run whatever order answers come in.
    const slow =
      shape.slow && random() < shape.slow.share
        ? shape.slow.seconds[0] + random() * (shape.slow.seconds[1] - shape.slow.seconds[0])
        : 0;
    const deniedAnyway = shape.approvedThenDeniedShare !== undefined && random() < shape.approvedThenDeniedShare;
    const delayMs = (shape.labelDelaySeconds * 1000) / speed;
    const headers: Record<string, string> =
      slow > 0 ? { [SIMULATED_LATENCY_HEADER]: String(Math.round(slow * 1000)) } : {};
    run.predictions++;
    track(
      client.call('POST', '/predict', application.body, headers).then(
        (answer) => {
          if (answer.status !== 200) {
            run.failed++;
            return problem(
              `predict ${answer.status}`,
              `POST /predict answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
            );
          }
          const { id, decision } = JSON.parse(answer.body) as { id: string; decision: string };
          const actual = decision === 'approve' && deniedAnyway ? 'yes' : application.denied;
          labels.add(delayMs, { id, actual }, Date.now());
        },
        (e: unknown) => {
          run.failed++;
          problem('predict', `POST /predict failed: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
      )
    );
  };

  const postLabels = (run: ScenarioRun): void => {
    const due = labels.due(Date.now());
    for (let i = 0; i < due.length; i += LABEL_BATCH) {
      const batch = due.slice(i, i + LABEL_BATCH).map(({ id, actual }) => ({ id, actual }));
      run.labels += batch.length;
      track(
        client.call('POST', '/outcome', batch).then(
          (answer) => {
            if (answer.status === 200) run.labelsMatched += (JSON.parse(answer.body) as { matched: number }).matched;
            else
              problem(
                `outcome ${answer.status}`,
                `POST /outcome answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
              );
          },
          (e: unknown) => problem('outcome', `POST /outcome failed: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
        )
      );
    }
  };

  const runs: ScenarioRun[] = [];
  try {
    do {
      for (const [index, scenario] of options.scenarios.entries()) {
        if (signal?.aborted) break;
        const start = Date.now();
        const run: ScenarioRun = {
          scenario,
          index,
          start,
          end: start,
          predictions: 0,
          failed: 0,
          labels: 0,
          labelsMatched: 0,
        };
        runs.push(run);
        options.onScenarioStart?.(run);
        const endAt = start + (scenario.durationSeconds * 1000) / speed;
        const rate = (PREDICTIONS_PER_SECOND * speed) / 1000;
        for (let now = Date.now(); now < endAt && !signal?.aborted; now = Date.now()) {
          const due = Math.floor((now - start) * rate) - run.predictions;
          for (let i = 0; i < due; i++) predict(run);
          postLabels(run);
          await sleep(Math.min(TICK_MS, endAt - now));
        }
        run.end = Date.now();
        options.onScenarioEnd?.(run);
      }
    } while (options.loop && !signal?.aborted);
    await Promise.allSettled([...inflight]);
  } finally {
    client.close();
  }
  return runs;
}
