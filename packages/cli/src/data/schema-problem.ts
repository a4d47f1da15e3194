import type { z } from 'zod';

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `unknown key ${path ? `${path}.` : ''}${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    return `${path}: missing (it is required)`;
  return `${path || '(top level)'}: ${issue.message}`;
}

/**
 * A failed validation in one line naming the key. A misspelt key also leaves the key it was meant to be missing:
 * the misspelling is named, since it is the cause.
 */
export function schemaProblem(issues: readonly z.core.$ZodIssue[]): string {
  return describeIssue(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!);
}
