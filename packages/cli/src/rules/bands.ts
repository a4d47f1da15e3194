import { SEVERITY, type Direction, type LevelSeverity } from '@modelwatch/semconv';
import type { Levels } from './config.js';

/** One alert level as a PromQL comparison. */
export interface Band {
  severity: LevelSeverity;
  condition: string;
  threshold: number;
}

/**
 * A comparison that fires between the warning and the critical level, and one beyond critical, so a value
 * raises one alert of one severity at a time.
 */
export function bands(levels: Levels | undefined, direction: Direction): Band[] {
  if (!levels) return [];
  const out: Band[] = [];
  const crit = levels.critical ?? null;
  const warn = levels.warning ?? null;
  const op = direction === 'above' ? '>=' : '<';
  const back = direction === 'above' ? '<' : '>=';
  if (warn !== null) {
    const condition = crit !== null ? `${op} ${warn} ${back} ${crit}` : `${op} ${warn}`;
    out.push({ severity: SEVERITY.warning, condition, threshold: warn });
  }
  if (crit !== null) out.push({ severity: SEVERITY.critical, condition: `${op} ${crit}`, threshold: crit });
  return out;
}

/** A number as people write it in a message: 0.07 × 100 is 7.000000000000001 in floating point. */
export function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}
