import { InputError } from '../errors.js';
import {
  DEFAULTS,
  INTERSECTION_SEPARATOR,
  POLICY,
  policyByName,
  type PolicyName,
  type PolicySpec,
} from '@modelwatch/semconv';
import {
  attributeCounts,
  emptyRecord,
  fourFifths,
  intersectionValues,
  nycLl144,
  type CategoryImpact,
  type ComparisonTests,
  type FourFifthsCategory,
  type ImpactTable,
} from '@modelwatch/stats';
import type { Violation } from '../check/report.js';
import type { AttributeJson, AuditReport, CategoryJson, ComparisonTestsJson } from './types.js';

/** What a pack is run on: row-aligned attribute values (null = unknown) and 0/1 selections of the audited rows. */
export interface AuditInput {
  values: ReadonlyMap<string, ArrayLike<string | null>>;
  selected: ArrayLike<number>;
  rate: 'selection' | 'scoring';
  median?: number;
  /** Data rows left out for a missing outcome. */
  missingOutcome: number;
}

export interface AuditOptions {
  policy: PolicyName;
  /** Attributes in the order given; each is reported on its own. */
  attributes: readonly string[];
  /** Each a list of attributes reported together, joined with INTERSECTION_SEPARATOR in this order. */
  intersections: readonly (readonly string[])[];
  excludeBelow?: number;
  threshold?: number;
}

const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

function testsJson(t: ComparisonTests): ComparisonTestsJson {
  return {
    z: finite(t.z),
    zPValue: finite(t.zPValue),
    twoStandardDeviations: t.twoStandardDeviations,
    fisherPValue: finite(t.fisherPValue),
    minExpected: finite(t.minExpected),
    test: t.test,
    pValue: finite(t.pValue),
    significant: t.significant,
  };
}

function categoryJson(c: CategoryImpact | FourFifthsCategory): CategoryJson {
  const out: CategoryJson = {
    count: c.count,
    selected: c.selected,
    rate: finite(c.rate),
    impactRatio: finite(c.impactRatio),
    excluded: c.excluded,
    share: finite(c.share),
    belowThreshold: c.belowThreshold,
  };
  if ('tests' in c) out.tests = c.tests === null ? null : testsJson(c.tests);
  return out;
}

