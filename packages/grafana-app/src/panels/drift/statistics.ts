/** Display names of the drift statistics the datasource reports (`DriftMeta.statistic`). */
const NAMES: Record<string, string> = {
  psi: 'PSI',
  jensenShannon: 'Jensen–Shannon',
  ks: 'KS',
  chiSquare: 'χ²',
};

export function statisticName(statistic: string): string {
  return NAMES[statistic] ?? statistic;
}

const BASELINES: Record<string, string> = {
  reference: 'vs reference',
  lastWeek: 'vs last week',
};

export function baselineName(baseline: string): string {
  return BASELINES[baseline] ?? baseline;
}
