import { DEFAULTS, POLICY, POLICY_NAMES, type PolicyName } from '@modelwatch/semconv';
import { z } from 'zod';

/** A policy pack with the options given for it (the others take the pack's defaults). */
export interface PolicyConfig {
  name: PolicyName;
  threshold?: number;
  excludeBelow?: number;
}

const packName = z
  .enum(POLICY_NAMES as [PolicyName, ...PolicyName[]])
  .describe(`A policy pack by name with its defaults: ${POLICY_NAMES.join(', ')}.`);

/** A list of packs, each a name or { name, threshold, excludeBelow }: modelwatch.yaml and the check policy alike. */
export const packListSchema = z.array(
  z.union(
    [
      packName,
      z
        .object({
          name: packName,
          threshold: z
            .number()
            .positive()
            .finite()
            .optional()
            .describe(
              `Impact ratios below it are violations (default ${DEFAULTS.policies.threshold}; for ${POLICY.nycLl144.name} the organisation's policy, as the law sets none).`
            ),
          excludeBelow: z
            .number()
            .min(0)
            .lt(1)
            .optional()
            .describe(
              `Categories under this share of the rows are reported but left out of the impact ratios (default ${DEFAULTS.policies.excludeBelow} for ${POLICY.nycLl144.name}, 0 for ${POLICY.fourFifths.name}).`
            ),
        })
        .strict()
        .describe('A policy pack with options.'),
    ],
    { error: `must be a policy pack (${POLICY_NAMES.join(', ')}) or { name, threshold, excludeBelow }` }
  )
);

/** Names and option objects in the one shape. */
export function packsOf(given: readonly (PolicyName | PolicyConfig)[] | undefined): PolicyConfig[] {
  return (given ?? []).map((p) => (typeof p === 'string' ? { name: p } : { ...p }));
}

/** A pack listed twice would be judged twice, perhaps with two thresholds: "<index>: …", or null. */
export function packListProblem(packs: readonly PolicyConfig[]): string | null {
  const names = packs.map((p) => p.name);
  const twice = names.findIndex((n, k) => names.indexOf(n) !== k);
  return twice < 0 ? null : `${twice}: pack '${names[twice]}' is listed twice; list each pack once`;
}
