/** `disparateImpact` → `disparate_impact`: statistic keys as they appear in series names and label values. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * How dashboards, reports and evidence show the `__suppressed__` group or segment value: never as a zero, always as a
 * bucket of values below the minimum cell size.
 */
export function suppressedText(minCellSize: number): string {
  return `suppressed (< ${minCellSize})`;
}

/** Whether a shown group or segment name is the `__suppressed__` bucket as suppressedText shows it. */
export function isSuppressedText(text: string): boolean {
  return /^suppressed \(< \d+\)$/.test(text);
}
