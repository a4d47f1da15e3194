// Choosing scenarios by name, in the catalogue's order.
import { SCENARIOS } from './catalogue.js';
import type { Scenario } from './scenario.js';

export function selectScenarios(names: readonly string[] | undefined): Scenario[] {
  if (names === undefined || names.length === 0) return [...SCENARIOS];
  const known = SCENARIOS.map((s) => s.name);
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw new Error(`unknown scenario '${unknown}': choose from ${known.join(', ')}`);
  return SCENARIOS.filter((s) => names.includes(s.name));
}

/** Run time of the scenarios at a speed, in seconds. */
export function totalSeconds(scenarios: readonly Scenario[], speed: number): number {
  return scenarios.reduce((s, x) => s + x.durationSeconds, 0) / speed;
}
