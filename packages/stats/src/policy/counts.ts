import type { AttributeCounts } from './types.js';

/**
 * Selections per category of one attribute from row-aligned values (null = unknown) and 0/1 selections; a row with
 * an unknown value counts as unknown.
 */
export function attributeCounts(values: ArrayLike<string | null>, selected: ArrayLike<number>): AttributeCounts {
  if (values.length !== selected.length)
    throw new RangeError(`values and selected differ in length (${values.length} vs ${selected.length})`);
  const categories = new Map<string, { count: number; selected: number }>();
  let unknown = 0;
  for (let i = 0; i < values.length; i++) {
    const s = selected[i];
    if (s !== 0 && s !== 1) throw new RangeError(`selected at position ${i} is ${String(s)}, not 0 or 1`);
    const v = values[i];
    if (v === null || v === undefined) {
      unknown++;
      continue;
    }
    let c = categories.get(v);
    if (c === undefined) {
      c = { count: 0, selected: 0 };
      categories.set(v, c);
    }
    c.count++;
    c.selected += s;
  }
  return { unknown, categories };
}

/**
 * Row-aligned intersectional categories: each row's values joined with `separator` in the order of `columns`;
 * unknown (null) when any of them is.
 */
export function intersectionValues(columns: readonly ArrayLike<string | null>[], separator: string): (string | null)[] {
  if (columns.length < 2) throw new RangeError(`an intersection needs at least two attributes, got ${columns.length}`);
  const n = columns[0]!.length;
  for (const c of columns)
    if (c.length !== n)
      throw new RangeError(`the attributes of an intersection differ in length (${c.length} vs ${n})`);
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (const c of columns) {
      const v = c[i];
      if (v === null || v === undefined) break;
      parts.push(v);
    }
    out[i] = parts.length === columns.length ? parts.join(separator) : null;
  }
  return out;
}
