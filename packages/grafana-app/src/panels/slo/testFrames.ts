// SLO frames exactly as the datasource returns them (src/shared/frames.ts), for the SLO panel's tests.
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME_KIND, SLO_BUDGET_FIELDS as B, SLO_WINDOW_FIELDS as W, type SloMeta } from '../../shared/frames';

type Base = Omit<SloMeta, 'kind'>;

const base = (meta: Partial<Base>): Base => ({
  sloKind: 'availability',
  objective: 0.999,
  period: '30d',
  model: 'lending',
  version: '1',
  ...meta,
});

export interface WindowRow {
  severity: 'page' | 'ticket';
  long: string;
  short: string;
  threshold: number;
  longBurnRate: number;
  shortBurnRate: number;
}

export function windowsFrame(rows: WindowRow[], meta: Partial<Base> = {}, withFiring = true): DataFrame {
  const full = base(meta);
  const fields: Array<{ name: string; type: FieldType; values: unknown[] }> = [
    { name: W.severity, type: FieldType.string, values: rows.map((r) => r.severity) },
    { name: W.long, type: FieldType.string, values: rows.map((r) => r.long) },
    { name: W.short, type: FieldType.string, values: rows.map((r) => r.short) },
    { name: W.threshold, type: FieldType.number, values: rows.map((r) => r.threshold) },
    { name: W.longBurnRate, type: FieldType.number, values: rows.map((r) => r.longBurnRate) },
    { name: W.shortBurnRate, type: FieldType.number, values: rows.map((r) => r.shortBurnRate) },
  ];
  if (withFiring) {
    fields.push({
      name: W.firing,
      type: FieldType.boolean,
      values: rows.map((r) => r.longBurnRate > r.threshold && r.shortBurnRate > r.threshold),
    });
  }
  return createDataFrame({
    name: `${full.sloKind} burn rates lending ${full.version}`,
    refId: 'A',
    meta: { custom: { kind: FRAME_KIND.sloWindows, ...full } },
    fields,
  });
}

export function budgetFrame(
  budget: { budgetRemaining: number; burnRate: number; timeToExhaustion: number },
  meta: Partial<Base> = {}
): DataFrame {
  const full = base(meta);
  return createDataFrame({
    name: `${full.sloKind} error budget lending ${full.version}`,
    refId: 'A',
    meta: { custom: { kind: FRAME_KIND.sloBudget, ...full } },
    fields: [
      { name: B.objective, type: FieldType.number, values: [full.objective] },
      { name: B.period, type: FieldType.string, values: [full.period] },
      { name: B.budgetRemaining, type: FieldType.number, values: [budget.budgetRemaining] },
      { name: B.burnRate, type: FieldType.number, values: [budget.burnRate] },
      { name: B.timeToExhaustion, type: FieldType.number, values: [budget.timeToExhaustion] },
    ],
  });
}

const PERIOD_SECONDS = 30 * 86400;

/**
 * An availability SLO of 99.9% (error budget 0.001) with the Workbook's four window pairs. Error ratios per
 * window: 1h 0.0152, 5m 0.016, 6h 0.0052, 30m 0.007, 1d 0.0031, 2h 0.0035, 3d 0.0009 → burn rates (ratio / 0.001)
 * 15.2, 16, 5.2, 7, 3.1, 3.5, 0.9. Firing: 1h/5m (both > 14.4) and 1d/2h (both > 3); 6h/30m has only its short
 * window above 6, 3d/6h only its short window above 1.
 * Period error ratio 0.00038: budget left 1 − 0.38 = 0.62; at the 1h burn rate 15.2 it lasts
 * 0.62 · 2,592,000 s / 15.2 = 105,726.3 s = 1 d 5 h 22 min.
 */
export const BURNING: WindowRow[] = [
  {
    severity: 'page',
    long: '1h',
    short: '5m',
    threshold: 14.4,
    longBurnRate: 0.0152 / 0.001,
    shortBurnRate: 0.016 / 0.001,
  },
  {
    severity: 'page',
    long: '6h',
    short: '30m',
    threshold: 6,
    longBurnRate: 0.0052 / 0.001,
    shortBurnRate: 0.007 / 0.001,
  },
  {
    severity: 'ticket',
    long: '1d',
    short: '2h',
    threshold: 3,
    longBurnRate: 0.0031 / 0.001,
    shortBurnRate: 0.0035 / 0.001,
  },
  {
    severity: 'ticket',
    long: '3d',
    short: '6h',
    threshold: 1,
    longBurnRate: 0.0009 / 0.001,
    shortBurnRate: 0.0052 / 0.001,
  },
];

export const BURNING_BUDGET = {
  budgetRemaining: 1 - 0.00038 / 0.001,
  burnRate: 0.0152 / 0.001,
  timeToExhaustion: ((1 - 0.00038 / 0.001) * PERIOD_SECONDS) / (0.0152 / 0.001),
};
