import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { configDashboardFiles } from '../../src/dashboards/files';
import { InputError, oneLine } from '../../src/errors';
import { parseConfig, type ModelwatchConfig } from '../../src/rules/config';
import { generateRuleGroups } from '../../src/rules/generate';
import { grafanaAlertRules } from '../../src/rules/grafana';
import { ruleFiles, toYaml } from '../../src/rules/write';
import { interpolate, promExpressions, type Dashboard } from '../dashboards/support';
import { expectOneLineError, scratchDir } from '../run-cli';
import { promtool } from './tools';

// Arbitrary configs with hostile names, versions, class labels, group names, labels and runbook URLs: either the
// config is refused with one line naming a key, or every file the generators write is accepted (the rule files
// and every PromQL text of the Grafana alerts and dashboards by one `promtool check rules` run), Grafana's
// provisioning holds no `$` it would expand, and Object.prototype is untouched. FC_SEED=<n> explores other cases.
const SEED = Number(process.env.FC_SEED ?? 20261205);
const RUNS = 150;

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FRAGMENTS = [
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'],
  ...['{{', '}}', '{{ .x }}', '{{-', '"', '\\', '\\"', "'", '`'],
  ...['\n', '\r', '\t', '\u0000', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff'],
  ...['\ud800', '\udfff', '😀', 'é', '\u0301'],
  ...['$x', '${x}', '[[x]]', '$$', '$', '$__interval', '#', ': ', '- ', '%', '&a', '*a', '!x', '|', '>', ' ', '?'],
  ...['(?=', '(?!', '\\1', '++', '(', ')', '[', ']', '\\Q', '.*', 'v1', ''],
];
const fragment = fc.constantFrom(...FRAGMENTS);
/** Mostly printable text with hostile pieces; sometimes any UTF-16 (lone surrogates included). */
const text = fc.oneof(
  {
    arbitrary: fc.array(fc.oneof(fragment, fc.string({ maxLength: 3 })), { maxLength: 4 }).map((a) => a.join('')),
    weight: 6,
  },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 }
);
/** Each field is mostly harmless, so that a drawn config often passes the checks and reaches the generators. */
const mostly = <T>(plain: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: plain, weight: 7 }, { arbitrary: hostile, weight: 1 });
const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
const name = mostly(
  word,
  text.filter((s) => s.length > 0)
);
const version = fc.option(
  fc.oneof(
    { arbitrary: word, weight: 4 },
    { arbitrary: text, weight: 1 },
    {
      arbitrary: fc.constantFrom('v1', 'v(1|2)', '2\\..*', 'v1$', '(?i)prod', 'v(?=1)', '[a', '(a)\\1', 'a++', '\\Qx'),
      weight: 2,
    }
  ),
  { nil: undefined, freq: 2 }
);
const runbookUrl = fc.option(
  mostly(
    fc.webUrl(),
    fc.oneof(
      fc.constantFrom('javascript:alert(1)', 'https://x/{{y}}', 'https://x/$HOME', 'ftp://x/y', 'https://x/\u2028a'),
      text
    )
  ),
  { nil: undefined, freq: 2 }
);
const labelName = mostly(
  fc.oneof(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,6}$/), fc.constantFrom('constructor', 'toString', 'team')),
  fc.oneof(fc.constantFrom('__proto__', '__x', 'severity'), text)
);
/** Entries, not an object: a key `__proto__` must be an own key of the config, as YAML gives it. */
const labels = fc.array(fc.tuple(labelName, mostly(word, text)), { maxLength: 2 });

const model = fc.record({
  name,
  version,
  positive: name,
  negative: name,
  attributes: fc.array(name, { maxLength: 2 }),
  labels,
  runbookUrl,
});

const configArb = fc.record({
  labels,
  runbookUrl,
  folder: name,
  datasourceUid: mostly(fc.constant('prometheus'), text),
  models: fc.array(model, { minLength: 1, maxLength: 2 }),
});

type Drawn = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

const defined = (entries: [string, unknown][]): Record<string, unknown> =>
  Object.fromEntries(entries.filter(([, v]) => v !== undefined));

/** The YAML a user would write for a drawn config: every area on, so every generator path is taken. */
function yamlOf(c: Drawn): string {
  return stringify(
    defined([
      ['labels', Object.fromEntries(c.labels)],
      ['runbookUrl', c.runbookUrl],
      ['grafana', { folder: c.folder, datasourceUid: c.datasourceUid }],
      [
        'models',
        c.models.map((m) =>
          defined([
            ['name', m.name],
            ['version', m.version],
            ['classes', { positive: m.positive, negative: m.negative }],
            ['labels', Object.fromEntries(m.labels)],
            ['runbookUrl', m.runbookUrl],
            ['drift', {}],
            ['dataQuality', {}],
            ['performance', { realized: { accuracy: { warning: 0.9 } }, estimated: { f1: { critical: 0.5 } } }],
            [
              'fairness',
              { attributes: Object.fromEntries(m.attributes.map((a) => [a, { disparateImpact: { warning: 0.8 } }])) },
            ],
            ['slos', { availability: { objective: 0.99 }, quality: { objective: 0.9 } }],
            ['policies', ['four-fifths', { name: 'nyc-ll144', threshold: 0.9, excludeBelow: 0.05 }]],
          ])
        ),
      ],
    ])
  );
}

