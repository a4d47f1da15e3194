import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readTextFile } from '../data/read-text.js';

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `unknown key ${path ? `${path}.` : ''}${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    return `${path}: missing (it is required)`;
  return `${path || '(top level)'}: ${issue.message}`;
}

/** Parses a YAML or JSON file against a schema; any problem is one line naming the file and the key. */
export function loadValidated<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S> {
  const text = readTextFile(file);
  let json: unknown;
  try {
    json = parseYaml(text);
  } catch (e) {
    throw new InputError(`${file}: not valid ${what} (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  const parsed = schema.safeParse(json ?? {});
  if (!parsed.success) {
    // A misspelt key also leaves the key it was meant to be missing: the misspelling is the cause.
    const issues = parsed.error.issues;
    const main = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    throw new InputError(`${file}: ${describeIssue(main)}`);
  }
  return parsed.data;
}
