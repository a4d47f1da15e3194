import { GROUP_RATES } from '@modelwatch/semconv';

/** Display names of the fairness metrics the datasource reports (`metric` field). */
const NAMES: Record<string, string> = {
  selectionRate: 'Selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  precision: 'Precision',
  accuracy: 'Accuracy',
};

export function metricName(metric: string): string {
  return NAMES[metric] ?? metric;
}

/**
 * What a group's size counts for a metric, as the contract says for each group rate: predictions for the
 * selection rate, labelled predictions otherwise (accuracy too).
 */
export function sizeUnit(metric: string): string {
  return Object.hasOwn(GROUP_RATES, metric)
    ? GROUP_RATES[metric as keyof typeof GROUP_RATES].sizeIn
    : 'labelled predictions';
}
