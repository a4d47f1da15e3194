import { z } from 'zod';
import { loadValidated } from './yaml-file.js';

// The public JSON contract of `modelwatch audit` (issue 13): more keys are welcome, so objects pass them through.
const count = z.number().finite().nonnegative();
const category = z.looseObject({
  count,
  selected: count,
  rate: z.number().finite().nullable(),
  impactRatio: z.number().finite().nullable(),
  excluded: z.boolean(),
  belowThreshold: z.boolean().optional(),
});
const attribute = z.looseObject({ unknown: count, categories: z.record(z.string(), category) });
const violation = z.looseObject({
  check: z.string(),
  subject: z.string(),
  value: z.number(),
  threshold: z.number(),
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
});

export const auditSchema = z.looseObject({
  policy: z.string().min(1),
  /** The legal text the pack implements. */
  reference: z.string().optional(),
  rate: z.enum(['selection', 'scoring']),
  rows: count,
  median: z.number().finite().optional(),
  threshold: z.number().finite().optional(),
  /** Whether the threshold is the law's or the organisation's policy. */
  thresholdSource: z.enum(['law', 'organisation']).optional(),
  attributes: z.record(z.string(), attribute),
  violations: z.array(violation),
  notes: z.array(z.string()).optional(),
});

export type AuditReport = z.infer<typeof auditSchema>;

/**
 * The packs `check` judged (its report's `policies`, when its policy names any), read by the same contract; they
 * are check's own output, so a mismatch is a bug, not bad input.
 */
export function policiesOfCheck(check: object): AuditReport[] {
  const given = (check as { policies?: Record<string, unknown> }).policies ?? {};
  return Object.values(given).map((p) => auditSchema.parse(p));
}

/** Reads the JSON `modelwatch audit` writes; a problem is one line naming the file and the key. */
export function loadAudit(file: string): AuditReport {
  return loadValidated(file, auditSchema, 'JSON');
}
