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
