import type {
  AnnotationEvent,
  AnnotationQuery,
  AnnotationSupport,
  DataFrame,
  QueryEditorProps,
  DataSourceApi,
} from '@grafana/data';
import { of } from 'rxjs';
import { ALERT_FIELDS as A, FRAME_KIND, framesOfKind } from '../shared/frames';
import type { MlQuery } from './types';

/** What Grafana gives an annotation query editor. */
export type AnnotationQueryEditorProps = QueryEditorProps<DataSourceApi<MlQuery>, MlQuery>;

/** Annotation events from the alerts frames: one region per alert episode. */
export function alertEvents(frames: DataFrame[]): AnnotationEvent[] {
  const events: AnnotationEvent[] = [];
  for (const frame of framesOfKind(frames, FRAME_KIND.alerts)) {
    const column = (name: string): unknown[] => frame.fields.find((f) => f.name === name)?.values ?? [];
    const [time, timeEnd, title, text, tags] = [A.time, A.timeEnd, A.title, A.text, A.tags].map(column);
    for (let i = 0; i < frame.length; i++) {
      const start = time![i] as number;
      const end = timeEnd![i] as number;
      events.push({
        time: start,
        timeEnd: end,
        isRegion: end > start,
        title: title![i] as string,
        text: text![i] as string,
        tags: tags![i] as string[],
      });
    }
  }
  return events;
}

/**
 * Annotation queries show the Modelwatch alerts that fired (Prometheus' ALERTS series), optionally of one
 * model; whatever the editor holds, an annotation runs as an `alerts` query.
 */
export const alertAnnotations: AnnotationSupport<MlQuery> = {
  getDefaultQuery: () => ({ queryType: 'alerts' }),
  prepareQuery: (annotation: AnnotationQuery<MlQuery>) => ({
    ...(annotation.target ?? {}),
    refId: annotation.target?.refId ?? 'Annotations',
    queryType: 'alerts',
  }),
  processEvents: (_annotation, frames) => of(alertEvents(frames)),
};
