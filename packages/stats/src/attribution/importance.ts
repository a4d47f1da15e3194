/**
 * Global importance of one feature: the mean absolute attribution over the predictions that carried one. Kept as a
 * sum and a count so replicas (and Prometheus series) merge by addition before the division.
 */
export interface ImportanceSums {
  absoluteSum: number;
  count: number;
}

/** Mean |attribution|, or null with nothing counted. */
export function importanceOf(sums: ImportanceSums): number | null {
  return sums.count > 0 ? sums.absoluteSum / sums.count : null;
}

/** Sums of |a| and the count of the finite values among them (others are left out, as the instrumentation drops them). */
export function importanceSums(values: ArrayLike<number>): ImportanceSums {
  let absoluteSum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    absoluteSum += Math.abs(v);
    count++;
  }
  return { absoluteSum, count };
}

/** Adds sums of the same feature from another replica or window. */
export function mergeImportance(a: ImportanceSums, b: ImportanceSums): ImportanceSums {
  return { absoluteSum: a.absoluteSum + b.absoluteSum, count: a.count + b.count };
}

/**
 * nDCG input from per-feature sums: the features with a reference importance, in a fixed order, with the live
 * importance of a feature never seen live taken as 0 (it ranks last, as a feature whose attributions vanished).
 */
export function importanceVectors(
  reference: Readonly<Record<string, number>>,
  current: Readonly<Record<string, ImportanceSums | undefined>>
): { features: string[]; reference: number[]; current: number[] } {
  const features = Object.keys(reference).sort();
  return {
    features,
    reference: features.map((f) => reference[f]!),
    current: features.map((f) => {
      const s = current[f];
      return s === undefined ? 0 : (importanceOf(s) ?? 0);
    }),
  };
}
