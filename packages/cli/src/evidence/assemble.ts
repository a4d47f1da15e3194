import type { CheckReport } from '../check/report.js';
import type { AuditReport } from './audit-input.js';
import type { ModelCard } from './model-card.js';
import type { EvidenceReport, InputHash, LiveEvidence } from './types.js';

export const GENERATOR = { name: '@modelwatch/cli', version: '0.1.0' } as const;

export interface EvidenceParts {
  model: { name: string; version: string | null };
  modelCard: ModelCard | null;
  check: CheckReport | null;
  live: LiveEvidence | null;
  /** Packs `check` judged: shown; their violations are check's already. */
  checkPolicies: AuditReport[];
  /** Packs given with --audit: shown, and their violations added. */
  auditPolicies: AuditReport[];
  inputs: InputHash[];
}

/** The report object every format renders; its order of keys and lists is fixed, so equal inputs give equal bytes. */
export function assembleReport(parts: EvidenceParts): EvidenceReport {
  const violations = [...(parts.check?.violations ?? []), ...parts.auditPolicies.flatMap((p) => p.violations)];
  const policies = [...parts.checkPolicies, ...parts.auditPolicies];
  return {
    report: 'modelwatch evidence report',
    generator: { ...GENERATOR },
    source: parts.live ? 'prometheus' : 'files',
    model: parts.model,
    summary: {
      violations: violations.length,
      alerts: parts.live?.alerts.length ?? 0,
      policies: policies.length,
    },
    modelCard: parts.modelCard,
    check: parts.check,
    live: parts.live,
    policies,
    violations,
    inputs: parts.inputs,
  };
}

/** From files: the model named by --model, else by the model card, else by the reference file. */
export function modelOf(
  given: string | undefined,
  card: ModelCard | null,
  fallback: string
): { name: string; version: string | null } {
  return { name: given ?? card?.modelDetails.name ?? fallback, version: card?.modelDetails.version ?? null };
}
