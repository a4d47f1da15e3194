import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmpiricalDistribution, numericDrift, seededRandom } from '@modelwatch/stats';
import { BudgetedNumericSink } from '../../src/data/budgeted-numeric-sink';
import { MemoryBudget, ROW_INDEPENDENT_RESERVE, memorySize } from '../../src/data/memory-budget';
import { cli, expectOneLineError, scratchDir } from '../run-cli';

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function normals(n: number, seed: number, shift: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: n },
    () => shift + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  );
}

function writeCsv(name: string, rows: number, seed: number, shift: number): string {
  const a = normals(rows, seed, shift);
  const b = normals(rows, seed + 100, 0);
  const lines = a.map((x, i) => `${x.toFixed(5)},${(b[i]! * 3).toFixed(5)},${i % 3 ? 'web' : 'branch'}`);
  const file = join(dir, name);
  writeFileSync(file, ['amount,age,channel', ...lines].join('\n'));
  return file;
}

const reference = writeCsv('reference.csv', 3000, 1, 0);
const current = writeCsv('current.csv', 60_000, 2, 0.05);

interface Report {
  drift: Record<
    string,
    { psi: number; jensenShannon: number; ks: { statistic: number; pValue: number }; wasserstein: number }
  >;
  notes: string[];
}

function check(...extra: string[]): Report {
  const r = cli(['check', '--reference', reference, '--current', current, ...extra]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

/** The bounds a summarised column's note states. */
function statedBounds(notes: string[], column: string): { ks: number; wasserstein: number } {
  const note = notes.find((n) => n.startsWith(`'${column}' (summarised)`));
  const ks = /KS statistic within ±([\d.e+-]+)/.exec(note ?? '');
  const w = /Wasserstein within ±([\d.e+-]+)/.exec(note ?? '');
  if (!ks || !w) throw new Error(`no bounds noted for '${column}' in ${JSON.stringify(notes)}`);
  return { ks: Number(ks[1]), wasserstein: Number(w[1]) };
}

describe('check --max-memory', () => {
  const exact = check();

  it('stays exact under the default budget and says nothing about summaries', () => {
    expect(exact.notes.some((n) => n.includes('summarised'))).toBe(false);
  });

  it('summarises numeric columns under a small budget, notes each bound, and the bounds hold', () => {
    const streamed = check('--max-memory', '1MiB');
    expect(streamed.notes[0]).toMatch(/numeric columns were summarised from the start .*--max-memory 1 MiB/);
    for (const column of ['amount', 'age']) {
      const e = exact.drift[column]!;
      const s = streamed.drift[column]!;
      const bounds = statedBounds(streamed.notes, column);
      expect(bounds.ks).toBeGreaterThan(0);
      // The note rounds the bound to two significant digits; allow that rounding.
      expect(Math.abs(s.ks.statistic - e.ks.statistic)).toBeLessThanOrEqual(bounds.ks * 1.06);
      expect(s.ks.pValue).toBeGreaterThanOrEqual(e.ks.pValue);
      expect(Math.abs(s.wasserstein - e.wasserstein)).toBeLessThanOrEqual(bounds.wasserstein * 1.06);
      expect(s.psi).toBeCloseTo(e.psi, 12);
      expect(s.jensenShannon).toBeCloseTo(e.jensenShannon, 12);
    }
    // Categorical columns are counts, exact in either mode.
    expect(streamed.drift.channel).toEqual(exact.drift.channel);
  });

  it.each(['12x', '0', '-5MiB', 'MiB', '1.5 parsecs'])('rejects %p with one line naming the flag', (size) => {
    expectOneLineError(
      ['check', '--reference', reference, '--current', current, '--max-memory', size],
      /--max-memory/,
      /512MiB/
    );
  });
});

describe('memory sizes', () => {
  it('reads decimal and binary units and plain bytes', () => {
    expect(memorySize('512MiB')).toBe(512 * 1024 ** 2);
    expect(memorySize('2gib')).toBe(2 * 1024 ** 3);
    expect(memorySize('1.5GB')).toBe(1.5e9);
    expect(memorySize('800 MB')).toBe(8e8);
    expect(memorySize('1048576')).toBe(1048576);
  });
});

describe('a budgeted numeric column', () => {
  it('keeps every value until the budget runs out, then folds into the summary without losing a value', () => {
    // 64 KiB for exact values: (24 + 48) bytes a value in one column folds it after about 900 values.
    const budget = new MemoryBudget(ROW_INDEPENDENT_RESERVE + 64 * 1024);
    const referenceValues = normals(2000, 3, 0);
    const sink = new BudgetedNumericSink(EmpiricalDistribution.fromValues(referenceValues), 10, budget);
    const values = normals(50_000, 4, 0.1);
    sink.add('NA');
    sink.add('oops');
    for (let i = 0; i < 500; i++) sink.add(values[i]!.toString());
    expect(budget.streaming).toBe(false);
    for (let i = 500; i < values.length; i++) sink.add(values[i]!.toString());
    // 910 values cost 65,520 bytes of the 65,536; the 911th goes over, on data row 2 + 911.
    expect(budget.foldedAtRow).toBe(2 + 911);
    expect(sink.numbers).toBeNull();
    expect([sink.rows, sink.missing, sink.invalid, sink.count]).toEqual([50_002, 1, 1, 50_000]);
    const s = sink.streamed!.drift({ ksMethod: 'asymp' });
    const e = numericDrift(
      EmpiricalDistribution.fromValues(referenceValues),
      EmpiricalDistribution.fromValues(values),
      {
        ksMethod: 'asymp',
      }
    );
    expect(s.psi).toBeCloseTo(e.psi, 12);
    expect(Math.abs(s.ks.statistic - e.ks.statistic)).toBeLessThanOrEqual(s.bounds.ksStatistic);
    expect(Math.abs(s.wasserstein - e.wasserstein)).toBeLessThanOrEqual(s.bounds.wasserstein);
  });

  it('takes typed batches (NaN = missing) the same way as cells, before and after the fold', () => {
    const referenceDistribution = EmpiricalDistribution.fromValues(normals(2000, 5, 0));
    const values = normals(20_000, 6, 0.2).map((x, i) => (i % 97 === 0 ? Number.NaN : x));
    const cells = new BudgetedNumericSink(
      referenceDistribution,
      10,
      new MemoryBudget(ROW_INDEPENDENT_RESERVE + 32 * 1024)
    );
    for (const x of values) cells.add(Number.isNaN(x) ? 'NA' : String(x));
    const typed = new BudgetedNumericSink(
      referenceDistribution,
      10,
      new MemoryBudget(ROW_INDEPENDENT_RESERVE + 32 * 1024)
    );
    for (let i = 0; i < values.length; i += 3000) typed.addNumbers(Float64Array.from(values.slice(i, i + 3000)));
    expect([typed.rows, typed.missing, typed.count]).toEqual([cells.rows, cells.missing, cells.count]);
    expect(typed.streamed!.drift()).toEqual(cells.streamed!.drift());
  });
});
