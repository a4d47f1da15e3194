import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { scratchDir } from '../run-cli';
import { expectValidRules, generateRules, promtool, RULES_TEST_DIR } from './tools';

// Hand-written `promtool test rules` suites (promtool/<suite>.test.yml, arithmetic in their comments) run
// against the rules the generator writes from compact configs (promtool/<suite>.modelwatch.yaml), so what is
// tested is the generator's output, never a copy of it.
const SUITES = [
  'drift',
  'noise-floor',
  'reference-chunks',
  'segment-drift',
  'seasonal',
  'quality-performance',
  'fairness',
  'slo',
  'otlp',
  'policies',
];
const SOURCE = join(RULES_TEST_DIR, 'promtool');

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface TestFile {
  rule_files: string[];
  evaluation_interval?: string;
  tests: { interval?: string; input_series: unknown[]; promql_expr_test?: unknown[]; alert_rule_test?: unknown[] }[];
}

describe.each(SUITES)('promtool test rules %s.test.yml', (suite) => {
  const dir = join(scratch, suite);
  const testFile = join(SOURCE, `${suite}.test.yml`);

  it('is well-formed: explicit intervals, rule files from the generator, something to check in every group', () => {
    const spec = parse(readFileSync(testFile, 'utf8')) as TestFile;
    expect(spec.evaluation_interval).toBeDefined();
    expect(spec.rule_files.length).toBeGreaterThan(0);
    for (const f of spec.rule_files) expect(f).toMatch(/^rules\/[^/]+\.rules\.yml$/);
    for (const t of spec.tests) {
      // Without `interval` promtool silently spaces the input samples by its default.
      expect(t.interval).toBeDefined();
      expect((t.promql_expr_test?.length ?? 0) + (t.alert_rule_test?.length ?? 0)).toBeGreaterThan(0);
    }
  });

  it('passes on the generated rules', () => {
    const files = generateRules(join(SOURCE, `${suite}.modelwatch.yaml`), join(dir, 'rules'));
    expectValidRules(files);
    const spec = parse(readFileSync(testFile, 'utf8')) as TestFile;
    expect(spec.rule_files.map((f) => basename(f)).sort()).toEqual(files.map((f) => basename(f)).sort());
    copyFileSync(testFile, join(dir, basename(testFile)));
    const r = promtool(['test', 'rules', basename(testFile)], dir);
    if (r.code !== 0) throw new Error(`promtool test rules ${suite}.test.yml exited ${r.code}:\n${r.output}`);
    expect(r.output).toMatch(/SUCCESS/);
  });
});
