import type { FavourableClass } from '@modelwatch/semconv';
import type { Dataset } from '../data/dataset.js';
import { InputError } from '../errors.js';
import { intersectionsOf } from './intersections.js';
import { audit, type AuditInput } from './evaluate.js';
import type { AuditReport } from './types.js';
import type { PolicyConfig } from './pack-config.js';

/**
 * The policy packs `check` judges (`--policy`, the policy file's `policies`): the model's decisions (1 positive, 0
 * negative, −1 unknown; the favourable one counts as selected) by the protected attributes of the current data.
 */
/** The predicted class that counts as selected: packs compare rates of the favourable decision. */
export type Favourable = FavourableClass;

export function checkPolicies(
  current: Dataset,
  predicted: Int8Array | null,
  policies: readonly PolicyConfig[],
  favourable: Favourable = 'positive'
): Record<string, AuditReport> {
  const attributes = [...current.groups.keys()];
  if (attributes.length === 0) throw new InputError('--policy needs protected attributes: name them with --protected');
  if (!predicted) throw new InputError("--policy needs the model's decisions: give --score or --prediction");
  const known: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (predicted[i]! >= 0) known.push(i);
  const values = new Map<string, (string | null)[]>();
  for (const [attribute, coded] of current.groups) {
    const codes = coded.codes;
    values.set(
      attribute,
      known.map((i) => (codes[i]! < 0 ? null : coded.names[codes[i]!]!))
    );
  }
  const input: AuditInput = {
    values,
    selected: Uint8Array.from(known, (i) => (favourable === 'positive' ? predicted[i]! : 1 - predicted[i]!)),
    rate: 'selection',
    missingOutcome: predicted.length - known.length,
  };
  const out: Record<string, AuditReport> = {};
  for (const { name, threshold, excludeBelow } of policies) {
    const intersections = intersectionsOf(name, attributes, []);
    out[name] = audit(input, { policy: name, attributes, intersections, threshold, excludeBelow });
  }
  return out;
}
