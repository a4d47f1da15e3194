import { createDataFrame, FieldType, type DataFrame, type FieldConfig } from '@grafana/data';
import { MODEL_LABELS } from '@modelwatch/semconv';
import type { ModelwatchMeta } from '../../shared/frames';
import type { Labels } from '../prometheus/api';

/** A `time`/`value` frame; labels sit on the value field, as Grafana's Prometheus frames carry them. */
export function timeSeriesFrame(
  name: string,
  times: number[],
  values: number[],
  labels: Labels,
  meta: ModelwatchMeta
): DataFrame {
  const config: FieldConfig = { displayNameFromDS: name };
  return createDataFrame({
    name,
    meta: { custom: meta },
    fields: [
      { name: 'time', type: FieldType.time, values: times, config: {} },
      { name: 'value', type: FieldType.number, values, labels, config },
    ],
  });
}

export interface Column {
  name: string;
  type: FieldType;
  values: unknown[];
}

export function tableFrame(name: string, columns: Column[], meta: ModelwatchMeta): DataFrame {
  return createDataFrame({
    name,
    meta: { custom: meta },
    fields: columns.map((c) => ({ name: c.name, type: c.type, values: c.values, config: {} })),
  });
}

/** "model version" for frame names; the version is left out when the series carry none. */
export function modelTitle(labels: Labels): string {
  return MODEL_LABELS.map((name) => labels[name])
    .filter((x) => x)
    .join(' ');
}
