import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** |actual − expected| <= tol·max(1, |expected|); an expected null (NaN written to JSON) requires NaN. */
export function expectClose(actual: unknown, expected: number | null, tol: number, label = ''): void {
  if (typeof actual !== 'number') throw new Error(`${label}: expected a number, got ${String(actual)}`);
  if (expected === null) {
    if (!Number.isNaN(actual)) throw new Error(`${label}: expected NaN (null), got ${actual}`);
    return;
  }
  const err = Math.abs(actual - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${label}: expected ${expected} within ${tol}, got ${actual} (error ${err})`);
  }
}

/** Value at a dotted path such as "groups.a.tpr". */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../fixtures', name), 'utf8')) as T;
}

export interface PeerCase {
  id: string;
  expected: Record<string, number>;
  tolerance: number;
  [key: string]: unknown;
}

export interface Peers {
  classification: PeerCase[];
  estimation: PeerCase[];
  fairness: PeerCase[];
}

export function peerCase(peers: Peers, area: keyof Peers, id: string): PeerCase {
  const c = peers[area].find((x) => x.id === id);
  if (!c) throw new Error(`peers.json has no ${area} case ${id}`);
  return c;
}
