import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli, expectOneLineError, scratchDir } from '../run-cli';
import { expectValidRules, generateGrafana, generateRules, promtool } from './tools';

// Values a careless or hostile config holds that once gave rule files Prometheus refuses (one refused file stops
// Prometheus loading every rule) or provisioning Grafana misreads, all written with exit 0. Each is now refused
// at load with the key named (exit 2) or escaped so that what Prometheus and Grafana read back is the value.
const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function config(text: string): string {
  const file = join(dir, `config-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
}

const GENERATORS: [string, (file: string, out: string) => string[]][] = [
  ['rules', (file, out) => ['rules', '--config', file, '--out', out]],
  ['alerts --grafana', (file, out) => ['alerts', '--grafana', '--config', file, '--out', out]],
  ['dashboards', (file, out) => ['dashboards', '--config', file, '--out', out]],
];

/** Every generator refuses the config with one line naming the file and the key. */
function expectRefusedEverywhere(text: string, ...fragments: (string | RegExp)[]): void {
  const file = config(text);
  for (const [, args] of GENERATORS) {
    const line = expectOneLineError(args(file, join(dir, `out-${n}`)), ...fragments);
    expect(line).toContain(file);
  }
}

describe('refused at load, by every generator, with the key named', () => {
  it('a version selector that is not RE2 (lookahead, backreference, possessive)', () => {
    const model = (version: string) => `models:\n  - name: m\n    version: '${version}'\n    drift: {}\n`;
    expectRefusedEverywhere(model('v(?=1)'), 'models.0.version', /lookaround/);
    expectRefusedEverywhere(model('(v)\\1'), 'models.0.version', /backreference/);
    expectRefusedEverywhere(model('v1++'), 'models.0.version', /possessive/);
    expectRefusedEverywhere(model('v[1'), 'models.0.version', /missing closing \]/);
  });

  it('a lone surrogate in a model name, a class label or a key', () => {
    expectRefusedEverywhere('models:\n  - name: "m\\ud800"\n    drift: {}\n', 'models.0.name', /lone surrogate/);
    expectRefusedEverywhere(
      'models:\n  - name: m\n    classes: { positive: "y\\udfff", negative: n }\n',
      'models.0.classes.positive',
      /lone surrogate/
    );
    expectRefusedEverywhere('labels: { "t\\ud800": x }\nmodels: [{ name: m }]\n', 'labels', /lone surrogate/);
  });

  it('a runbookUrl that is not http(s)', () => {
    expectRefusedEverywhere(
      "runbookUrl: 'javascript:alert(1)'\nmodels: [{ name: m, drift: {} }]\n",
      'runbookUrl',
      /http or https/
    );
    expectRefusedEverywhere(
      "models: [{ name: m, drift: {}, runbookUrl: 'file:///etc/passwd' }]\n",
      'models.0.runbookUrl',
      /http or https/
    );
  });

  it('a label name Prometheus reserves (__…), including __proto__', () => {
    expectRefusedEverywhere('labels: { __team: x }\nmodels: [{ name: m }]\n', 'labels.__team', /reserved/);
    expectRefusedEverywhere('models: [{ name: m, labels: { __proto__: x } }]\n', 'models.0.labels.__proto__');
  });

  it('a datasource uid Grafana cannot hold', () => {
    expectRefusedEverywhere(
      "grafana: { datasourceUid: 'prom ${X}' }\nmodels: [{ name: m }]\n",
      'grafana.datasourceUid',
      /letters, digits/
    );
  });

  it('a name Grafana would read as a variable ($name, ${…}, [[…]])', () => {
    expectRefusedEverywhere('models: [{ name: "fraud$__interval" }]\n', 'models.0.name', /variable/);
    expectRefusedEverywhere(
      'models: [{ name: m, classes: { positive: "${x}", negative: n } }]\n',
      'models.0.classes.positive',
      /variable/
    );
    expectRefusedEverywhere(
      'models: [{ name: m, classes: { positive: y, negative: n }, fairness: { attributes: { "[[sex]]": {} } } }]\n',
      'models.0.fairness.attributes.[[sex]]',
      /variable/
    );
  });
});

it('a model name too long for a Grafana alert title: exit 2 naming the limit, not an internal error', () => {
  const file = config(`models: [{ name: ${'m'.repeat(200)}, drift: {} }]\n`);
  expectOneLineError(['alerts', '--grafana', '--config', file, '--out', join(dir, 'long')], /190 characters/);
});

describe('escaped, so that Prometheus and Grafana read back the value as written', () => {
  const text = [
    "labels: { team: 'a {{ b', owner: '$HOME' }",
    "grafana: { folder: 'ML $USER' }",
    'models:',
    '  - name: \'fraud "v2" \\ {{x}}\'',
    "    classes: { positive: 'is \"fraud\"', negative: 'ok {{' }",
    "    runbookUrl: 'https://runbooks.example/{{page}}'",
    '    fairness:',
    '      minGroupSize: 1',
    "      attributes: { 'sex {{ .x }}': { disparateImpact: { warning: 0.8 } } }",
  ].join('\n');

  it('rules: promtool accepts them and the alert carries the labels and runbook as written', () => {
    const out = join(dir, 'escaped-rules');
    const files = generateRules(config(text), out);
    expectValidRules(files);
    // The alert fires on a recorded disparity: its labels, expanded by promtool's template engine, are the raw values.
    const model = 'fraud "v2" \\ {{x}}';
    const labels = `{model_name=${JSON.stringify(model)}, model_version="1", group_attribute="sex {{ .x }}"}`;
    const test = {
      rule_files: files.map((f) => f.slice(out.length + 1)),
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: `modelwatch:fairness_disparate_impact:1d${labels}`, values: '0.5x90' }],
          alert_rule_test: [
            {
              eval_time: '60m',
              alertname: 'ModelwatchFairness',
              exp_alerts: [
                {
                  exp_labels: {
                    severity: 'warning',
                    statistic: 'disparate_impact',
                    group_attribute: 'sex {{ .x }}',
                    model_name: model,
                    model_version: '1',
                    team: 'a {{ b',
                    owner: '$HOME',
                  },
                  exp_annotations: expect.anything(),
                },
              ],
            },
          ],
        },
      ],
    };
    const rules = parse(readFileSync(files[0]!, 'utf8')) as {
      groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[];
    };
    const alert = rules.groups.flatMap((g) => g.rules).find((r) => r.alert === 'ModelwatchFairness')!;
    // Annotations are checked whole: promtool renders them from the rule file, so only their text is known here.
    const rendered = {
      summary: `disparateImpact across sex {{ .x }} groups of ${model} 1`,
      description: alert.annotations!.description!.replace('{{ $value | printf "%.3f" }}', '0.500'),
      runbook_url: 'https://runbooks.example/{{page}}#modelwatchfairness',
    };
    test.tests[0]!.alert_rule_test[0]!.exp_alerts[0]!.exp_annotations = rendered;
    writeFileSync(join(out, 'test.yml'), JSON.stringify(test));
    const r = promtool(['test', 'rules', 'test.yml'], out);
    if (r.code !== 0) throw new Error(`promtool test rules exited ${r.code}:\n${r.output}`);
  });

  it('alerts --grafana: every $ Grafana would expand is doubled outside queries and annotations', () => {
    const out = join(dir, 'escaped-grafana');
    generateGrafana(config(text), out);
    const doc = parse(readFileSync(join(out, 'modelwatch-alert-rules.yaml'), 'utf8')) as {
      groups: {
        folder: string;
        rules: { labels: Record<string, string>; data: { model: { expr?: string } }[] }[];
      }[];
    };
    expect(doc.groups[0]!.folder).toBe('ML $$USER');
    const rule = doc.groups[0]!.rules[0]!;
    expect(rule.labels.owner).toBe('$$HOME');
    expect(rule.labels.team).toBe('a {{ "{{" }} b');
    expect(rule.labels.group_attribute).toBe('sex {{ "{{" }} .x }}');
    expect(rule.data[0]!.model.expr).toContain('group_attribute="sex {{ .x }}"');
  });
});

it('line separators and control characters in names and labels: escaped in YAML, read back as written', () => {
  // Go's YAML reader refuses DEL and C1 controls raw and reads NEL, LS and PS as line breaks.
  const odd = 'a\u0085b\u2028c\u2029d\u007fe\u009ff\ufeff';
  const out = join(dir, 'separators');
  const file = config(
    `labels: { team: ${JSON.stringify(odd)} }\nmodels:\n  - name: ${JSON.stringify(odd)}\n    drift: {}\n`
  );
  const files = generateRules(file, out);
  expectValidRules(files);
  const rules = parse(readFileSync(files[0]!, 'utf8')) as {
    groups: { name: string; rules: { labels?: Record<string, string> }[] }[];
  };
  expect(rules.groups[0]!.name).toBe(`modelwatch-${odd}-drift`);
  expect(rules.groups[0]!.rules.find((r) => r.labels?.team)!.labels!.team).toBe(odd);
  generateGrafana(file, join(dir, 'separators-grafana'));
  const grafana = readFileSync(join(dir, 'separators-grafana', 'modelwatch-alert-rules.yaml'), 'utf8');
  expect(grafana).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff]/);
});

describe('names such as __proto__, constructor and toString round-trip', () => {
  const names = ['__proto__', 'constructor', 'toString'];
  const text = [
    'models:',
    '  - name: constructor',
    '    classes: { positive: toString, negative: __proto__ }',
    '    performance: { realized: { accuracy: { warning: 0.9 } } }',
    '    fairness:',
    '      attributes:',
    ...names.map((a) => `        ${a}: { disparateImpact: { warning: 0.8 } }`),
  ].join('\n');

  it('rules and Grafana alerts keep an alert per fairness attribute, and promtool accepts them', () => {
    const file = config(text);
    const files = generateRules(file, join(dir, 'proto-rules'));
    expectValidRules(files);
    const rules = readFileSync(files[0]!, 'utf8');
    for (const a of names) expect(rules).toContain(`group_attribute: ${a}`);
    expect(rules).toContain('prediction_class="toString"');
    generateGrafana(file, join(dir, 'proto-grafana'));
    const grafana = readFileSync(join(dir, 'proto-grafana', 'modelwatch-alert-rules.yaml'), 'utf8');
    for (const a of names) expect(grafana).toContain(`group_attribute: ${a}`);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('disparateImpact');
  });

  it('dashboards have a fairness row per attribute', () => {
    const out = join(dir, 'proto-dashboards');
    mkdirSync(out, { recursive: true });
    const r = cli(['dashboards', '--config', config(text), '--out', out]);
    expect(r.code).toBe(0);
    const dashboard = readFileSync(join(out, 'modelwatch-constructor.json'), 'utf8');
    for (const a of names) expect(dashboard).toContain(`group_attribute=\\"${a}\\"`);
  });
});
