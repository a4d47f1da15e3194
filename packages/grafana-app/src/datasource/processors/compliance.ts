import { FieldType, type DataFrame } from '@grafana/data';
import {
  ALERT_STATE,
  BIN,
  FAVOURABLE_CLASSES,
  INTERSECTION_SEPARATOR,
  LABEL,
  MODEL_LABELS,
  policyByName,
  POLICY,
  POLICY_STATISTIC,
  type FavourableClass,
  type PolicyName,
} from '@modelwatch/semconv';
import {
  fourFifths,
  nycLl144,
  type AttributeCounts,
  type CategoryImpact,
  type FourFifthsCategory,
  type ImpactTable,
} from '@modelwatch/stats';
import type { ComplianceCategory, ComplianceModel, ComplianceStatus, ComplianceTable } from '../../shared/compliance';
import { COMPLIANCE_FIELDS as F, FRAME_KIND, type ComplianceMeta } from '../../shared/frames';
import { ModelwatchError } from '../errors';
import type { ComplianceOptions } from '../options/resolve';
import type { Labels, PromVector } from '../prometheus/api';
import { binaryClasses, classesSeen, type BinaryClasses } from './classes';
import { tableFrame } from './frames';
import { compareNatural, groupBy, samplesOf, type Sample } from './samples';

/** A category whose value (or, in an intersection, any part of it) was missing counts as unknown. */
function isUnknown(category: string): boolean {
  return category === BIN.missing || category.split(INTERSECTION_SEPARATOR).includes(BIN.missing);
}

/**
 * Predictions and positive-class predictions per category of one attribute, missing values as unknown, with the values past the service's cardinality cap (`__other__`) apart: a mix of categories, which
 * no pack may judge, so it is reported excluded, as the policy rules record it.
 */
function countsOf(entries: readonly Entry[]): {
  counts: AttributeCounts;
  other: { count: number; selected: number } | undefined;
} {
  // Keyed by label values the service chose: a Map, never a plain object.
  const categories = new Map<string, { count: number; selected: number }>();
  let unknown = 0;
  for (const e of entries) {
    const name = e.labels[LABEL.groupValue] ?? '';
    if (isUnknown(name)) {
      unknown += e.count;
      continue;
    }
    let c = categories.get(name);
    if (c === undefined) {
      c = { count: 0, selected: 0 };
      categories.set(name, c);
    }
    c.count += e.count;
    c.selected += e.selected;
  }
  // Replicas summed in another order can leave one class a rounding step above all classes.
  for (const c of categories.values()) {
    c.selected = Math.min(c.selected, c.count);
  }
  const other = categories.get(BIN.other);
  categories.delete(BIN.other);
  return { counts: { unknown, categories }, other };
}

/** What one sample adds to its category: rows, and selected rows. */
interface Entry {
  labels: Labels;
  count: number;
  selected: number;
}

/** Selection: every prediction is a row, those of the positive class are selected. */
const selectionEntries = (samples: readonly Sample[], positive: string): Entry[] =>
  samples.map((s) => ({
    labels: s.labels,
    count: s.value,
    selected: s.labels[LABEL.predictionClass] === positive ? s.value : 0,
  }));

/** Scoring: every scored prediction is a row, those scored above the cut are selected. */
const scoringEntries = (scored: readonly Sample[], above: readonly Sample[]): Entry[] => [
  ...scored.map((s) => ({ labels: s.labels, count: s.value, selected: 0 })),
  ...above.map((s) => ({ labels: s.labels, count: 0, selected: s.value })),
];

/**
 * The pack's table: four-fifths excludes nothing unless the rules' settings say so, nyc-ll144 excludes small
 * categories.
 */
function packTable(
  policy: PolicyName,
  counts: AttributeCounts,
  o: JudgedOptions
): ImpactTable<CategoryImpact | FourFifthsCategory> {
  return policy === POLICY.fourFifths.name
    ? fourFifths(counts, { threshold: o.threshold, excludeBelow: o.fourFifthsExcludeBelow })
    : nycLl144(counts, { threshold: o.threshold, excludeBelow: o.excludeBelow });
}

