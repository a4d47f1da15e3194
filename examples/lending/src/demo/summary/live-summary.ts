// What the demo shows while traffic runs: readings from Prometheus' recorded series (or from the service's
// snapshots without Prometheus), and each alert as it starts or stops firing.
import type { ActiveAlert, PrometheusClient } from '@modelwatch/local-prometheus';
import { ALERT_STATE, LABEL } from '@modelwatch/semconv';
import { shortAlertName } from '../alerts/alert-identity.js';
import type { DemoWindows } from '../timescale/demo-config.js';
import type { ServiceClient } from '../traffic/service-client.js';
import type { ScenarioRun } from '../traffic/traffic-runner.js';
import { readPrometheus } from './prometheus-reading.js';
import type { Reading } from './reading.js';
import { clock, type Status } from './render.js';
import type { Screen } from './screen.js';
import { SnapshotWindows, type ServiceSnapshot } from './snapshot-reading.js';

/** `ModelwatchFeatureDriftPSI pirat (critical)`: an alert's short name and severity. */
const named = (a: ActiveAlert): string => `${shortAlertName(a.labels)} (${a.labels[LABEL.severity] ?? '?'})`;

export class LiveSummary {
  private reading: Reading | null = null;
  private firing = new Map<string, ActiveAlert>();
  private readonly snapshots: SnapshotWindows;
  private lastError = '';

  constructor(
    private readonly windows: DemoWindows,
    private readonly prometheus: PrometheusClient | undefined,
    private readonly service: ServiceClient,
    private readonly screen: Screen,
    private readonly startedAt: number
  ) {
    this.snapshots = new SnapshotWindows(windows);
  }

  /** Reads once; a failure is shown once, not on every refresh. */
  async refresh(): Promise<void> {
    try {
      if (this.prometheus) {
        await this.followAlerts(this.prometheus);
        this.reading = await readPrometheus(this.prometheus, this.windows);
      } else {
        const answer = await this.service.call('GET', '/snapshot');
        if (answer.status === 200) this.snapshots.add(JSON.parse(answer.body) as ServiceSnapshot);
        this.reading = this.snapshots.reading();
      }
      this.lastError = '';
    } catch (e) {
      const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      if (message !== this.lastError) this.screen.event(`  summary: ${message}`);
      this.lastError = message;
    }
  }

  status(run: ScenarioRun, scenarioCount: number, speed: number): Status {
    const now = Date.now();
    return {
      scenario: {
        name: run.scenario.name,
        title: run.scenario.title,
        story: run.scenario.story,
        index: run.index,
        count: scenarioCount,
      },
      elapsedMs: now - run.start,
      durationMs: (run.scenario.durationSeconds * 1000) / speed,
      clockMs: now - this.startedAt,
      reading: this.reading,
      firing: this.prometheus ? [...this.firing.values()].map(named).sort() : null,
      predictionsSent: run.predictions,
      failed: run.failed,
    };
  }

  private async followAlerts(api: PrometheusClient): Promise<void> {
    const alerts = (await api.alerts()).filter(
      (a) => a.state === ALERT_STATE.firing && a.labels[LABEL.modelName] === this.windows.model
    );
    const now = new Map(alerts.map((a) => [JSON.stringify(Object.entries(a.labels).sort()), a]));
    const at = `[${clock(Date.now() - this.startedAt)}]`;
    for (const [key, a] of now) {
      if (!this.firing.has(key))
        this.screen.event(`  ${at} FIRING   ${named(a)}: ${a.annotations.description ?? a.annotations.summary ?? ''}`);
    }
    for (const [key, a] of this.firing) if (!now.has(key)) this.screen.event(`  ${at} resolved ${named(a)}`);
    this.firing = now;
  }
}
