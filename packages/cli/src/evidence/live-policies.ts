import { BIN, INTERSECTION_SEPARATOR, LABEL, POLICY, RECORD } from '@modelwatch/semconv';
import { emptyRecord } from '@modelwatch/stats';
import { resolvePack, violation } from '../audit/evaluate.js';
import type { AttributeJson, CategoryJson } from '../audit/types.js';
import type { Violation } from '../check/report.js';
import { policiesOf, type ModelConfig } from '../rules/config.js';
import { policyWindowOf } from '../rules/groups/policies.js';
import { auditSchema, type AuditReport } from './audit-input.js';
import type { PromSeries } from './prometheus-api.js';

/** What the live report reads the policy series through: its instant query, recorded with the others. */
export interface InstantReader {
  sel(name: string, extra?: Record<string, string>): string;
  instant(purpose: string, query: string): Promise<PromSeries[]>;
}

const valueOf = (s: PromSeries): number | null => s.points[0]?.[1] ?? null;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Values of one answer by [version, attribute, category?]. */
function indexed(answer: PromSeries[]): Map<string, number | null> {
  return new Map(
    answer.map((s) => [
      key(s.labels[LABEL.modelVersion], s.labels[LABEL.groupAttribute], s.labels[LABEL.groupValue]),
      valueOf(s),
    ])
  );
}
const key = (version?: string, attribute?: string, category?: string): string =>
  JSON.stringify([version ?? '', attribute ?? '', category ?? null]);

/**
 * Each of the model's policy packs at the end of the period, per model version, from the series its policy rules
 * record (docs/compliance.md), in the shape of `modelwatch audit` JSON so the report renders them alike.
 */
export async function livePolicies(r: InstantReader, m: ModelConfig, to: number): Promise<AuditReport[]> {
  const packs = policiesOf(m);
  if (packs.length === 0 || m.task !== 'classification' || !m.classes) return [];
  const { window: w, minGroupSize } = policyWindowOf(m);
  const read = async (purpose: string, name: string, extra: Record<string, string> = {}): Promise<PromSeries[]> =>
    r.instant(`policies: ${purpose}`, r.sel(name, extra));
  const counts = await read('category counts', RECORD.policyCategoryCount(w));
  const rows = indexed(await read('attribute rows', RECORD.policyAttributeRows(w)));
  const unknown = indexed(await read('unknown counts', RECORD.policyUnknownCount(w)));
  const shares = indexed(await read('category shares', RECORD.policyCategoryShare(w)));
  const rates = indexed(await read('selection rates', RECORD.policySelectionRate(w)));
  const versions = [...new Set(counts.map((s) => s.labels[LABEL.modelVersion] ?? ''))].sort(byText);
  const at = new Date(to * 1000).toISOString();
  const out: AuditReport[] = [];
  for (const config of packs) {
    const pack = resolvePack({ policy: config.name, threshold: config.threshold, excludeBelow: config.excludeBelow });
    const labels = { [LABEL.policy]: config.name };
    const excluded = indexed(await read(`${config.name} excluded categories`, RECORD.policyExcluded(w), labels));
    const highest = indexed(await read(`${config.name} highest rates`, RECORD.policyHighestRate(w), labels));
    const ratios = indexed(await read(`${config.name} impact ratios`, RECORD.policyImpactRatio(w), labels));
    // The rules judge single attributes for the four-fifths rule, intersections too for the NYC pack.
    const single = pack.spec.name !== POLICY.nycLl144.name;
    for (const version of versions.length > 0 ? versions : [null]) {
      const attributes = emptyRecord<AttributeJson>();
      const violations: Violation[] = [];
      const notes: string[] = [];
      const mine = counts.filter((s) => (s.labels[LABEL.modelVersion] ?? '') === version);
      const names = [...new Set(mine.map((s) => s.labels[LABEL.groupAttribute] ?? ''))]
        .filter((a) => !single || !a.includes(INTERSECTION_SEPARATOR))
        .sort(byText);
      let total = 0;
      for (const attribute of names) {
        const categories = emptyRecord<CategoryJson>();
        const values = mine
          .filter((s) => s.labels[LABEL.groupAttribute] === attribute)
          .map((s) => [s.labels[LABEL.groupValue] ?? '', valueOf(s) ?? 0] as const)
          // The unknown category and the pooled small values (__suppressed__) are no category to judge.
          .filter(([c]) => c !== BIN.missing && c !== BIN.suppressed)
          .sort((a, b) => byText(a[0], b[0]));
        for (const [category, count] of values) {
          const k = key(version!, attribute, category);
          const rate = rates.get(k) ?? null;
          const impactRatio = ratios.get(k) ?? null;
          const json: CategoryJson = {
            count,
            selected: rate === null ? 0 : rate * count,
            rate,
            impactRatio,
            excluded: excluded.get(k) === 1,
            share: shares.get(k) ?? null,
            belowThreshold: impactRatio !== null && impactRatio < pack.threshold,
          };
          categories[category] = json;
          if (json.belowThreshold) violations.push(violation(pack, attribute, category, json));
        }
        const top = highest.get(key(version!, attribute)) ?? null;
        const first = Object.entries(categories).find(([, c]) => c.impactRatio !== null && c.rate === top);
        attributes[attribute] = {
          unknown: unknown.get(key(version!, attribute)) ?? 0,
          highest: first?.[0] ?? null,
          categories,
        };
        total = Math.max(total, rows.get(key(version!, attribute)) ?? 0);
        if (top === 0)
          notes.push(`no judged category of '${attribute}' was selected, so its impact ratios are undefined`);
      }
      notes.unshift(
        version === null
          ? `Prometheus holds no series of this pack at ${at}.`
          : `From the series the policy rules recorded at ${at} over the last ${w}, model version ${version}. Categories with fewer than ${minGroupSize} predictions are not judged; counts are increases over the window, so they may be fractional, and no significance test is run.`
      );
      // Read by the contract --audit files are read by (as check's packs), so every pack section is alike.
      out.push(
        auditSchema.parse({
          policy: pack.spec.name,
          reference: pack.spec.reference,
          rate: 'selection',
          rows: total,
          threshold: pack.threshold,
          thresholdSource: pack.thresholdSource,
          excludeBelow: pack.excludeBelow,
          source: 'prometheus',
          version,
          window: w,
          attributes,
          violations,
          notes,
        })
      );
    }
  }
  return out;
}
