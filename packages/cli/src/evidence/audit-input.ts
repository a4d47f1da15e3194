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
  rate: z.enum(['selection', 'scoring']),
  rows: count,
  median: z.number().finite().optional(),
  attributes: z.record(z.string(), attribute),
  violations: z.array(violation),
});

export type AuditReport = z.infer<typeof auditSchema>;

/** Reads the JSON `modelwatch audit` writes; a problem is one line naming the file and the key. */
export function loadAudit(file: string): AuditReport {
  return loadValidated(file, auditSchema, 'JSON');
}