/** The options one pack of one model is judged with: the query's, the rules' settings filled in. */
interface JudgedOptions extends ComplianceOptions {
  /** Four-fifths' exclusion share: 0 (none) unless the rules' settings or the query set one. */
  fourFifthsExcludeBelow: number;
}

/** What the policy rules record for one model version (modelwatch:policy_settings:info), per pack. */
export interface PolicySettings {
  favourable: FavourableClass;
  minGroupSize: number;
  window: string;
  packs: Map<string, { threshold: number; excludeBelow: number }>;
}

/**
 * The recorded settings per model version (keyed like groupBy's MODEL_LABELS keys); a series with a value that
 * cannot be read is left out, so its model is judged with the defaults.
 */
export function policySettings(vector: PromVector | undefined): Map<string, PolicySettings> {
  const out = new Map<string, PolicySettings>();
  for (const [key, list] of groupBy(vector === undefined ? [] : samplesOf(vector), MODEL_LABELS)) {
    for (const { labels: l } of list) {
      const favourable = FAVOURABLE_CLASSES.find((c) => c === l[LABEL.favourable]);
      const threshold = Number(l[LABEL.threshold]);
      const excludeBelow = Number(l[LABEL.excludeBelow]);
      const minGroupSize = Number(l[LABEL.minGroupSize]);
      const window = l[LABEL.window] ?? '';
      const policy = l[LABEL.policy] ?? '';
      if (
        favourable === undefined ||
        !(threshold > 0) ||
        !(excludeBelow >= 0 && excludeBelow < 1) ||
        !(Number.isInteger(minGroupSize) && minGroupSize >= 1) ||
        window === '' ||
        policyByName(policy) === undefined
      ) {
        continue;
      }
      const s = out.get(key) ?? { favourable, minGroupSize, window, packs: new Map() };
      s.packs.set(policy, { threshold, excludeBelow });
      out.set(key, s);
    }
  }
  return out;
}

/** The options of one pack: an option the query sets wins, then the model's recorded settings, then the defaults. */
function judgedOptions(o: ComplianceOptions, s: PolicySettings | undefined, policy: PolicyName): JudgedOptions {
  const own = (k: 'threshold' | 'excludeBelow' | 'minGroupSize' | 'favourable'): boolean =>
    !o.explicit.has(k) && s !== undefined;
  const pack = s?.packs.get(policy);
  const excludeBelow = own('excludeBelow') && pack !== undefined ? pack.excludeBelow : o.excludeBelow;
  return {
    ...o,
    threshold: own('threshold') && pack !== undefined ? pack.threshold : o.threshold,
    excludeBelow,
    fourFifthsExcludeBelow: o.explicit.has('excludeBelow') || pack !== undefined ? excludeBelow : 0,
    minGroupSize: own('minGroupSize') ? s!.minGroupSize : o.minGroupSize,
    favourable: own('favourable') ? s!.favourable : o.favourable,
  };
}

/**
 * The window a model version is judged over: the query's when it sets one, else the one its rules record, else the
 * query's default.
 */
export function judgedWindow(o: ComplianceOptions, s: PolicySettings | undefined): string {
  return o.explicit.has('window') || s === undefined ? o.window : s.window;
}

/** A category the pack does not judge: reported with its counts, rate and share, without an impact ratio. */
function unjudged(
  name: string,
  c: { count: number; selected: number },
  rows: number,
  excluded: boolean
): ComplianceCategory {
  return {
    name,
    ...c,
    rate: c.count > 0 ? c.selected / c.count : Number.NaN,
    share: rows > 0 ? c.count / rows : Number.NaN,
    impactRatio: null,
    excluded,
    status: excluded ? 'excluded' : 'insufficientSamples',
    test: null,
  };
}

