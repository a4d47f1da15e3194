// `modelwatch report` from files: the same numbers as `check`, byte-identical on the same inputs, the SHA-256 of
// every input and of itself, policy-pack results passed through, and bad input as one line with exit 2.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, EXAMPLE, ROOT, expectOneLineError, scratchDir } from '../run-cli';

const dir = scratchDir();
const REFERENCE = join(EXAMPLE, 'reference.csv');
const CURRENT = join(EXAMPLE, 'current-drifted.csv');
const CARD = join(ROOT, 'examples/lending/model-card.yaml');
const TARGET = ['--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam'];
const FROM_FILES = ['report', '--reference', REFERENCE, '--current', CURRENT, ...TARGET];

const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// A hand-made result in the public JSON contract of `modelwatch audit` (issue 13), with a key the contract does
// not name: more keys are welcome and kept.
const AUDIT = {
  policy: 'nyc-ll144',
  rate: 'selection',
  rows: 1190,
  attributes: {
    afam: {
      unknown: 3,
      categories: {
        no: { count: 1016, selected: 86, rate: 86 / 1016, impactRatio: 1, excluded: false },
        yes: { count: 171, selected: 54, rate: 54 / 171, impactRatio: 0.9, excluded: false },
      },
    },
    'afam × single': {
      unknown: 3,
      categories: {
        'no × no': { count: 600, selected: 50, rate: 50 / 600, impactRatio: 1, excluded: false },
        'yes × yes': { count: 20, selected: 2, rate: 0.1, impactRatio: null, excluded: true },
      },
    },
  },
  violations: [
    {
      check: 'nyc-ll144.impactRatio',
      subject: 'afam=yes',
      value: 0.9,
      threshold: 0.95,
      severity: 'warning',
      message: 'impact ratio of afam=yes 0.9 < organisation policy 0.95 (6 RCNY §5-301)',
    },
  ],
  extra: 'kept',
};
const auditFile = file('audit.json', JSON.stringify(AUDIT));

