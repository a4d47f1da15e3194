import type { ModelConfig, ModelwatchConfig } from './config.js';
import { driftGroup } from './groups/drift.js';
import { segmentDriftGroup } from './groups/segment-drift.js';
import { dataQualityGroup } from './groups/data-quality.js';
import { fairnessGroup } from './groups/fairness.js';
import { performanceGroup } from './groups/performance.js';
import { policiesGroup } from './groups/policies.js';
import { sloGroup } from './groups/slo.js';
import { ModelRules } from './model-rules.js';
import type { RuleGroup } from './rule-types.js';

export type { AlertingRule, RecordingRule, Rule, RuleGroup } from './rule-types.js';

/** The rule groups of a model entry, in the order files list them. */
const AREAS: readonly ((m: ModelRules) => RuleGroup | null)[] = [
  driftGroup,
  segmentDriftGroup,
  dataQualityGroup,
  performanceGroup,
  fairnessGroup,
  sloGroup,
  policiesGroup,
];

/**
 * A name per model entry for its groups and rule file: the model name, plus a form of the version selector
 * when the model has several entries (else their groups would share names and one file would overwrite the
 * other), plus the entry's position if two selectors still read alike.
 */
export function modelKeys(models: readonly ModelConfig[]): string[] {
  // Counted once up front: a fleet has thousands of entries, and counting per entry is quadratic.
  const entries = new Map<string, number>();
  for (const m of models) entries.set(m.name, (entries.get(m.name) ?? 0) + 1);
  const slug = (version: string): string =>
    version
      .replace(/\\/g, '')
      .replace(/[^a-zA-Z0-9.]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'version';
  const keys = models.map((m) =>
    entries.get(m.name)! > 1 && m.version !== undefined ? `${m.name}-${slug(m.version)}` : m.name
  );
  const uses = new Map<string, number>();
  for (const k of keys) uses.set(k, (uses.get(k) ?? 0) + 1);
  return keys.map((k, i) => (uses.get(k)! > 1 ? `${k}-${i}` : k));
}

/**
 * Every rule group of every model, in config order: drift, drift per segment, data quality, performance, fairness, SLOs, policy packs.
 * `model` is the entry's key from modelKeys (the model name unless a model has several entries).
 */
export function generateRuleGroups(config: ModelwatchConfig): { model: string; groups: RuleGroup[] }[] {
  return [...ruleGroupsByModel(config)];
}

/**
 * The same groups one model entry at a time, for writers that let each go once written; `from` and `to` (entry
 * positions, `to` excluded) limit them to a share of the fleet, keyed as in the whole.
 */
export function* ruleGroupsByModel(
  config: ModelwatchConfig,
  from = 0,
  to = config.models.length
): Generator<{ model: string; groups: RuleGroup[] }> {
  const keys = modelKeys(config.models);
  for (let i = from; i < to; i++) {
    const model = config.models[i]!;
    const m = new ModelRules(config, model, keys[i]!);
    const groups: RuleGroup[] = [];
    for (const area of AREAS) {
      const group = area(m);
      if (group !== null) groups.push(group);
    }
    yield { model: keys[i]!, groups };
  }
}
