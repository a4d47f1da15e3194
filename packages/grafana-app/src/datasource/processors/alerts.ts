import { FieldType, type DataFrame } from '@grafana/data';
import { LABEL } from '@modelwatch/semconv';
import { ALERT_FIELDS as A, FRAME_KIND } from '../../shared/frames';
import type { Labels, PromMatrix } from '../prometheus/api';
import { tableFrame } from './frames';
import { seriesOf } from './samples';

/** Labels that say nothing about the alert itself. */
const HIDDEN = new Set<string>([LABEL.metricName, LABEL.alertName, LABEL.alertState]);

export interface AlertEpisode {
  labels: Labels;
  start: number;
  end: number;
}

/**
 * Consecutive samples of an ALERTS series, at most one step (plus slack for rounding) apart, are one episode;
 * a longer gap means the alert resolved and fired again.
 */
export function alertEpisodes(alerts: PromMatrix, stepMs: number): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  for (const s of seriesOf(alerts)) {
    const times = [...s.points.keys()].sort((a, b) => a - b);
    let start = times[0];
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      const next = times[i + 1];
      if (next === undefined || next - t > stepMs * 1.5) {
        episodes.push({ labels: s.labels, start: start!, end: t });
        start = next;
      }
    }
  }
  return episodes.sort((a, b) => a.start - b.start || a.end - b.end);
}

function describe(labels: Labels): string {
  return Object.keys(labels)
    .filter((k) => !HIDDEN.has(k))
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(' ');
}

/** Alert episodes as one frame with the fields Grafana turns into annotation events. */
export function alertFrames(alerts: PromMatrix, stepMs: number): DataFrame[] {
  const episodes = alertEpisodes(alerts, stepMs);
  return [
    tableFrame(
      'Modelwatch alerts',
      [
        { name: A.time, type: FieldType.time, values: episodes.map((e) => e.start) },
        { name: A.timeEnd, type: FieldType.time, values: episodes.map((e) => e.end) },
        { name: A.title, type: FieldType.string, values: episodes.map((e) => e.labels[LABEL.alertName] ?? '') },
        { name: A.text, type: FieldType.string, values: episodes.map((e) => describe(e.labels)) },
        {
          name: A.tags,
          type: FieldType.other,
          values: episodes.map((e) =>
            [e.labels[LABEL.modelName], e.labels[LABEL.severity]].filter(
              (x): x is string => x !== undefined && x !== ''
            )
          ),
        },
      ],
      { kind: FRAME_KIND.alerts }
    ),
  ];
}