const fmt = (x: number | null, digits = 4): string => (x === null ? 'undefined' : x.toFixed(digits));
const pFmt = (p: number | null): string => (p === null ? 'undefined' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** The violation of one category below the threshold, naming the pack and its legal reference. */
export function violation(pack: Resolved, attribute: string, category: string, c: CategoryJson): Violation {
  const { spec, threshold } = pack;
  const where = `impact ratio of '${category}' in '${attribute}'`;
  let message: string;
  let severity: Violation['severity'];
  if (spec.name === POLICY.fourFifths.name) {
    const t = c.tests;
    const tests = t
      ? `; z = ${fmt(t.z, 2)} (p = ${pFmt(t.zPValue)}${t.twoStandardDeviations ? ', beyond 2 standard deviations' : ''}), Fisher p = ${pFmt(t.fisherPValue)}; ${t.significant ? 'significant' : 'not significant'} by the ${t.test === 'fisher' ? "Fisher's exact test" : 'z-test'}`
      : '';
    const finding =
      pack.thresholdSource === 'law'
        ? 'indicates adverse impact'
        : "(the organisation's threshold, not the guidelines' 0.8)";
    message = `${spec.name} (${spec.reference}): ${where} ${fmt(c.impactRatio)} < ${threshold} ${finding}${tests}`;
    // Practical and statistical significance together are the stronger finding.
    severity = t?.significant ? 'critical' : 'warning';
  } else {
    message = `${spec.name} (${spec.reference}): ${where} ${fmt(c.impactRatio)} < ${threshold} (the organisation's threshold; the law sets none)`;
    severity = 'warning';
  }
  return {
    check: `${spec.name}.impactRatio`,
    subject: `${attribute}: ${category}`,
    value: c.impactRatio!,
    threshold,
    severity,
    message,
  };
}

export interface Resolved {
  spec: PolicySpec<PolicyName>;
  threshold: number;
  excludeBelow: number;
  /** The guidelines set 0.8; any other threshold, and any for nyc-ll144, is the organisation's. */
  thresholdSource: 'law' | 'organisation';
}

/** The pack and its options in force: nyc-ll144 excludes small categories by default, four-fifths none. */
export function resolvePack(options: Pick<AuditOptions, 'policy' | 'threshold' | 'excludeBelow'>): Resolved {
  const spec = policyByName(options.policy);
  if (!spec) throw new Error(`unknown policy pack '${options.policy}'`);
  const isFourFifths = spec.name === POLICY.fourFifths.name;
  const threshold = options.threshold ?? DEFAULTS.policies.threshold;
  return {
    spec,
    threshold,
    excludeBelow: options.excludeBelow ?? (isFourFifths ? 0 : DEFAULTS.policies.excludeBelow),
    thresholdSource:
      spec.thresholdSource === 'law' && threshold === DEFAULTS.policies.threshold ? 'law' : 'organisation',
  };
}

function tableOf(
  pack: Resolved,
  values: ArrayLike<string | null>,
  selected: ArrayLike<number>
): ImpactTable<CategoryImpact | FourFifthsCategory> {
  const counts = attributeCounts(values, selected);
  const options = { threshold: pack.threshold, excludeBelow: pack.excludeBelow };
  return pack.spec.name === POLICY.fourFifths.name
    ? fourFifths(counts, { ...options, alpha: DEFAULTS.policies.alpha })
    : nycLl144(counts, options);
}

/** Runs one policy pack on every attribute and intersection; the report is the JSON `audit` prints. */
export function audit(input: AuditInput, options: AuditOptions): AuditReport {
  const pack = resolvePack(options);
  const { spec } = pack;
  const attributes = emptyRecord<AttributeJson>();
  const violations: Violation[] = [];
  const notes: string[] = [];
  const subjects: [string, ArrayLike<string | null>][] = options.attributes.map((a) => [a, valuesOf(input, a)]);
  for (const names of options.intersections) {
    const columns = names.map((a) => valuesOf(input, a));
    names.forEach((a, k) => refuseSeparator(a, columns[k]!));
    subjects.push([names.join(INTERSECTION_SEPARATOR), intersectionValues(columns, INTERSECTION_SEPARATOR)]);
  }
  for (const [name, values] of subjects) {
    const table = tableOf(pack, values, input.selected);
    const categories = emptyRecord<CategoryJson>();
    for (const [category, c] of table.categories) {
      const json = categoryJson(c);
      categories[category] = json;
      if (c.belowThreshold) violations.push(violation(pack, name, category, json));
      else if (json.tests?.significant && table.highest !== null)
        notes.push(
          `'${category}' in '${name}' passes the ${pack.threshold} ratio (${fmt(json.impactRatio)}) but its rate differs significantly from '${table.highest}' (p = ${pFmt(json.tests.pValue)}); 29 CFR 1607.4(D) lets smaller differences count as adverse impact when they are significant in statistical and practical terms`
        );
    }
    attributes[name] = { unknown: table.unknown, highest: table.highest, categories };
    if (table.highest !== null && table.highestRate === 0)
      notes.push(`no row of '${name}' was selected, so its impact ratios are undefined`);
  }
  return {
    policy: spec.name,
    reference: spec.reference,
    rate: input.rate,
    rows: input.selected.length,
    ...(input.median !== undefined ? { median: input.median } : {}),
    missingOutcome: input.missingOutcome,
    threshold: pack.threshold,
    thresholdSource: pack.thresholdSource,
    excludeBelow: pack.excludeBelow,
    ...(spec.name === POLICY.fourFifths.name ? { alpha: DEFAULTS.policies.alpha } : {}),
    attributes,
    violations,
    notes,
  };
}

/** A category holding the separator would make two intersectional categories read alike ("a × b" × "c"). */
function refuseSeparator(attribute: string, values: ArrayLike<string | null>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v?.includes(INTERSECTION_SEPARATOR)) {
      throw new InputError(
        `attribute '${attribute}': category '${v}' contains the intersection separator '${INTERSECTION_SEPARATOR}'; rename the category or leave '${attribute}' out of the intersection`
      );
    }
  }
}

function valuesOf(input: AuditInput, attribute: string): ArrayLike<string | null> {
  const v = input.values.get(attribute);
  if (!v) throw new Error(`attribute '${attribute}' was not read`);
  return v;
}
