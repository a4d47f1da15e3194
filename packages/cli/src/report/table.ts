import type { CheckReport, ColumnDrift, SegmentDriftReport } from '../check/report.js';

const num = (x: number | null | undefined, digits = 4): string =>
  x === null || x === undefined ? '—' : Number.isFinite(x) ? x.toFixed(digits) : '—';
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`;
const pValue = (p: number | null | undefined): string =>
  p === null || p === undefined ? '—' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4);

/** Aligns columns: text columns (named in `left`, and always the first) to the left, numbers to the right. */
export function grid(header: string[], rows: string[][], left: readonly number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const isLeft = (i: number): boolean => i === 0 || left.includes(i);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (isLeft(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

function driftRow(name: string, d: ColumnDrift): string[] {
  const test =
    d.type === 'numeric'
      ? `KS ${num(d.ks?.statistic, 3)} p=${pValue(d.ks?.pValue)}  W ${num(d.wasserstein, 3)}`
      : `χ² ${num(d.chiSquare?.statistic, 2)} p=${pValue(d.chiSquare?.pValue)} df=${d.chiSquare?.df ?? '—'}  new ${pct(d.newCategoryShare)}`;
  const role = d.role === 'feature' ? '' : ` (${d.role})`;
  return [
    `${name}${role}`,
    d.type,
    num(d.psi),
    num(d.noiseFloor?.psi),
    num(d.jensenShannon),
    num(d.noiseFloor?.jensenShannon),
    test,
    pct(d.missingShare.current),
    d.drifted ? 'DRIFT' : 'ok',
  ];
}

/** A terminal report of the same numbers as the JSON output. */
export function renderTable(report: CheckReport): string {
  const out: string[] = [];
  out.push(`Modelwatch check — reference ${report.rows.reference} rows, current ${report.rows.current} rows`, '');
  out.push('Drift');
  out.push(
    ...grid(
      ['column', 'type', 'PSI', 'floor', 'JS', 'floor', 'test', 'missing', 'status'],
      Object.entries(report.drift).map(([n, d]) => driftRow(n, d)),
      [1, 6, 8]
    )
  );
  const alpha = Object.values(report.drift).find((d) => d.noiseFloor)?.noiseFloor?.alpha;
  if (alpha !== undefined) {
    out.push(`floor: the noise floor, what a sample drawn from the reference itself exceeds with probability ${alpha}`);
  }

  const learned = Object.entries(report.drift).filter(([, d]) => d.learnedLevels);
  if (learned.length > 0) {
    out.push('', 'Warning levels learned from the reference chunks (mean + 3 std over chunks)');
    const level = (d: ColumnDrift, key: 'psi' | 'jensenShannon' | 'ks' | 'wasserstein'): string =>
      num(d.learnedLevels?.[key]?.level);
    out.push(
      ...grid(
        ['column', 'PSI', 'JS', 'KS D', 'W', 'chunks'],
        learned.map(([n, d]) => [
          n,
          level(d, 'psi'),
          level(d, 'jensenShannon'),
          level(d, 'ks'),
          level(d, 'wasserstein'),
          String(d.learnedLevels?.psi?.chunks ?? '—'),
        ])
      )
    );
  }

  const attributions = report.attributions;
  if (attributions) {
    out.push('', `Explanation drift — nDCG of the importance ranking ${num(attributions.ndcg)}`);
    out.push(
      ...grid(
        ['feature', 'importance (ref)', 'importance (cur)', 'PSI', 'JS'],
        Object.entries(attributions.features).map(([f, a]) => [
          f,
          num(a.referenceImportance),
          num(a.currentImportance),
          num(a.psi),
          num(a.jensenShannon),
        ])
      )
    );
  }

  const perf = report.performance ?? null;
  const est = report.estimatedPerformance ?? null;
  const ref = report.referencePerformance ?? null;
  if (perf || est) {
    out.push('', 'Performance');
    const metrics = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'brier', 'ece'];
    const rows = metrics
      .filter((m) => (perf && m in perf) || (est && m in est))
      .map((m) => [m, num(ref?.[m] ?? null), num(perf?.[m] ?? null), num(est?.[m] ?? null)]);
    out.push(...grid(['metric', 'reference', 'current', 'estimated'], rows));
  }

  for (const [attribute, f] of Object.entries(report.fairness ?? {})) {
    out.push('', `Fairness by ${attribute}`);
    const rows = Object.entries(f.groups).map(([g, m]) => [
      g + (m.inconclusive ? ' (small)' : ''),
      String(m.count),
      pct(m.selectionRate),
      pct(m.tpr),
      pct(m.fpr),
      pct(m.fnr),
      pct(m.precision),
    ]);
    out.push(...grid(['group', 'count', 'selected', 'TPR', 'FPR', 'FNR', 'precision'], rows));
    out.push(
      `disparate impact ${num(f.disparateImpact, 3)}   demographic parity difference ${num(f.demographicParityDifference, 3)}   equalized odds difference ${num(f.equalizedOddsDifference, 3)}`
    );
  }

  if (report.segments) out.push('', ...segmentTable(report.segments));

  out.push('');
  if (report.violations.length === 0) {
    out.push('No violations.');
  } else {
    out.push(`${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}:`);
    for (const v of report.violations)
      out.push(`  ${v.severity.toUpperCase().padEnd(8)} ${v.check.padEnd(34)} ${v.message}`);
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

/** One row per segment value and column: the segment's drift beside its size. */
function segmentTable(segments: SegmentDriftReport): string[] {
  const rows: string[][] = [];
  for (const [value, s] of Object.entries(segments.values)) {
    for (const [name, d] of Object.entries(s.drift)) {
      const status = !s.judged ? `small (< ${segments.minRows})` : d.drifted ? 'DRIFT' : 'ok';
      rows.push([value, name, String(s.rows), num(d.psi), num(d.jensenShannon), status]);
    }
  }
  return [
    `Drift by ${segments.column}`,
    ...grid([segments.column, 'column', 'rows', 'PSI', 'JS', 'status'], rows, [1, 5]),
  ];
}
