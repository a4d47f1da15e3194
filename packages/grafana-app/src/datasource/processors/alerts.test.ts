import { ALERT_FIELDS, FRAME_KIND, frameKind } from '../../shared/frames';
import { alertEvents } from '../annotations';
import { matrix } from '../testing/prometheus-json';
import { alertEpisodes, alertFrames } from './alerts';

const T0 = 1_700_000_000;
const drift = {
  __name__: 'ALERTS',
  alertname: 'ModelwatchFeatureDriftPSI',
  alertstate: 'firing',
  model_name: 'credit',
  model_version: 'v1',
  feature: 'income',
  severity: 'critical',
  statistic: 'psi',
  baseline: 'reference',
};
const slo = {
  __name__: 'ALERTS',
  alertname: 'ModelwatchSLOBurnRate',
  alertstate: 'firing',
  model_name: 'credit',
  model_version: 'v1',
  slo: 'latency',
  severity: 'page',
};

// Drift fires for three steps, resolves, fires again; the SLO alert fires once, in between.
const ALERTS = matrix([
  [
    drift,
    [
      [T0, 1],
      [T0 + 60, 1],
      [T0 + 120, 1],
      [T0 + 600, 1],
      [T0 + 660, 1],
    ],
  ],
  [slo, [[T0 + 300, 1]]],
]);

describe('alert episodes', () => {
  test('consecutive steps are one episode; a gap starts a new one', () => {
    const episodes = alertEpisodes(ALERTS, 60_000);
    expect(episodes.map((e) => [e.labels.alertname, e.start / 1000 - T0, e.end / 1000 - T0])).toEqual([
      ['ModelwatchFeatureDriftPSI', 0, 120],
      ['ModelwatchSLOBurnRate', 300, 300],
      ['ModelwatchFeatureDriftPSI', 600, 660],
    ]);
  });

  test('the frame has the annotation fields; the events are regions titled by alert name, tagged with model and severity', () => {
    const frames = alertFrames(ALERTS, 60_000);
    expect(frames).toHaveLength(1);
    expect(frameKind(frames[0]!)).toBe(FRAME_KIND.alerts);
    expect(frames[0]!.fields.map((f) => f.name)).toEqual(Object.values(ALERT_FIELDS));
    const events = alertEvents(frames);
    expect(events[0]).toEqual({
      time: T0 * 1000,
      timeEnd: (T0 + 120) * 1000,
      isRegion: true,
      title: 'ModelwatchFeatureDriftPSI',
      text: 'baseline=reference feature=income model_name=credit model_version=v1 severity=critical statistic=psi',
      tags: ['credit', 'critical'],
    });
    expect(events[1]).toMatchObject({ title: 'ModelwatchSLOBurnRate', isRegion: false, tags: ['credit', 'page'] });
  });

  test('no alerts: an empty frame and no events', () => {
    const frames = alertFrames(matrix([]), 60_000);
    expect(frames[0]!.length).toBe(0);
    expect(alertEvents(frames)).toEqual([]);
  });
});
