import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One application of the Boston HMDA data, as the CSV has it (all cells text). */
export type Application = Record<string, string>;

/** Model inputs. `afam` (race) is deliberately not one: it is the protected attribute fairness is checked on. */
export const FEATURES = [
  'pirat',
  'hirat',
  'lvrat',
  'chist',
  'mhist',
  'phist',
  'unemp',
  'selfemp',
  'insurance',
  'condomin',
  'single',
  'hschool',
] as const;

export function readApplications(file: string): Application[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Application[];
}

/** Numeric encoding of the model inputs: numbers as they are, no/yes as 0/1. */
export function encode(a: Application): number[] {
  return FEATURES.map((f) => {
    const v = a[f];
    if (v === 'yes') return 1;
    if (v === 'no') return 0;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new Error(`feature ${f} is not numeric: ${v}`);
    return x;
  });
}

export const isDenied = (a: Application): number => (a.deny === 'yes' ? 1 : 0);
