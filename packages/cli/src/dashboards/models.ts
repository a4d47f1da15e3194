import type { ModelConfig, ModelwatchConfig } from '../rules/config.js';

/** A model and its config entries (several when versions are configured apart); one dashboard each. */
export interface ModelGroup {
  name: string;
  entries: ModelConfig[];
}

export function modelGroups(config: ModelwatchConfig): ModelGroup[] {
  const groups = new Map<string, ModelConfig[]>();
  for (const model of config.models) groups.set(model.name, [...(groups.get(model.name) ?? []), model]);
  return [...groups].map(([name, entries]) => ({ name, entries }));
}

/** The entries that configure a concern, with that concern's settings. */
export function withConcern<K extends 'drift' | 'dataQuality' | 'performance' | 'fairness' | 'slos'>(
  entries: readonly ModelConfig[],
  key: K
): { entry: ModelConfig; settings: NonNullable<ModelConfig[K]> }[] {
  return entries.flatMap((entry) =>
    entry[key] ? [{ entry, settings: entry[key] as NonNullable<ModelConfig[K]> }] : []
  );
}
