import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, expectOneLineError, scratchDir } from '../run-cli';

// A bad modelwatch.yaml: exit code 2 and one line on stderr naming the file and the key (and, where there is
// one, the fix), nothing written. Both commands read the config the same way; `rules` is checked for all
// cases, `alerts` for one.
const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function config(text: string): string {
  const file = join(dir, `config-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
}

const CLASSIFIER = `  - name: m
    classes: { positive: "yes", negative: "no" }
`;

function expectOneLine(command: 'rules' | 'alerts', file: string, ...fragments: (string | RegExp)[]): string {
  const out = join(dir, `out-${n}`);
  const args =
    command === 'rules'
      ? ['rules', '--config', file, '--out', out]
      : ['alerts', '--grafana', '--config', file, '--out', out];
  const line = expectOneLineError(args, ...fragments);
  expect(line).toContain(file);
  expect(existsSync(out)).toBe(false);
  return line;
}

describe('modelwatch rules rejects a bad config with one line naming the file and the key', () => {
  it('a file that does not exist', () => {
    expectOneLine('rules', join(dir, 'nope.yaml'), 'no such file');
  });

  it('a missing required key', () => {
    expectOneLine('rules', config(`naming: otlp\n`), 'models: missing (it is required)');
    expectOneLine('rules', config(`models:\n  - drift: {}\n`), 'models.0.name: missing');
  });

  it('drift thresholds that are not a mode, and an alpha outside (0, 0.5)', () => {
    const line = expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    drift: { thresholds: adaptive }\n`),
      'models.0.drift.thresholds',
      'noise-floor',
      'fixed'
    );
    expect(line).toMatch(/adaptive|one of/);
    for (const alpha of ['0', '0.5', '-0.1', '"0.01"']) {
      expectOneLine(
        'rules',
        config(`models:\n  - name: m\n    drift: { alpha: ${alpha} }\n`),
        'models.0.drift.alpha',
        'strictly between 0 and 0.5'
      );
    }
  });

  it('text that is not YAML', () => {
    expectOneLine('rules', config('models: [\n  - name: m\n'), 'not valid YAML');
  });

  it('an unknown key, top level and nested', () => {
    expectOneLine('rules', config(`modles: []\n`), 'unknown key modles');
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    drift: { windw: 5m }\n`),
      'unknown key models.0.drift.windw'
    );
    expectOneLine(
      'rules',
      config(`models:\n${CLASSIFIER}    performance: { realized: { auc: { warning: 0.8 } } }\n`),
      'unknown key models.0.performance.realized.auc'
    );
  });

  it('a bad duration, as text, as a number, or zero', () => {
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    drift: { window: 5 minutes }\n`),
      'models.0.drift.window',
      'must be a Prometheus duration such as 30s, 5m, 1h, 1d'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    drift: { window: 5 }\n`),
      'models.0.drift.window',
      'must be a Prometheus duration'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    dataQuality: { window: 0m }\n`),
      'models.0.dataQuality.window',
      'above 0'
    );
    expectOneLine(
      'rules',
      config(
        `models:\n  - name: m\n    slos: { availability: { objective: 0.99 }, alerts: [{ severity: page, long: 1h, short: 5min, burnRate: 14.4 }] }\n`
      ),
      'models.0.slos.alerts.0.short',
      'Prometheus duration'
    );
  });

  it('a latency threshold that is not a bucket boundary, saying how to fix it', () => {
    const line = expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    slos: { latency: { objective: 0.99, threshold: 0.3 } }\n`),
      'models.0.slos.latency.threshold'
    );
    // The nearest default boundary, or the threshold added to both the service's buckets and the config's.
    expect(line).toContain('0.3 s is not a bucket boundary');
    expect(line).toContain('use 0.25');
    expect(line).toContain("add 0.3 to the service's durationBuckets and to slos.buckets");
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    slos: { buckets: [0.5, 2], latency: { objective: 0.99, threshold: 1 } }\n`),
      'models.0.slos.latency.threshold',
      'use 0.5'
    );
  });

  it('performance, fairness or the quality SLO without classes', () => {
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    performance: { realized: { f1: { warning: 0.5 } } }\n`),
      'models.0.classes',
      '{ positive, negative }'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    fairness: { attributes: { sex: { disparateImpact: { warning: 0.8 } } } }\n`),
      'models.0.classes'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    slos: { quality: { objective: 0.9 } }\n`),
      'models.0.classes'
    );
    expectOneLine('rules', config(`models:\n  - name: m\n    policies: [four-fifths]\n`), 'models.0.classes');
  });

  it('classification sections on a regression model', () => {
    expectOneLine(
      'rules',
      config(`models:\n  - name: r\n    task: regression\n    performance: {}\n`),
      'models.0.performance',
      'regression'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: r\n    task: regression\n    slos: { quality: { objective: 0.9 } }\n`),
      'models.0.slos.quality',
      'classification'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: r\n    task: regression\n    policies: [nyc-ll144]\n`),
      'models.0.policies',
      'regression'
    );
  });

  it('a model configured twice for the same versions', () => {
    expectOneLine('rules', config(`models:\n${CLASSIFIER}${CLASSIFIER}`), 'models.1', "model 'm' is configured twice");
    expectOneLine(
      'rules',
      config(`models:\n  - { name: m, version: '2\\..*' }\n  - { name: m, version: '2\\..*' }\n`),
      'models.1',
      'configured twice'
    );
    // Without a selector an entry covers every version, so it would record the same series as any other.
    expectOneLine(
      'rules',
      config(`models:\n  - { name: m }\n  - { name: m, version: '2\\..*' }\n`),
      'models.1.version',
      'without a version selector'
    );
  });

  it('a label the generator sets itself', () => {
    expectOneLine(
      'rules',
      config(`labels: { severity: high }\nmodels:\n  - name: m\n`),
      'labels.severity',
      'use another label name'
    );
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    labels: { model_version: x }\n`),
      'models.0.labels.model_version'
    );
  });

  it('warning and critical levels the wrong way round', () => {
    expectOneLine(
      'rules',
      config(`models:\n  - name: m\n    drift: { psi: { warning: 0.3, critical: 0.2 } }\n`),
      'models.0.drift.psi',
      'warning (0.3) must be below critical (0.2)'
    );
    expectOneLine(
      'rules',
      config(`models:\n${CLASSIFIER}    performance: { realized: { f1: { warning: 0.5, critical: 0.6 } } }\n`),
      'models.0.performance.realized.f1',
      'must be above critical'
    );
    expectOneLine(
      'rules',
      config(
        `models:\n${CLASSIFIER}    fairness: { attributes: { sex: { disparateImpact: { warning: 0.6, critical: 0.8 } } } }\n`
      ),
      'models.0.fairness.attributes.sex.disparateImpact',
      'floor'
    );
  });

  it('a burn-rate alert whose short window is not shorter than its long one', () => {
    expectOneLine(
      'rules',
      config(
        `models:\n  - name: m\n    slos: { availability: { objective: 0.99 }, alerts: [{ severity: page, long: 5m, short: 1h, burnRate: 14.4 }] }\n`
      ),
      'models.0.slos.alerts.0.short',
      'must be shorter'
    );
  });

  it('the same through modelwatch alerts --grafana', () => {
    expectOneLine(
      'alerts',
      config(`models:\n  - name: m\n    drift: { windw: 5m }\n`),
      'unknown key models.0.drift.windw'
    );
  });
});