/** A refusal is one line that starts with the file and a key of the config. */
const KEYED = /^modelwatch\.yaml: (unknown key )?(labels|runbookUrl|grafana|models|naming|interval)\b/;

function expectKeyedRefusal(e: unknown, yaml: string): void {
  if (!(e instanceof InputError)) throw new Error(`not an input error (${String(e)}) for:\n${yaml}`);
  const line = oneLine(e.message);
  if (!KEYED.test(line) && !/^grafana: groups\[\d+\]/.test(line))
    throw new Error(`refusal does not name a key: ${line}\nconfig:\n${yaml}`);
}

/** Every string of a Grafana provisioning document that Grafana expands must hold `$` only doubled. */
function singleDollars(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return /\$/.test(value.replace(/\$\$/g, '')) ? [`${path}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => singleDollars(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'model' || k === 'annotations' ? [] : singleDollars(v, `${path}.${k}`)
    );
  return [];
}

const prototypeState = (): string =>
  JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getPrototypeOf(Object.prototype)]);

it(`arbitrary hostile configs: refused with the key named, or every generated file is accepted (seed ${SEED})`, () => {
  const before = prototypeState();
  const drawn = fc.sample(configArb, { numRuns: RUNS, seed: SEED });
  const files: { file: string; yaml: string }[] = [];
  const exprs: { expr: string; yaml: string }[] = [];
  let accepted = 0;
  const refused: string[] = [];
  drawn.forEach((c, i) => {
    const yaml = yamlOf(c);
    let config: ModelwatchConfig;
    try {
      config = parseConfig(yaml, 'modelwatch.yaml');
    } catch (e) {
      expectKeyedRefusal(e, yaml);
      if (process.env.FC_VERBOSE) console.log(oneLine((e as Error).message));
      refused.push(yaml);
      return;
    }
    accepted++;
    const groups = generateRuleGroups(config);
    for (const [name, content] of Object.entries(ruleFiles(groups))) {
      const file = join(dir, `case-${i}-${name}`);
      writeFileSync(file, content);
      files.push({ file, yaml });
    }
    try {
      const grafana = parse(grafanaAlertRules(config, groups)) as {
        groups: { rules: { data: { model: { expr?: string } }[] }[] }[];
      };
      expect(singleDollars(grafana)).toEqual([]);
      for (const g of grafana.groups)
        for (const r of g.rules) for (const d of r.data) if (d.model.expr) exprs.push({ expr: d.model.expr, yaml });
    } catch (e) {
      expectKeyedRefusal(e, yaml);
    }
    for (const json of Object.values(configDashboardFiles(config))) {
      const dashboard = JSON.parse(json) as Dashboard;
      for (const { expr } of promExpressions(dashboard)) exprs.push({ expr: interpolate(expr), yaml });
    }
  });
  expect(prototypeState()).toBe(before);
  // The CLI itself on a few refused configs, those with line breaks first: exit 2, one line, the file named.
  const breaks = (y: string): number => -(y.match(/\\[nrLPN]|\\x85|\\u2028/g)?.length ?? 0);
  for (const [k, yaml] of [...refused]
    .sort((a, b) => breaks(a) - breaks(b))
    .slice(0, 6)
    .entries()) {
    const file = join(dir, `refused-${k}.yaml`);
    writeFileSync(file, yaml);
    expectOneLineError(['rules', '--config', file, '--out', join(dir, `refused-${k}`)], file);
  }
  // The draw must reach the generators often, or the property says little about what they write.
  expect(accepted).toBeGreaterThan(RUNS / 5);

  const queries = join(dir, 'queries.rules.yml');
  const rules = exprs.map(({ expr }, i) => ({ record: `query:n${i}:check`, expr }));
  // Written as the rule files are: JSON would leave line separators raw, which Go's YAML reader takes as breaks.
  writeFileSync(queries, toYaml({ groups: [{ name: 'queries', rules }] }));
  const r = promtool(['check', 'rules', queries, ...files.map((f) => f.file)]);
  if (r.code !== 0) {
    const failed = [...r.output.matchAll(/^(\S+?): .*$/gm)].map((m) => m[1]);
    const bad = files.find((f) => failed.includes(f.file));
    const query = /"query:n(\d+):check"/.exec(r.output);
    const config = bad?.yaml ?? (query ? exprs[Number(query[1])]!.yaml : '(see output)');
    const problems = r.output.split('\n').filter((l) => !/SUCCESS|^Checking|^\s*$/.test(l));
    throw new Error(`promtool refused generated files:\n${problems.slice(0, 20).join('\n')}\nconfig:\n${config}`);
  }
});
