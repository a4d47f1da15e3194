/**
 * The median of finite numbers: the middle value, or the mean of the two middle values of an even count (numpy's
 * and pandas' convention); NaN for none.
 */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values);
  for (const v of sorted) if (!Number.isFinite(v)) throw new RangeError(`median needs finite numbers, got ${v}`);
  if (sorted.length === 0) return Number.NaN;
  sorted.sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The selections behind a scoring rate (NYC DCWP rules, 6 RCNY §5-300): a row is "selected" when its score is
 * strictly above the median score of the whole sample. Returns the median and a 0/1 per row.
 */
export function scoringSelections(scores: ArrayLike<number>): { median: number; selected: Uint8Array } {
  const m = median(scores);
  const selected = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) selected[i] = scores[i]! > m ? 1 : 0;
  return { median: m, selected };
}

/**
 * The median of values given with their counts (a profile's sorted knots), by the same convention as `median`: the
 * middle value of the expanded sample, or the mean of the two middle ones. Equals `median` of the expanded values
 * when the knots hold every distinct value (a profile's `exact` column); otherwise each knot stands for its run.
 */
export function medianOfCounts(values: ArrayLike<number>, counts: ArrayLike<number>): number {
  if (values.length !== counts.length)
    throw new RangeError(`values and counts differ in length (${values.length} vs ${counts.length})`);
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`counts must be whole numbers >= 0, got ${c}`);
    if (!Number.isFinite(values[i]!)) throw new RangeError(`median needs finite numbers, got ${values[i]}`);
    n += c;
  }
  if (n === 0) return Number.NaN;
  // The values at 0-based ranks lo and hi of the expanded, sorted sample (equal for an odd count).
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  let seen = 0;
  let low = Number.NaN;
  for (const i of order) {
    const next = seen + counts[i]!;
    if (Number.isNaN(low) && lo < next) low = values[i]!;
    if (hi < next) return (low + values[i]!) / 2;
    seen = next;
  }
  return Number.NaN;
}
