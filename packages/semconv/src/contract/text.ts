/** `disparateImpact` → `disparate_impact`: statistic keys as they appear in series names and label values. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
