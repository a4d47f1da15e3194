import type { DataFrame } from '@grafana/data';
import { isSuppressedText } from '@modelwatch/semconv';
import { FAIRNESS_FIELDS as F, FRAME_KIND, framesOfKind, metaOf, type FairnessMeta } from '../../shared/frames';
import { modelVersionOf, numberOrNull, stringOf, valuesOf, varyingDimensions, versionTag } from '../common/frameFields';
import { formatCount } from '../common/format';
import { hasThresholds, levelOf, thresholdsFromLevels, type Level, type Thresholds } from '../common/levels';
import { sizeUnit } from './metrics';
import type { FairnessOptions } from './options';

export interface FairnessCell {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Denominator of the rate. */
  count: number | null;
  /** The group size eligibility is judged on. */
  size: number | null;
  /** Relative to the reference group's value of the same metric. */
  ratio: number | null;
  difference: number | null;
  eligible: boolean;
  /** Why the cell is inconclusive; undefined when it is eligible. */
  reason?: string;
}

export interface FairnessGroup {
  group: string;
  isReference: boolean;
  /** No metric of the group is conclusive: the group is left out of every disparity. */
  inconclusive: boolean;
  reason?: string;
  cells: Record<string, FairnessCell>;
  /** Selection rate over the reference group's, and its level against the policy (eligible non-reference groups only). */
  selectionRatio: number | null;
  selectionRatioLevel: Level;
}

export interface FairnessSection {
  /** The attribute, then `@model`/`@version` when those differ between sections. */
  key: string;
  attribute: string;
  tags: string[];
  referenceGroup: string;
  minGroupSize: number;
  confidence: number;
  window: string;
  disparateImpact: number | null;
  level: Level;
  /** `warning` is the policy line (four-fifths rule by default), `critical` optional. */
  thresholds: Thresholds;
  metrics: string[];
  groups: FairnessGroup[];
}

export interface FairnessModel {
  sections: FairnessSection[];
}

interface Parsed {
  frame: DataFrame;
  meta: FairnessMeta;
  model: string;
  version: string;
}

function policyThresholds(meta: FairnessMeta, options: FairnessOptions): Thresholds {
  const fromFrame = thresholdsFromLevels(meta.levels);
  if (options.policy.source === 'frame' && hasThresholds(fromFrame)) {
    return fromFrame;
  }
  return options.policy.critical > 0
    ? { warning: options.policy.line, critical: options.policy.critical }
    : { warning: options.policy.line };
}

function inconclusiveReason(size: number | null, metric: string, minGroupSize: number): string {
  return `Inconclusive: ${formatCount(size)} ${sizeUnit(metric)}, fewer than the minimum group size of ${formatCount(minGroupSize)}, so the group is left out of the disparities`;
}

/** The frame's rows as cells by group then metric, and the metrics in the order they first appear. */
function cellsOf(
  frame: DataFrame,
  minGroupSize: number
): { metricOrder: string[]; byGroup: Map<string, Record<string, FairnessCell>> } {
  const column = (name: string) => valuesOf(frame, name) ?? [];
  const [groups, metrics, values, lowers, uppers, counts, sizes, ratios, differences, eligibles] = [
    F.group,
    F.metric,
    F.value,
    F.lower,
    F.upper,
    F.count,
    F.size,
    F.ratio,
    F.difference,
    F.eligible,
  ].map(column);
  const metricOrder: string[] = [];
  const byGroup = new Map<string, Record<string, FairnessCell>>();

  groups!.forEach((g, i) => {
    const group = stringOf(g);
    const metric = stringOf(metrics![i]);
    if (!metricOrder.includes(metric)) {
      metricOrder.push(metric);
    }
    // Older frames have no size column: the rate's own denominator is the closest stand-in.
    const size = numberOrNull(sizes![i]) ?? numberOrNull(counts![i]);
    const eligible = eligibles![i] !== false;
    const cell: FairnessCell = {
      value: numberOrNull(values![i]),
      lower: numberOrNull(lowers![i]),
      upper: numberOrNull(uppers![i]),
      count: numberOrNull(counts![i]),
      size,
      ratio: numberOrNull(ratios![i]),
      difference: numberOrNull(differences![i]),
      eligible,
      ...(eligible
        ? {}
        : {
            reason: isSuppressedText(group)
              ? 'Suppressed: the values below the minimum cell size, pooled; never judged or compared'
              : inconclusiveReason(size, metric, minGroupSize),
          }),
    };
    byGroup.set(group, { ...(byGroup.get(group) ?? {}), [metric]: cell });
  });
  return { metricOrder, byGroup };
}

function groupOf(
  group: string,
  cells: Record<string, FairnessCell>,
  meta: FairnessMeta,
  thresholds: Thresholds
): FairnessGroup {
  const all = Object.values(cells);
  const inconclusive = all.length > 0 && all.every((c) => !c.eligible);
  const isReference = group === meta.referenceGroup;
  const selection = cells.selectionRate;
  const judged = selection && selection.eligible && !isReference;
  return {
    group,
    isReference,
    inconclusive,
    ...(inconclusive ? { reason: (selection ?? all[0]!).reason } : {}),
    cells,
    selectionRatio: selection?.ratio ?? null,
    selectionRatioLevel: judged ? levelOf(selection.ratio, thresholds, 'below') : 'none',
  };
}

function sectionOf({ frame, meta }: Parsed, options: FairnessOptions, key: string, tags: string[]): FairnessSection {
  const thresholds = policyThresholds(meta, options);
  const minGroupSize = meta.minGroupSize;
  const { metricOrder, byGroup } = cellsOf(frame, minGroupSize);
  const disparateImpact = numberOrNull(meta.disparateImpact);
  return {
    key,
    attribute: meta.attribute,
    tags,
    referenceGroup: meta.referenceGroup,
    minGroupSize,
    confidence: meta.confidence,
    window: meta.window,
    disparateImpact,
    level: levelOf(disparateImpact, thresholds, 'below'),
    thresholds,
    metrics: metricOrder,
    groups: [...byGroup].map(([group, cells]) => groupOf(group, cells, meta, thresholds)),
  };
}

/** Frames of kind `modelwatch.fairness` (one per attribute and model version) → one section each. */
export function toFairnessModel(frames: DataFrame[], options: FairnessOptions): FairnessModel {
  const parsed = framesOfKind(frames, FRAME_KIND.fairness).map((frame): Parsed => {
    const meta = metaOf<FairnessMeta>(frame);
    return { frame, meta, ...modelVersionOf(frame, meta) };
  });
  const dimensions = varyingDimensions(parsed, ['model', 'version'] as const);
  const sections = parsed.map((p) => {
    const key = [p.meta.attribute, ...dimensions.map((d) => p[d])].join('@');
    const tags = dimensions.map((d) => (d === 'version' ? versionTag(p.version) : p.model));
    return sectionOf(p, options, key, tags);
  });
  sections.sort((a, b) => a.key.localeCompare(b.key));
  return { sections };
}
