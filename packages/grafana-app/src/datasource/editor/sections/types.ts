import type { CatalogSource, SecondsRange } from '../../catalog';
import type { MlQuery } from '../../types';

/** What every section of the query editor gets. */
export interface SectionProps {
  query: MlQuery;
  /** Applies a change and runs the query. */
  update: (change: Partial<MlQuery>) => void;
  /** Label values of the chosen model (template variables in the model already replaced). */
  lookup: Lookup;
}

/** The catalog bound to the editor's model and time range, with answers kept for as long as the model stays. */
export interface Lookup {
  model: string | undefined;
  catalog: CatalogSource;
  range?: SecondsRange;
  /** One request per key: every opening of a list and every keystroke reuse the answer (a failure is asked again). */
  cached: (key: string, read: () => Promise<string[]>) => Promise<string[]>;
}

export function lookupFor(model: string | undefined, catalog: CatalogSource, range?: SecondsRange): Lookup {
  const answers = new Map<string, Promise<string[]>>();
  return {
    model,
    catalog,
    range,
    cached: (key, read) => {
      let answer = answers.get(key);
      if (!answer) {
        answer = read();
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
      }
      return answer;
    },
  };
}

/** Values that need a model; none until one is chosen. `key` names the lookup and its arguments. */
export function forModel(
  lookup: Lookup,
  key: string,
  read: (catalog: CatalogSource, model: string, range?: SecondsRange) => Promise<string[]>
): () => Promise<string[]> {
  return () =>
    lookup.model ? lookup.cached(key, () => read(lookup.catalog, lookup.model!, lookup.range)) : Promise.resolve([]);
}
