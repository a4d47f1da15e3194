// Fairness frames exactly as the datasource returns them (src/shared/frames.ts), built from counts with the
// Wilson intervals of @modelwatch/stats, for the fairness panel's tests.
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { wilsonInterval } from '@modelwatch/stats';
import { FAIRNESS_FIELDS as F, FRAME_KIND, type FairnessMeta } from '../../shared/frames';

export interface RowCounts {
  group: string;
  metric: string;
  /** Successes over the rate's denominator. */
  successes: number;
  count: number;
  /** Predictions (selection rate) or labelled predictions (other metrics). */
  size: number;
}

export function fairnessFrame(rows: RowCounts[], meta: Partial<Omit<FairnessMeta, 'kind'>> = {}): DataFrame {
  const full: FairnessMeta = {
    kind: FRAME_KIND.fairness,
    attribute: 'afam',
    referenceGroup: 'no',
    minGroupSize: 30,
    confidence: 0.95,
    window: '1d',
    disparateImpact: NaN,
    levels: { warning: 0.8 },
    model: 'lending',
    version: '1',
    ...meta,
  };
  const value = (r: RowCounts) => (r.count > 0 ? r.successes / r.count : NaN);
  const reference = (metric: string) => {
    const row = rows.find((r) => r.group === full.referenceGroup && r.metric === metric);
    return row ? value(row) : NaN;
  };
  const intervals = rows.map((r) => wilsonInterval(r.successes, r.count, full.confidence));
  return createDataFrame({
    name: `${full.attribute} lending ${full.version}`,
    refId: 'A',
    meta: { custom: full },
    fields: [
      { name: F.group, type: FieldType.string, values: rows.map((r) => r.group) },
      { name: F.metric, type: FieldType.string, values: rows.map((r) => r.metric) },
      { name: F.value, type: FieldType.number, values: rows.map(value) },
      { name: F.lower, type: FieldType.number, values: intervals.map((i) => i.lower) },
      { name: F.upper, type: FieldType.number, values: intervals.map((i) => i.upper) },
      { name: F.count, type: FieldType.number, values: rows.map((r) => r.count) },
      { name: F.ratio, type: FieldType.number, values: rows.map((r) => value(r) / reference(r.metric)) },
      { name: F.difference, type: FieldType.number, values: rows.map((r) => value(r) - reference(r.metric)) },
      { name: F.eligible, type: FieldType.boolean, values: rows.map((r) => r.size >= full.minGroupSize) },
      { name: F.size, type: FieldType.number, values: rows.map((r) => r.size) },
    ],
  });
}

/**
 * Four groups of one attribute. Selection rates: no 80/200 = 0.4 (reference), yes 30/100 = 0.3, asian 14/40 = 0.35,
 * unknown 2/12 (inconclusive). Disparate impact over eligible groups = 0.3 / 0.4 = 0.75, below the four-fifths line.
 * TPR: no 40/50, yes 15/25, asian 5/8 with only 20 labelled predictions (inconclusive for TPR only), unknown 1/2.
 */
export const LENDING_ROWS: RowCounts[] = [
  { group: 'no', metric: 'selectionRate', successes: 80, count: 200, size: 200 },
  { group: 'no', metric: 'tpr', successes: 40, count: 50, size: 150 },
  { group: 'yes', metric: 'selectionRate', successes: 30, count: 100, size: 100 },
  { group: 'yes', metric: 'tpr', successes: 15, count: 25, size: 80 },
  { group: 'asian', metric: 'selectionRate', successes: 14, count: 40, size: 40 },
  { group: 'asian', metric: 'tpr', successes: 5, count: 8, size: 20 },
  { group: 'unknown', metric: 'selectionRate', successes: 2, count: 12, size: 12 },
  { group: 'unknown', metric: 'tpr', successes: 1, count: 2, size: 10 },
];

export const LENDING_DI = 0.75;
