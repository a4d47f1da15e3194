import type { CatalogSource } from '../../catalog';

/** Label values as fixed lists, and which lookups the editor asked for. */
export function fixedCatalog(overrides: Partial<CatalogSource> = {}): CatalogSource & { calls: string[] } {
  const calls: string[] = [];
  const answer = (call: string, values: string[]) => {
    calls.push(call);
    return Promise.resolve(values);
  };
  return {
    calls,
    models: () => answer('models()', ['churn', 'credit']),
    versions: (model) => answer(`versions(${model})`, model === 'credit' ? ['v1', 'v2'] : ['2024-01']),
    features: (model) => answer(`features(${model})`, ['age', 'income', 'purpose']),
    classes: (model) => answer(`classes(${model})`, ['no', 'yes']),
    attributes: (model) => answer(`attributes(${model})`, ['race', 'sex']),
    groups: (model, attribute) =>
      answer(`groups(${model}, ${attribute})`, attribute === 'sex' ? ['F', 'M', 'X'] : ['A', 'B']),
    segments: (model) => answer(`segments(${model})`, ['region']),
    segmentValues: (model, segment) => answer(`segmentValues(${model}, ${segment})`, ['north', 'south']),
    boundaries: (model) => answer(`boundaries(${model})`, ['0.1', '0.25', '1']),
    ...overrides,
  };
}
