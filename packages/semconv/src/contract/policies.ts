/** One policy pack: a regulatory check by name, with the legal text it implements. */
export interface PolicySpec<N extends string = string> {
  /** How modelwatch.yaml, `check --policy`, `audit --policy` and reports spell it. */
  readonly name: N;
  readonly displayName: string;
  /** The legal reference every violation of the pack quotes. */
  readonly reference: string;
  /** Whether the law itself sets the pass level, or the threshold is the organisation's policy. */
  readonly thresholdSource: 'law' | 'organisation';
}

/** The policy packs. */
export const POLICY = Object.freeze({
  fourFifths: Object.freeze({
    name: 'four-fifths',
    displayName: 'four-fifths rule',
    reference: 'Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4(D)',
    thresholdSource: 'law',
  } satisfies PolicySpec<'four-fifths'>),
  nycLl144: Object.freeze({
    name: 'nyc-ll144',
    displayName: 'NYC Local Law 144 bias audit',
    reference: 'NYC Local Law 144 of 2021; DCWP rules, 6 RCNY §5-300 and §5-301',
    thresholdSource: 'organisation',
  } satisfies PolicySpec<'nyc-ll144'>),
});

export type PolicyName = (typeof POLICY)[keyof typeof POLICY]['name'];
/** Pack names in the order help texts and reports list them. */
export const POLICY_NAMES: readonly PolicyName[] = Object.freeze([POLICY.fourFifths.name, POLICY.nycLl144.name]);

/** The pack of a name, or undefined for a name that is not a pack. */
export function policyByName(name: string): PolicySpec<PolicyName> | undefined {
  return Object.values(POLICY).find((p) => p.name === name);
}

/**
 * Which predicted class the packs count as selected: the favourable decision (hired, approved). `negative` for a
 * model whose positive class is the unfavourable one (a denial).
 */
export const FAVOURABLE_CLASSES = Object.freeze(['positive', 'negative'] as const);
export type FavourableClass = (typeof FAVOURABLE_CLASSES)[number];

/** Joins the attribute names of an intersection, and the categories of an intersectional category ("F × Black"). */
export const INTERSECTION_SEPARATOR = ' × ';

/**
 * `statistic` label of the policy alert that judges scoring rates (NYC pack, monitors with scoringRate); the alert
 * on selection rates carries no `statistic`.
 */
export const POLICY_STATISTIC = Object.freeze({ scoringImpactRatio: 'scoring_impact_ratio' } as const);
