import { ATTRIBUTION } from '@modelwatch/semconv';
import {
  attributionDrift,
  importanceNdcg,
  importanceSums,
  type AttributionProfile,
  type PsiZeroShare,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { openTable } from '../data/open-table.js';
import type { InputFormat } from '../data/table-source.js';
import {
  prefixedColumns,
  readAttributionValues,
  referenceAttributions,
  withoutAttributionColumns,
} from '../reference/attributions.js';
import type { ColumnChoices } from '../reference/load.js';
import type { Policy } from './policy.js';
import type { AttributionFeatureDrift, AttributionReport, Violation } from './report.js';

const isProfileFile = (file: string): boolean => /\.json$/i.test(file);

/** The column choices of a check: a reference data file's attribution columns are no features. */
export function attributionColumnChoices(
  reference: string,
  choices: ColumnChoices,
  prefix: string | undefined,
  format?: InputFormat
): Promise<ColumnChoices> {
  if (prefix !== undefined && prefix === '')
    throw new InputError('--attribution-prefix: give a non-empty prefix, e.g. shap_');
  if (prefix === undefined || isProfileFile(reference)) return Promise.resolve(choices);
  return withoutAttributionColumns(reference, choices, prefix, format);
}

/** A profile built without the prefix may describe the attribution columns as features: they leave feature drift. */
export function withoutPrefixedColumns(profile: ReferenceProfile, prefix: string): void {
  for (const name of Object.keys(profile.columns))
    if (name.startsWith(prefix) && name.length > prefix.length) delete profile.columns[name];
}

export interface AttributionCheck {
  report: AttributionReport;
  violations: Violation[];
  notes: string[];
}

const fmt = (x: number): string => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2));

/** The nDCG judged as a floor: below the critical level first, then below the warning level. */
function ndcgViolation(ndcg: number | null, policy: Policy): Violation | null {
  if (ndcg === null) return null;
  const { critical, warning } = policy.attributionNdcg;
  const severity =
    critical !== null && ndcg < critical ? 'critical' : warning !== null && ndcg < warning ? 'warning' : null;
  if (severity === null) return null;
  const threshold = (severity === 'critical' ? critical : warning)!;
  return {
    check: ATTRIBUTION.ndcg.check,
    subject: ATTRIBUTION.section,
    value: ndcg,
    threshold,
    severity,
    message: `${ATTRIBUTION.ndcg.displayName} ${fmt(ndcg)} < ${severity} level ${threshold}`,
  };
}

/**
 * Explanation drift of a check: the reference attributions (a profile's, or the reference file's PREFIX<feature>
 * columns) against the current file's PREFIX<feature> columns.
 */
export async function checkAttributions(
  options: {
    reference: string;
    current: string;
    prefix: string;
    inputFormat?: InputFormat;
    psiZeroShare: PsiZeroShare;
  },
  profile: ReferenceProfile,
  policy: Policy
): Promise<AttributionCheck> {
  const notes: string[] = [];
  let reference: Record<string, AttributionProfile>;
  if (isProfileFile(options.reference)) {
    if (!profile.attributions)
      throw new InputError(
        `${options.reference}: the profile has no attributions (build it with modelwatch profile --attribution-prefix ${options.prefix} or --attributions FILE)`
      );
    reference = profile.attributions;
  } else {
    reference = await referenceAttributions(
      { file: options.reference, prefix: options.prefix, format: options.inputFormat },
      Number.POSITIVE_INFINITY
    );
  }
  const table = await openTable(options.current, options.inputFormat);
  const found = prefixedColumns(table.header, options.prefix);
  const features = Object.keys(reference).sort();
  const absent = features.filter((f) => !found.has(f));
  if (absent.length > 0)
    throw new InputError(
      `${options.current}: has no column '${options.prefix}${absent[0]}' with the attributions the reference has`
    );
  const extra = [...found.keys()].filter((f) => !(f in reference)).sort();
  if (extra.length > 0)
    notes.push(
      `attribution columns without reference attributions were left out: ${extra.map((f) => options.prefix + f).join(', ')}`
    );
  const wanted = new Map(features.map((f) => [f, found.get(f)!]));
  const current = await readAttributionValues(options.current, wanted, options.inputFormat);

  const out: Record<string, AttributionFeatureDrift> = {};
  const currentImportance: number[] = [];
  for (const f of features) {
    const values = current.get(f)!;
    const sums = importanceSums(values);
    const importance = sums.count > 0 ? sums.absoluteSum / sums.count : null;
    const drift = attributionDrift(reference[f]!, values, { bins: policy.bins, psiZeroShare: options.psiZeroShare });
    out[f] = {
      referenceImportance: reference[f]!.importance,
      currentImportance: importance,
      psi: drift?.psi ?? null,
      jensenShannon: drift?.jensenShannon ?? null,
    };
    // A feature with no attribution in the current data has vanished from the explanations: it ranks last.
    currentImportance.push(importance ?? 0);
  }
  const ndcg = importanceNdcg(
    features.map((f) => reference[f]!.importance),
    currentImportance
  );
  if (ndcg === null) notes.push('nDCG of attribution importance needs at least two attributed features');
  const violation = ndcgViolation(ndcg, policy);
  return { report: { ndcg, features: out }, violations: violation ? [violation] : [], notes };
}