const byCodePoint = (a: ComplianceCategory, b: ComplianceCategory): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * One pack's table, judged as the policy rules judge it: the pack's function of @modelwatch/stats over the
 * categories with at least `minGroupSize` predictions (the fairness rules' guard), every row still counting towards
 * the shares. Smaller categories and `__other__` are reported without an impact ratio and take no part in the
 * highest rate; with every category that large, the table is `modelwatch audit`'s.
 */
function complianceTable(
  policy: PolicyName,
  rate: ComplianceTable['rate'],
  attribute: string,
  { counts, other }: ReturnType<typeof countsOf>,
  o: JudgedOptions
): ComplianceTable {
  const spec = policyByName(policy)!;
  const large = new Map([...counts.categories].filter(([, c]) => c.count >= o.minGroupSize));
  const small = [...counts.categories].filter(([, c]) => c.count < o.minGroupSize);
  // Rows left out of the judgement still count in every share: passed as unknown, reported as their own rows.
  const aside = (other?.count ?? 0) + small.reduce((n, [, c]) => n + c.count, 0);
  const table = packTable(policy, { unknown: counts.unknown + aside, categories: large }, o);
  const judged: ComplianceCategory[] = [...table.categories].map(([name, c]) => {
    const tests = 'tests' in c ? (c as FourFifthsCategory).tests : null;
    const defined = c.impactRatio !== null && !Number.isNaN(c.impactRatio);
    return {
      name,
      count: c.count,
      selected: c.selected,
      rate: c.rate,
      share: c.share,
      impactRatio: c.impactRatio,
      excluded: c.excluded,
      status: c.excluded ? 'excluded' : !defined ? 'insufficientSamples' : c.belowThreshold ? 'belowThreshold' : 'ok',
      test:
        tests === null ? null : { z: tests.z, pValue: tests.pValue, test: tests.test, significant: tests.significant },
    };
  });
  const categories = [
    ...judged,
    ...small.map(([name, c]) => unjudged(name, c, table.rows, c.count / table.rows < table.excludeBelow)),
  ].sort(byCodePoint);
  if (other !== undefined) {
    categories.push(unjudged(BIN.other, other, table.rows, true));
  }
  const ratios = judged.filter((c) => c.status === 'ok' || c.status === 'belowThreshold');
  const status: ComplianceStatus = ratios.some((c) => c.status === 'belowThreshold')
    ? 'belowThreshold'
    : ratios.length >= 2
      ? 'ok'
      : 'insufficientSamples';
  return {
    policy,
    rate,
    displayName: spec.displayName,
    reference: spec.reference,
    thresholdSource: spec.thresholdSource,
    attribute,
    intersection: attribute.includes(INTERSECTION_SEPARATOR),
    rows: table.rows,
    unknown: counts.unknown,
    threshold: table.threshold,
    excludeBelow: table.excludeBelow,
    minGroupSize: o.minGroupSize,
    highest: table.highest,
    highestRate: table.highestRate,
    status,
    categories,
  };
}

const RANK: Readonly<Record<ComplianceStatus, number>> = { ok: 0, insufficientSamples: 1, belowThreshold: 2 };

/** The worst of some statuses; ok for none. */
export function worstStatus(list: readonly ComplianceStatus[]): ComplianceStatus {
  return list.reduce<ComplianceStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'ok');
}

/** Attribute keys of some entries, single attributes first, then intersections, each in natural order. */
function attributesOf(byAttribute: Map<string, Entry[]>): Array<{ key: string; name: string }> {
  return [...byAttribute.keys()]
    .map((key) => ({ key, name: byAttribute.get(key)![0]!.labels[LABEL.groupAttribute] ?? '' }))
    .sort(
      (a, b) =>
        Number(a.name.includes(INTERSECTION_SEPARATOR)) - Number(b.name.includes(INTERSECTION_SEPARATOR)) ||
        compareNatural(a.name, b.name)
    );
}

/**
 * Selection-rate tables of every pack, then, for a monitor exporting scoring counts, the NYC pack's scoring-rate
 * tables. The four-fifths rule judges single attributes; the NYC pack also their intersections (as the rules).
 */
