import { ThresholdsConfigBuilder, ThresholdsMode, type Threshold } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Levels } from '../rules/config.js';

/** Whether trouble lies above the levels (drift, issue rates, differences) or below them (floors: F1, disparate impact). */
export type Direction = 'above' | 'below';

const OK = 'green';
const WARNING = 'orange';
const CRITICAL = 'red';

/**
 * Threshold steps that colour a value as the alerts judge it: a step starts at its level and holds up to the
 * next, so ceilings climb green → orange → red and floors climb red → orange → green. Null when the levels set
 * nothing, so a panel draws no line that no alert stands behind.
 */
export function levelSteps(levels: Levels | undefined, direction: Direction): Threshold[] | null {
  const warning = levels?.warning ?? null;
  const critical = levels?.critical ?? null;
  if (warning === null && critical === null) return null;
  if (direction === 'above') {
    const steps: Threshold[] = [{ value: null, color: OK }];
    if (warning !== null) steps.push({ value: warning, color: WARNING });
    if (critical !== null) steps.push({ value: critical, color: CRITICAL });
    return steps;
  }
  const steps: Threshold[] = [{ value: null, color: critical !== null ? CRITICAL : WARNING }];
  if (critical !== null && warning !== null) steps.push({ value: critical, color: WARNING });
  steps.push({ value: warning ?? critical, color: OK });
  return steps;
}

/** A single line: fine below `value`, trouble from it on (a budget's error ratio, a latency threshold). */
export function ceilingSteps(value: number): Threshold[] {
  return [
    { value: null, color: OK },
    { value, color: CRITICAL },
  ];
}

/** Absolute threshold steps for a panel. */
export function thresholds(steps: Threshold[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

/**
 * The levels every entry agrees on, or undefined: one panel draws one set of lines, and a line that holds
 * for some versions of a model but not others would mislead.
 */
export function agreedLevels(all: readonly (Levels | undefined)[]): Levels | undefined {
  const defined = all.filter((l): l is Levels => l !== undefined);
  if (defined.length === 0 || defined.length !== all.length) return undefined;
  const key = (l: Levels): string => JSON.stringify([l.warning ?? null, l.critical ?? null]);
  return defined.every((l) => key(l) === key(defined[0]!)) ? defined[0] : undefined;
}