it('a model with several entries gets one rule file per entry', () => {
  const out = join(dir, 'two-versions');
  const r = cli([
    'rules',
    '--config',
    config(`models:\n  - { name: m, version: '1\\..*', drift: {} }\n  - { name: m, version: '2\\..*', drift: {} }\n`),
    '--out',
    out,
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr.trimEnd().split('\n').sort()).toEqual([
    `wrote ${join(out, 'm-1.rules.yml')}`,
    `wrote ${join(out, 'm-2.rules.yml')}`,
  ]);
});

it('alerts --grafana rejects a grafana.baseInterval Grafana cannot use, naming the key', () => {
  expectOneLine('alerts', config(`grafana: { baseInterval: 0s }\nmodels:\n${CLASSIFIER}`), 'grafana.baseInterval');
});

it('alerts --grafana says in one line when it rounds a group interval up to the base interval', () => {
  const out = join(dir, 'rounded');
  const r = cli([
    'alerts',
    '--grafana',
    '--config',
    config(`interval: 4s\nmodels:\n  - { name: m, drift: {} }\n`),
    '--out',
    out,
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    'grafana: rule group interval 4s rounded up to 10s (Grafana evaluates on multiples of its 10s base_interval)\n'
  );
  const at30 = cli([
    'alerts',
    '--grafana',
    '--config',
    config(`interval: 4s\ngrafana: { baseInterval: 30s }\nmodels:\n  - { name: m, drift: {} }\n`),
    '--out',
    join(dir, 'rounded-30'),
  ]);
  expect(at30.stderr).toContain('rounded up to 30s');
});