function modelTables(
  o: ComplianceOptions,
  judged: (policy: PolicyName) => JudgedOptions,
  samples: readonly Sample[],
  classes: BinaryClasses,
  scoring: { scored: Sample[]; above: Sample[] }
): ComplianceTable[] {
  const selection = groupBy(selectionEntries(samples, classes[o.favourable]), [LABEL.groupAttribute]);
  const tables = o.policies.flatMap((policy) =>
    attributesOf(selection)
      .filter(({ name }) => policy !== POLICY.fourFifths.name || !name.includes(INTERSECTION_SEPARATOR))
      .map(({ key, name }) => complianceTable(policy, 'selection', name, countsOf(selection.get(key)!), judged(policy)))
  );
  if (scoring.scored.length > 0 && o.policies.includes(POLICY.nycLl144.name)) {
    const scored = groupBy(scoringEntries(scoring.scored, scoring.above), [LABEL.groupAttribute]);
    const nyc = judged(POLICY.nycLl144.name);
    for (const { key, name } of attributesOf(scored)) {
      tables.push(complianceTable(POLICY.nycLl144.name, 'scoring', name, countsOf(scored.get(key)!), nyc));
    }
  }
  return tables;
}

const alertKey = (rate: string, policy: string, attribute: string, category: string): string =>
  JSON.stringify([rate, policy, attribute, category]);

/** Pending and firing policy alerts per model version (keyed like groupBy's MODEL_LABELS keys), firing first. */
function policyAlerts(alerts: PromVector | undefined): Map<string, Map<string, 'pending' | 'firing'>> {
  const out = new Map<string, Map<string, 'pending' | 'firing'>>();
  for (const [key, list] of groupBy(alerts === undefined ? [] : samplesOf(alerts), MODEL_LABELS)) {
    const states = new Map<string, 'pending' | 'firing'>();
    for (const { labels } of list) {
      const state = labels[LABEL.alertState] === ALERT_STATE.firing ? ALERT_STATE.firing : ALERT_STATE.pending;
      // The scoring-rate alert carries statistic="scoring_impact_ratio"; the selection-rate alert no statistic.
      const rate = labels[LABEL.statistic] === POLICY_STATISTIC.scoringImpactRatio ? 'scoring' : 'selection';
      const k = alertKey(
        rate,
        labels[LABEL.policy] ?? '',
        labels[LABEL.groupAttribute] ?? '',
        labels[LABEL.groupValue] ?? ''
      );
      if (states.get(k) !== ALERT_STATE.firing) {
        states.set(k, state);
      }
    }
    out.set(key, states);
  }
  return out;
}

function markAlerts(tables: ComplianceTable[], states: Map<string, 'pending' | 'firing'> | undefined): void {
  if (states === undefined) {
    return;
  }
  for (const t of tables) {
    for (const c of t.categories) {
      const state = states.get(alertKey(t.rate, t.policy, t.attribute, c.name));
      if (state !== undefined) {
        c.alert = state;
      }
    }
  }
}

/** The packs recorded per model version (keyed like groupBy's MODEL_LABELS keys); empty without the answer. */
function configuredPacks(configured: PromVector | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, list] of groupBy(configured === undefined ? [] : samplesOf(configured), MODEL_LABELS)) {
    out.set(key, new Set(list.map((s) => s.labels[LABEL.policy] ?? '')));
  }
  return out;
}

/**
 * Every policy pack's table per attribute and intersection for each model version in the group predictions, with
 * the selection rate of the positive class. A model whose positive class cannot be told gets its one-line reason
 * instead of tables, and the others still show.
 */
