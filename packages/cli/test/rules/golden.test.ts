import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { cli, ROOT, scratchDir } from '../run-cli';
import { expectValidRules, generateAlertmanager, generateGrafana, generateRules, RULES_TEST_DIR } from './tools';

// Golden files: what `modelwatch rules` and `modelwatch alerts` (--grafana, --alertmanager) write for two configs.
// A change to the generator shows up here as a diff to review; UPDATE_GOLDEN=1 accepts it by rewriting the files.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const HOW_TO_UPDATE =
  'If the change is intended, run `npm run build && UPDATE_GOLDEN=1 npx jest packages/cli/test/rules/golden.test.ts` and review `git diff packages/cli/test/rules/golden schemas`.';
const GOLDEN = join(RULES_TEST_DIR, 'golden');
const CASES = [
  { name: 'lending', config: join(ROOT, 'examples/lending/modelwatch.yaml') },
  { name: 'options', config: join(GOLDEN, 'options.modelwatch.yaml') },
];

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The first line where two texts differ, for a message that points at the change. */
function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i])
      return `line ${i + 1}\n  golden:    ${e[i] ?? '(end of file)'}\n  generated: ${a[i] ?? '(end of file)'}`;
  }
  return '(no line differs)';
}

/** Compares a generated directory with its golden copy, or replaces the copy when updating. */
function compareWithGolden(generated: string, golden: string): void {
  if (UPDATE) {
    rmSync(golden, { recursive: true, force: true });
    mkdirSync(golden, { recursive: true });
    cpSync(generated, golden, { recursive: true });
    return;
  }
  const want = listFiles(golden);
  const got = listFiles(generated);
  if (want.join('\n') !== got.join('\n')) {
    throw new Error(
      `${relative(ROOT, golden)}: the generator now writes [${got.join(', ')}] where the golden files are [${want.join(', ')}]. ${HOW_TO_UPDATE}`
    );
  }
  for (const file of got) {
    const expected = readFileSync(join(golden, file), 'utf8');
    const actual = readFileSync(join(generated, file), 'utf8');
    if (expected !== actual) {
      throw new Error(
        `${relative(ROOT, join(golden, file))} differs from what the generator writes now, first at ${firstDifference(expected, actual)}\n${HOW_TO_UPDATE}`
      );
    }
  }
}

interface PromRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}
interface GrafanaRule {
  uid: string;
  title: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: { refId: string; model: { expr?: string } }[];
}

describe.each(CASES)('golden files for $name', ({ name, config }) => {
  const out = join(scratch, name);
  let rules: string[] = [];
  beforeAll(() => {
    rules = generateRules(config, join(out, 'rules'));
    generateGrafana(config, join(out, 'grafana'));
    generateAlertmanager(config, join(out, 'alertmanager'));
  });

  it('Prometheus rule files equal the golden ones', () => {
    compareWithGolden(join(out, 'rules'), join(GOLDEN, name, 'rules'));
  });

  it('Grafana provisioning files equal the golden ones', () => {
    compareWithGolden(join(out, 'grafana'), join(GOLDEN, name, 'grafana'));
  });

  it('the Alertmanager snippet equals the golden one', () => {
    compareWithGolden(join(out, 'alertmanager'), join(GOLDEN, name, 'alertmanager'));
  });

  it('every generated rule file passes promtool check rules', () => {
    expectValidRules(rules);
  });

  it('Grafana gets exactly the Prometheus alerts, with unique uids and titles', () => {
    const alerts = rules.flatMap((f) =>
      (parse(readFileSync(f, 'utf8')) as { groups: { rules: PromRule[] }[] }).groups.flatMap((g) =>
        g.rules.filter((r) => r.alert)
      )
    );
    const grafana = (
      parse(readFileSync(join(out, 'grafana/modelwatch-alert-rules.yaml'), 'utf8')) as {
        groups: { rules: GrafanaRule[] }[];
      }
    ).groups.flatMap((g) => g.rules);
    expect(grafana.map((g) => g.data[0]!.model.expr).sort()).toEqual(alerts.map((a) => a.expr).sort());
    expect(new Set(grafana.map((g) => g.uid)).size).toBe(grafana.length);
    expect(new Set(grafana.map((g) => g.title)).size).toBe(grafana.length);
    for (const g of grafana) {
      expect(g.uid.length).toBeLessThanOrEqual(40);
      // Grafana's $value is a text of every query's labels and values; the number is $values.A.Value.
      for (const text of Object.values(g.annotations)) expect(text).not.toMatch(/\$value(?![A-Za-z0-9_.])/);
    }
  });
});

it('schemas/modelwatch.schema.json is what `modelwatch schema` prints', () => {
  const r = cli(['schema']);
  expect(r.code).toBe(0);
  const file = join(ROOT, 'schemas/modelwatch.schema.json');
  if (UPDATE) {
    writeFileSync(file, r.stdout);
    return;
  }
  const committed = readFileSync(file, 'utf8');
  if (committed !== r.stdout) {
    throw new Error(
      `schemas/modelwatch.schema.json differs from \`modelwatch schema\`, first at ${firstDifference(committed, r.stdout)}\n${HOW_TO_UPDATE}`
    );
  }
});

it('`modelwatch schema --out` writes the same schema and says what it wrote, as the other generators do', () => {
  const file = join(scratchDir(), 'modelwatch.schema.json');
  const r = cli(['schema', '--out', file]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`wrote ${file}\n`);
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'schemas/modelwatch.schema.json'), 'utf8'));
});
