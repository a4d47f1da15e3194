import { useState } from 'react';
import type { TimeRange } from '@grafana/data';
import type { CatalogSource } from '../catalog';
import { templateReplace } from '../template';
import { lookupFor, type Lookup } from './sections/types';

/**
 * The catalog bound to the query's model (template variables replaced) and the time range. Label values hardly
 * change within a dashboard's range, so answers are kept until the model or the datasource changes.
 */
export function useLookup(
  modelField: string | undefined,
  catalog: CatalogSource,
  range: TimeRange | undefined
): Lookup {
  const model = modelField ? templateReplace()(modelField) : undefined;
  const seconds = range ? { start: range.from.valueOf() / 1000, end: range.to.valueOf() / 1000 } : undefined;
  const [lookup, setLookup] = useState<Lookup>(() => lookupFor(model, catalog, seconds));
  if (lookup.model !== model || lookup.catalog !== catalog) {
    setLookup(lookupFor(model, catalog, seconds));
  }
  return lookup;
}
