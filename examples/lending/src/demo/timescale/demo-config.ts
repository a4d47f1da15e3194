// The demo's modelwatch.yaml, validated by the CLI's own parser and compressed by the demo's speed. The scaled
// config is written as JSON, which is YAML too, so `modelwatch rules` reads it like the original.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseConfig, type ModelwatchConfig } from '@modelwatch/cli';
import { DEFAULTS } from '@modelwatch/semconv';
import { durationMs, scaleDuration } from './durations.js';

export type ModelPolicy = ModelwatchConfig['models'][number];

export function loadDemoConfig(file: string): ModelwatchConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `${file}: cannot read the demo's modelwatch.yaml (${(e as NodeJS.ErrnoException).code ?? String(e)})`
    );
  }
  return parseConfig(text, file);
}

/** Every window, interval, period and `for` divided by `speed`; thresholds and sample minimums stay. */
export function scaleConfig(config: ModelwatchConfig, speed: number): ModelwatchConfig {
  if (speed === 1) return config;
  const s = (d: string): string => scaleDuration(d, speed);
  const section = <T extends { window: string; for: string }>(x: T | undefined): T | undefined =>
    x ? { ...x, window: s(x.window), for: s(x.for) } : undefined;
  return {
    ...config,
    interval: s(config.interval),
    models: config.models.map((m) => ({
      ...m,
      drift: m.drift
        ? { ...section(m.drift)!, baseline: { ...m.drift.baseline, offset: s(m.drift.baseline.offset) } }
        : undefined,
      dataQuality: section(m.dataQuality),
      performance: section(m.performance),
      fairness: section(m.fairness),
      slos: m.slos
        ? {
            ...m.slos,
            period: s(m.slos.period),
            alerts: m.slos.alerts.map((a) => ({ ...a, long: s(a.long), short: s(a.short), for: s(a.for) })),
          }
        : undefined,
    })),
  };
}

export function writeConfig(config: ModelwatchConfig, file: string): void {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** The windows the recorded series are named after, which the live summary reads. */
export interface DemoWindows {
  model: string;
  intervalMs: number;
  drift: string;
  performance: string;
  fairness: string;
  /** The long window of the fastest burn-rate alert. */
  burn: string;
  latencyThreshold: number | null;
  latencyObjective: number | null;
  availabilityObjective: number | null;
  minGroupSize: number;
}

export function demoWindows(config: ModelwatchConfig): DemoWindows {
  const model = config.models[0]!;
  const missing = (key: string): never => {
    throw new Error(`the demo's modelwatch.yaml needs models.0.${key}: the live summary reads it`);
  };
  const fastest = [...(model.slos?.alerts ?? [])].sort((a, b) => durationMs(a.long) - durationMs(b.long))[0];
  return {
    model: model.name,
    intervalMs: durationMs(config.interval),
    drift: model.drift?.window ?? missing('drift'),
    performance: model.performance?.window ?? missing('performance'),
    fairness: model.fairness?.window ?? missing('fairness'),
    burn: fastest?.long ?? missing('slos.alerts'),
    latencyThreshold: model.slos?.latency?.threshold ?? null,
    latencyObjective: model.slos?.latency?.objective ?? null,
    availabilityObjective: model.slos?.availability?.objective ?? null,
    minGroupSize: model.fairness?.minGroupSize ?? DEFAULTS.minGroupSize,
  };
}