export function complianceModels(
  o: ComplianceOptions,
  predictions: PromVector,
  configured?: PromVector,
  alerts?: PromVector,
  scoring?: { scored: PromVector; aboveCut: PromVector },
  settings: Map<string, PolicySettings> = new Map()
): ComplianceModel[] {
  const samples = samplesOf(predictions);
  const scored = groupBy(scoring === undefined ? [] : samplesOf(scoring.scored), MODEL_LABELS);
  const above = groupBy(scoring === undefined ? [] : samplesOf(scoring.aboveCut), MODEL_LABELS);
  const packs = configuredPacks(configured);
  const alertStates = policyAlerts(alerts);
  const versions = groupBy(samples, MODEL_LABELS);
  const keys = [...versions.keys()].sort(compareNatural);
  return keys.map((key) => {
    const list = versions.get(key)!;
    const labels = list[0]!.labels;
    const model = labels[LABEL.modelName] ?? '';
    const recorded = packs.get(key);
    const own = settings.get(key);
    const favourable = o.explicit.has('favourable') || own === undefined ? o.favourable : own.favourable;
    const base = {
      model,
      version: labels[LABEL.modelVersion] ?? '',
      window: o.window,
      packs: recorded === undefined ? ('all' as const) : ('rules' as const),
      settings: own === undefined ? ('defaults' as const) : ('rules' as const),
      favourable,
    };
    try {
      const classes = binaryClasses(o.classes, classesSeen(list.map((s) => s.labels)), model);
      const only = {
        ...o,
        favourable,
        policies: recorded === undefined ? o.policies : o.policies.filter((p) => recorded.has(p)),
      };
      const tables =
        classes === null
          ? []
          : modelTables(only, (p) => judgedOptions(o, own, p), list, classes, {
              scored: scored.get(key) ?? [],
              above: above.get(key) ?? [],
            });
      markAlerts(tables, alertStates.get(key));
      return { ...base, classes, status: worstStatus(tables.map((t) => t.status)), tables };
    } catch (error) {
      if (!(error instanceof ModelwatchError)) {
        throw error;
      }
      return { ...base, classes: null, status: 'ok', tables: [], error: error.message };
    }
  });
}

function tableFrameOf(m: ComplianceModel, t: ComplianceTable): DataFrame {
  const meta: ComplianceMeta = {
    kind: FRAME_KIND.compliance,
    policy: t.policy,
    rate: t.rate,
    reference: t.reference,
    thresholdSource: t.thresholdSource,
    attribute: t.attribute,
    intersection: t.intersection,
    rows: t.rows,
    unknown: t.unknown,
    threshold: t.threshold,
    excludeBelow: t.excludeBelow,
    minGroupSize: t.minGroupSize,
    highest: t.highest,
    status: t.status,
    window: m.window,
    model: m.model,
    version: m.version,
  };
  const c = t.categories;
  return tableFrame(
    `${t.policy}${t.rate === 'scoring' ? ' scoring' : ''} ${t.attribute} ${[m.model, m.version].filter((x) => x).join(' ')}`,
    [
      { name: F.category, type: FieldType.string, values: c.map((r) => r.name) },
      { name: F.count, type: FieldType.number, values: c.map((r) => r.count) },
      { name: F.selected, type: FieldType.number, values: c.map((r) => r.selected) },
      { name: F.rate, type: FieldType.number, values: c.map((r) => r.rate) },
      { name: F.share, type: FieldType.number, values: c.map((r) => r.share) },
      { name: F.impactRatio, type: FieldType.number, values: c.map((r) => r.impactRatio) },
      { name: F.excluded, type: FieldType.boolean, values: c.map((r) => r.excluded) },
      { name: F.status, type: FieldType.string, values: c.map((r) => r.status) },
      { name: F.pValue, type: FieldType.number, values: c.map((r) => r.test?.pValue ?? Number.NaN) },
    ],
    meta
  );
}

/** The compliance query's frames: one per model version, pack and attribute; a model's error fails the query. */
export function complianceFrames(
  o: ComplianceOptions,
  predictions: PromVector,
  scoring?: { scored: PromVector; aboveCut: PromVector },
  settings?: Map<string, PolicySettings>
): DataFrame[] {
  return complianceFramesOf(complianceModels(o, predictions, undefined, undefined, scoring, settings));
}

/** The frames of some computed models; a model's error fails the query. */
export function complianceFramesOf(models: readonly ComplianceModel[]): DataFrame[] {
  const failed = models.find((m) => m.error !== undefined);
  if (failed) {
    throw new ModelwatchError(failed.error!);
  }
  return models.flatMap((m) => m.tables.map((t) => tableFrameOf(m, t)));
}
