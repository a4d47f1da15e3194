// Exact SHAP values of the lending model. For a logistic regression, the SHAP value of feature j on the log-odds,
// with the reference (training) data as background and features taken as independent, is linear:
// φ_j = coefficient_j × (x_j − mean_j), the coefficient per raw unit and the mean of the reference data. They add up
// to the log-odds minus its reference mean, so a change of what drives decisions is visible in them even when the
// scores are not.
import { FEATURES, encode, type Application } from './hmda.js';
import type { LogisticModel } from './logistic-regression.js';

/** The columns `modelwatch check --attribution-prefix shap_` reads as attributions. */
export const ATTRIBUTION_PREFIX = 'shap_';

/** Each input's SHAP value on the log-odds of denial, by feature name. */
export function linearAttributions(model: LogisticModel, x: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  model.features.forEach((f, j) => {
    out[f] = (model.coefficients[j]! / model.scales[j]!) * (x[j]! - model.means[j]!);
  });
  return out;
}

/** SHAP values of one application as the HMDA rows write it. */
export function applicationAttributions(model: LogisticModel, a: Application): Record<string, number> {
  return linearAttributions(model, encode(a));
}

/**
 * Exchanges the contributions of two numeric inputs: each takes the value that gives it the other's SHAP value.
 * The log-odds, hence the score and the decision, stay exactly what they were; what drives the decision does not.
 */
export function exchangeContributions(
  model: LogisticModel,
  x: readonly number[],
  a: (typeof FEATURES)[number],
  b: (typeof FEATURES)[number]
): number[] {
  const i = model.features.indexOf(a);
  const j = model.features.indexOf(b);
  if (i < 0 || j < 0) throw new Error(`exchangeContributions: ${a} and ${b} must be model inputs`);
  const perUnit = (k: number): number => model.coefficients[k]! / model.scales[k]!;
  const phi = linearAttributions(model, x);
  const y = [...x];
  y[i] = model.means[i]! + phi[b]! / perUnit(i);
  y[j] = model.means[j]! + phi[a]! / perUnit(j);
  return y;
}

/**
 * Rows of SHAP values, one per application: the reference attributions `modelwatch profile --attributions` reads
 * (columns named by feature), or, with a prefix, columns to add beside the data (`check --attribution-prefix`).
 */
export function attributionRows(
  model: LogisticModel,
  applications: readonly Application[],
  prefix = ''
): Record<string, number>[] {
  return applications.map((a) => {
    const phi = applicationAttributions(model, a);
    const row: Record<string, number> = {};
    for (const f of model.features) row[prefix + f] = phi[f]!;
    return row;
  });
}
