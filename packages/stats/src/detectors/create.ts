import { Adwin } from './adwin.js';
import { Ddm } from './ddm.js';
import { Eddm } from './eddm.js';
import { Kswin } from './kswin.js';
import { PageHinkley } from './page-hinkley.js';
import { DETECTOR_PARAMETERS, resolveParameters } from './params.js';
import type { DetectorKind, DriftDetector } from './types.js';

/** Every detector kind, in the order the CLI lists them. */
export const DETECTOR_KINDS: readonly DetectorKind[] = Object.freeze(['adwin', 'ddm', 'eddm', 'page-hinkley', 'kswin']);

/** Each kind's default parameters, under River's snake_case names. */
export const DETECTOR_DEFAULTS: Readonly<Record<DetectorKind, Readonly<Record<string, number | string>>>> =
  Object.freeze(
    Object.fromEntries(
      DETECTOR_KINDS.map((kind) => [
        kind,
        Object.freeze(
          Object.fromEntries(Object.entries(DETECTOR_PARAMETERS[kind]).map(([name, spec]) => [name, spec.default]))
        ),
      ])
    ) as Record<DetectorKind, Readonly<Record<string, number | string>>>
  );

export function isDetectorKind(value: string): value is DetectorKind {
  return (DETECTOR_KINDS as readonly string[]).includes(value);
}

/**
 * Builds a detector from its kind and parameters given by River's snake_case names; numeric values may be
 * numeric strings (as `--param NAME=VALUE` delivers them). An unknown kind or parameter name is a TypeError
 * and an out-of-range value a RangeError, each naming the offender and what is allowed.
 */
export function createDetector(
  kind: DetectorKind,
  params: Readonly<Record<string, number | string>> = {}
): DriftDetector {
  if (typeof kind !== 'string' || !isDetectorKind(kind)) {
    throw new TypeError(`unknown detector "${String(kind)}"; the detectors are ${DETECTOR_KINDS.join(', ')}`);
  }
  switch (kind) {
    case 'adwin':
      return new Adwin(resolveParameters(kind, params));
    case 'ddm':
      return new Ddm(resolveParameters(kind, params));
    case 'eddm':
      return new Eddm(resolveParameters(kind, params));
    case 'page-hinkley':
      return new PageHinkley(resolveParameters(kind, params));
    case 'kswin':
      return new Kswin(resolveParameters(kind, params));
  }
}
