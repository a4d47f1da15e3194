// The demo's accelerated clock: every duration of modelwatch.yaml divided by the speed, the result still a
// config the CLI accepts, and rules named after the shorter windows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig, runRules } from '@modelwatch/cli';
import {
  demoWindows,
  loadDemoConfig,
  scaleConfig,
  writeConfig,
} from '../../examples/lending/src/demo/timescale/demo-config';
import { durationMs, formatDuration, scaleDuration } from '../../examples/lending/src/demo/timescale/durations';

const CONFIG = resolve(__dirname, '../../examples/lending/demo/modelwatch.yaml');

describe('durations', () => {
  it.each([
    ['1m', 4, '15s'],
    ['15s', 4, '3750ms'],
    ['4s', 3, '1333ms'],
    ['3m', 3, '1m'],
    ['10m', 4, '150s'],
    ['0s', 4, '0s'],
    ['2h', 1, '2h'],
  ])('%s at speed %d is %s', (text, speed, scaled) => {
    expect(scaleDuration(text, speed)).toBe(scaled);
  });

  it('reads and writes one-unit durations', () => {
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs('250ms')).toBe(250);
    expect(formatDuration(7_200_000)).toBe('2h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(() => durationMs('1m30s')).toThrow('not a Prometheus duration of one unit: 1m30s');
  });
});

describe('the demo config at speed 4', () => {
  const config = loadDemoConfig(CONFIG);
  const scaled = scaleConfig(config, 4);
  const model = scaled.models[0]!;

  it('divides every window, interval, period and for by 4 and keeps every level and minimum', () => {
    expect(scaled.interval).toBe('1s');
    expect([model.drift!.window, model.dataQuality!.window, model.performance!.window, model.fairness!.window]).toEqual(
      ['15s', '15s', '15s', '15s']
    );
    expect(model.slos!.period).toBe('150s');
    expect(model.slos!.alerts.map((a) => [a.long, a.short])).toEqual([
      ['15s', '3750ms'],
      ['45s', '7500ms'],
    ]);
    expect(model.drift!.minSamples).toBe(config.models[0]!.drift!.minSamples);
    expect(model.fairness!.attributes).toEqual(config.models[0]!.fairness!.attributes);
    expect(model.slos!.latency).toEqual({ objective: 0.99, threshold: 0.25 });
  });

  it('is still a config the CLI accepts, and its rules are named after the scaled windows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelwatch-demo-scale-'));
    try {
      const file = join(dir, 'modelwatch.yaml');
      writeConfig(scaled, file);
      expect(parseConfig(readFileSync(file, 'utf8'), file)).toEqual(scaled);
      const [rules] = runRules({ config: file, out: join(dir, 'rules') });
      const text = readFileSync(rules!, 'utf8');
      expect(text).toContain('record: modelwatch:feature_psi:15s');
      expect(text).toContain('increase(modelwatch_feature_values_total{model_name="mortgage-approval"}[15s])');
      expect(text).toContain('record: modelwatch:slo_burn_rate:3750ms');
      expect(text).toContain('interval: 1s');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the windows the live summary reads', () => {
    expect(demoWindows(scaled)).toEqual({
      model: 'mortgage-approval',
      intervalMs: 1_000,
      drift: '15s',
      performance: '15s',
      fairness: '15s',
      burn: '15s',
      latencyThreshold: 0.25,
      latencyObjective: 0.99,
      availabilityObjective: 0.999,
      minGroupSize: 100,
    });
  });
});
