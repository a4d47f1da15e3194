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

/** What a group's size counts for a metric: predictions for the selection rate, labelled predictions otherwise. */
export function sizeUnit(metric: string): string {
  return metric === 'selectionRate' ? 'predictions' : 'labelled predictions';
}
