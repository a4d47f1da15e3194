// Sends the scenarios' traffic to the service on an accelerated clock: at speed N every scenario lasts N times
// less, predictions come N times faster and labels arrive N times sooner, matching a config whose windows were
// divided by N. Requests are sent on a fixed schedule whatever the answers take (an open loop), as real
// clients do, so a slow service does not slow the traffic down.
import { sleep } from '@modelwatch/local-prometheus';
import { seededRandom } from '@modelwatch/stats';
import { SIMULATED_LATENCY_HEADER } from '../service/simulated-latency.js';
import { PREDICTIONS_PER_SECOND, TRAFFIC_SEED } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { ApplicantStream, type Application } from './applicant-stream.js';
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

/** A prediction request as drawn, before it is sent. */
interface PredictionRequest {
  application: Application;
  /** Seconds the service is asked to take (0: its own pace). */
  slowSeconds: number;
  /** The applicant is denied in the end whatever the model decides. */
  deniedAnyway: boolean;
}

const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/** One traffic run's requests: predictions, the outcomes they are due, and the problems worth telling. */
class TrafficSender {
  private readonly random: () => number;
  private readonly applicants: ApplicantStream;
  private readonly client: ServiceClient;
  private readonly labels = new LabelQueue();
  private readonly inflight = new Set<Promise<void>>();
  private readonly lastProblem = new Map<string, number>();

  constructor(private readonly options: TrafficOptions) {
    this.random = seededRandom(options.seed ?? TRAFFIC_SEED);
    this.applicants = ApplicantStream.fromCsv(options.applicantsCsv, this.random);
    this.client = new ServiceClient(options.target);
  }

  /** Sends one scenario's traffic on schedule for its length (at the run's speed), or until aborted. */
  async runScenario(scenario: Scenario, index: number): Promise<ScenarioRun> {
    const { speed, signal } = this.options;
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
    this.options.onScenarioStart?.(run);
    const endAt = start + (scenario.durationSeconds * 1000) / speed;
    const rate = (PREDICTIONS_PER_SECOND * speed) / 1000;
    for (let now = Date.now(); now < endAt && !signal?.aborted; now = Date.now()) {
      const due = Math.floor((now - start) * rate) - run.predictions;
      for (let i = 0; i < due; i++) this.predict(run);
      this.postLabels(run);
      await sleep(Math.min(TICK_MS, endAt - now));
    }
    run.end = Date.now();
    this.options.onScenarioEnd?.(run);
    return run;
  }

  /** Waits for every request still on its way, then lets the connections go. */
  async finish(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }

  close(): void {
    this.client.close();
  }

  /** Every random draw happens here, in send order, so a seed fixes the run whatever order answers come in. */
  private draw(run: ScenarioRun): PredictionRequest {
    const shape = run.scenario.traffic;
    const application = this.applicants.next(shape);
    const slowSeconds =
      shape.slow && this.random() < shape.slow.share
        ? shape.slow.seconds[0] + this.random() * (shape.slow.seconds[1] - shape.slow.seconds[0])
        : 0;
    const deniedAnyway = shape.approvedThenDeniedShare !== undefined && this.random() < shape.approvedThenDeniedShare;
    return { application, slowSeconds, deniedAnyway };
  }

  /** One POST /predict; its outcome is queued for when the scenario's label delay has passed. */
  private predict(run: ScenarioRun): void {
    const { application, slowSeconds, deniedAnyway } = this.draw(run);
    const delayMs = (run.scenario.traffic.labelDelaySeconds * 1000) / this.options.speed;
    const headers: Record<string, string> =
      slowSeconds > 0 ? { [SIMULATED_LATENCY_HEADER]: String(Math.round(slowSeconds * 1000)) } : {};
    run.predictions++;
    this.track(
      this.client.call('POST', '/predict', application.body, headers).then(
        (answer) => {
          if (answer.status !== 200) {
            run.failed++;
            return this.problem(
              `predict ${answer.status}`,
              `POST /predict answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
            );
          }
          const { id, decision } = JSON.parse(answer.body) as { id: string; decision: string };
          const actual = decision === 'approve' && deniedAnyway ? 'yes' : application.denied;
          this.labels.add(delayMs, { id, actual }, Date.now());
        },
        (e: unknown) => {
          run.failed++;
          this.problem('predict', `POST /predict failed: ${errorCode(e)}`);
        }
      )
    );
  }

  /** The outcomes now due, in POST /outcome batches. */
  private postLabels(run: ScenarioRun): void {
    const due = this.labels.due(Date.now());
    for (let i = 0; i < due.length; i += LABEL_BATCH) {
      const batch = due.slice(i, i + LABEL_BATCH).map(({ id, actual }) => ({ id, actual }));
      run.labels += batch.length;
      this.track(
        this.client.call('POST', '/outcome', batch).then(
          (answer) => {
            if (answer.status === 200) run.labelsMatched += (JSON.parse(answer.body) as { matched: number }).matched;
            else
              this.problem(
                `outcome ${answer.status}`,
                `POST /outcome answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`
              );
          },
          (e: unknown) => this.problem('outcome', `POST /outcome failed: ${errorCode(e)}`)
        )
      );
    }
  }

  /** A failed request, told at most once per second and kind. */
  private problem(kind: string, message: string): void {
    const now = Date.now();
    if ((this.lastProblem.get(kind) ?? 0) + 1_000 > now) return;
    this.lastProblem.set(kind, now);
    this.options.onProblem?.(message);
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}

export async function runTraffic(options: TrafficOptions): Promise<ScenarioRun[]> {
  const { speed, signal } = options;
  if (!(speed > 0)) throw new RangeError(`speed must be above 0, got ${speed}`);
  const sender = new TrafficSender(options);
  const runs: ScenarioRun[] = [];
  try {
    do {
      for (const [index, scenario] of options.scenarios.entries()) {
        if (signal?.aborted) break;
        runs.push(await sender.runScenario(scenario, index));
      }
    } while (options.loop && !signal?.aborted);
    await sender.finish();
  } finally {
    sender.close();
  }
  return runs;
}
