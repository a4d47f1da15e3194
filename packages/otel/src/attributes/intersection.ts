import { INTERSECTION_SEPARATOR } from '@modelwatch/semconv';
import type { AttributeCounts, IntersectionSlice } from '../counts.js';

/** Slot indices of CappedValues: __other__ and __missing__ (see capped-values.ts). */
const OTHER = 0;
const MISSING = 1;

/**
 * The slot of an intersectional group from the slots its parts already took: __missing__ when any part is missing
 * (an unknown category, as in `modelwatch audit`), __other__ when any part is __other__ (past its cap, too long, or
 * not a string, number or boolean) or holds the separator itself, otherwise the kept values joined in order and capped by the intersection's own
 * CappedValues. Joining kept values, not raw ones, keeps each intersectional group a product of exported groups.
 */
export function intersectionSlot(
  attributes: readonly AttributeCounts[],
  intersection: IntersectionSlice,
  slotOf: (j: number) => number
): number {
  let other = false;
  for (const j of intersection.parts) {
    const k = slotOf(j);
    if (k === MISSING) return MISSING;
    if (k === OTHER) other = true;
  }
  if (other) return OTHER;
  const parts = intersection.parts.map((j) => attributes[j]!.values.values[slotOf(j)]!);
  // A part holding the separator would make two intersectional groups read alike.
  if (parts.some((p) => p.includes(INTERSECTION_SEPARATOR))) return OTHER;
  return attributes[intersection.slice]!.values.indexOf(parts.join(INTERSECTION_SEPARATOR));
}
