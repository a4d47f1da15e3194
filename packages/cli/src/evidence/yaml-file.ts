import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { readTextFile } from '../data/read-text.js';
import { schemaProblem } from '../data/schema-problem.js';

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
    throw new InputError(`${file}: ${schemaProblem(parsed.error.issues)}`);
  }
  return parsed.data;
}