function run(args: string[]): void {
  const r = cli(args);
  if (r.code !== 0) throw new Error(`modelwatch ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
}

describe('modelwatch report from files', () => {
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  beforeAll(() => {
    run([...FROM_FILES, '--model-card', CARD, '--audit', auditFile, '--format', 'json', '--out', json]);
    run([...FROM_FILES, '--model-card', CARD, '--audit', auditFile, '--out', html]);
  });

  it('holds exactly the report check gives on the same inputs', () => {
    const checked = cli(['check', '--reference', REFERENCE, '--current', CURRENT, ...TARGET]);
    expect(checked.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.check).toEqual(JSON.parse(checked.stdout));
    expect(report.source).toBe('files');
    expect(report.model).toEqual({ name: 'lending', version: '1.0.0' });
    // Every violation of check, then every violation of the policy pack.
    expect(report.violations).toEqual([...report.check.violations, ...AUDIT.violations]);
    expect(report.summary.violations).toBe(report.check.violations.length + 1);
    expect(report.policies).toEqual([AUDIT]);
    expect(report.modelCard.modelDetails.owners[0].name).toBe('Modelwatch maintainers');
  });

  it("holds check's policy packs (--policy) and counts their violations once, as check does", () => {
    const out = join(dir, 'packs.json');
    run([...FROM_FILES, '--policy', 'four-fifths,nyc-ll144', '--format', 'json', '--out', out]);
    const checked = cli([
      'check',
      '--reference',
      REFERENCE,
      '--current',
      CURRENT,
      ...TARGET,
      '--policy',
      'four-fifths,nyc-ll144',
    ]);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const check = JSON.parse(checked.stdout);
    expect(report.check).toEqual(check);
    expect(Object.keys(check.policies)).toEqual(['four-fifths', 'nyc-ll144']);
    expect(report.policies).toEqual(Object.values(check.policies));
    expect(report.violations).toEqual(check.violations);
  });

  it('lists the SHA-256 of every input and writes its own beside it', () => {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.inputs).toEqual([
      { role: 'reference', name: 'reference.csv', sha256: sha(readFileSync(REFERENCE)) },
      { role: 'current', name: 'current-drifted.csv', sha256: sha(readFileSync(CURRENT)) },
      { role: 'model card', name: 'model-card.yaml', sha256: sha(readFileSync(CARD)) },
      { role: 'audit', name: 'audit.json', sha256: sha(readFileSync(auditFile)) },
    ]);
    for (const out of [json, html]) {
      expect(readFileSync(`${out}.sha256`, 'utf8')).toBe(`${sha(readFileSync(out))}  ${out.split('/').pop()}\n`);
    }
  });

  it('gives the same bytes on the same inputs, whatever the time zone', () => {
    const again = join(dir, 'again');
    const r = cli([...FROM_FILES, '--model-card', CARD, '--audit', auditFile, '--out', `${again}.html`], ROOT, {
      TZ: 'Pacific/Chatham',
    });
    expect(r.code).toBe(0);
    expect(readFileSync(`${again}.html`).equals(readFileSync(html))).toBe(true);
    run([...FROM_FILES, '--model-card', CARD, '--audit', auditFile, '--format', 'json', '--out', `${again}.json`]);
    expect(readFileSync(`${again}.json`).equals(readFileSync(json))).toBe(true);
  });

  it('is one self-contained page: inline SVG charts, no scripts, nothing to fetch', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script/i);
    // Links only within the page (the contents list).
    expect(page).not.toMatch(/\b(src|href)="(?!#)/i);
    expect(page.match(/<a href="#/g)).toHaveLength(8);
    expect(page).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    for (const id of ['summary', 'model-card', 'performance', 'drift', 'fairness', 'policies', 'violations', 'inputs'])
      expect(page).toContain(`<section id="${id}">`);
    // Performance, PSI, afam's selection rates, and the impact ratios of each attribute of the pack.
    expect(page.match(/<figure class="chart"[^>]*>\n<svg /g)).toHaveLength(5);
    expect(page).toContain('@media print');
  });

  it('reports the numbers of check in its tables', () => {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(
      `<td>pirat</td><td>numeric</td><td class="n">${report.check.drift.pirat.psi.toFixed(4)}</td>`
    );
    const yes = report.check.fairness.afam.groups.yes;
    expect(page).toContain(
      `${(100 * yes.intervals.selectionRate.lower).toFixed(1)}% – ${(100 * yes.intervals.selectionRate.upper).toFixed(1)}%`
    );
  });
});

describe('modelwatch report: bad input is one line and exit 2', () => {
  const out = join(dir, 'bad.html');
  it('a column of the reference missing from the current data', () => {
    const lines = readFileSync(CURRENT, 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const drop = header.indexOf('pirat');
    const without = lines
      .map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== drop)
          .join(',')
      )
      .join('\n');
    const current = file('no-pirat.csv', `${without}\n`);
    expectOneLineError(
      ['report', '--reference', REFERENCE, '--current', current, ...TARGET, '--out', out],
      "no-pirat.csv: has no column 'pirat'"
    );
  });

  it('a malformed model card names the key', () => {
    const card = readFileSync(CARD, 'utf8');
    const misspelt = file('misspelt.yaml', card.replace('intendedUse:', 'intendedUses:'));
    expectOneLineError(
      [...FROM_FILES, '--model-card', misspelt, '--out', out],
      'misspelt.yaml',
      'unknown key intendedUses'
    );
    const noOwners = file('no-owners.yaml', card.replace(/ {2}owners:\n(?: {4}.*\n)+/, ''));
    expectOneLineError([...FROM_FILES, '--model-card', noOwners, '--out', out], 'modelDetails.owners: missing');
    const notYaml = file('not-yaml.yaml', 'modelDetails: [unclosed\n');
    expectOneLineError([...FROM_FILES, '--model-card', notYaml, '--out', out], 'not-yaml.yaml: not valid YAML');
  });

  it('an audit file that is not the audit contract', () => {
    const wrong = file('wrong-audit.json', JSON.stringify({ ...AUDIT, rate: 'fast' }));
    expectOneLineError([...FROM_FILES, '--audit', wrong, '--out', out], 'wrong-audit.json: rate:');
  });

  it('neither files nor Prometheus, or both', () => {
    expectOneLineError(['report', '--out', out], 'give --reference and --current');
    expectOneLineError(
      [...FROM_FILES, '--prometheus', 'http://127.0.0.1:1', '--out', out],
      'leave out --reference, --current and --policy'
    );
  });

  it('a protected attribute the data does not have', () => {
    expectOneLineError(
      [
        'report',
        '--reference',
        REFERENCE,
        '--current',
        CURRENT,
        '--label',
        'deny',
        '--protected',
        'race',
        '--out',
        out,
      ],
      "'race'"
    );
  });

  it('live history asked for without what it needs, or with a period that is not one', () => {
    const config = join(ROOT, 'examples/lending/modelwatch.yaml');
    const live = ['report', '--prometheus', 'http://127.0.0.1:1', '--config', config, '--out', out];
    expectOneLineError([...live, '--from', '0', '--to', '60'], '--prometheus needs --model');
    const model = [...live, '--model', 'mortgage-approval'];
    expectOneLineError([...model, '--from', 'yesterday', '--to', '60'], "--from: 'yesterday' is not a time");
    expectOneLineError(
      [...model, '--from', '2026-01-02T00:00:00Z', '--to', '2026-01-01T00:00:00Z'],
      'must be after --from'
    );
    expectOneLineError(
      [...live, '--model', 'nope', '--from', '0', '--to', '60'],
      "--model: 'nope' is not in the config (its models: mortgage-approval)"
    );
    expectOneLineError([...model, '--from', '0', '--to', '60', '--step', '0.5'], '--step', 'whole number of seconds');
    expectOneLineError(
      [...model, '--from', '0', '--to', '60', '--model-version', '1.(0'],
      "--model-version: '1.(0' is not a regex Prometheus accepts"
    );
  });

  it('PDF without Chromium', () => {
    const r = cli([...FROM_FILES, '--format', 'pdf', '--out', join(dir, 'x.pdf')], ROOT, {
      MODELWATCH_CHROMIUM: join(dir, 'no-chromium'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no-chromium: could not print the report to PDF/);
  });
});
