// Frames exactly as the datasource returns them (src/shared/frames.ts), for the drift panel's tests; label names
// are literals on purpose, independent of the contract.
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME_KIND, type DriftBinsMeta, type DriftMeta, type Levels } from '../../shared/frames';

export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
export const HOUR = 3_600_000;

interface SeriesOptions {
  version?: string;
  statistic?: string;
  baseline?: DriftMeta['baseline'];
  levels?: Levels;
  /** Drift per segment: the segment value the series is of. */
  segment?: DriftMeta['segment'];
}

export function driftFrame(
  feature: string,
  times: number[],
  values: Array<number | null>,
  {
    version = '1',
    statistic = 'psi',
    baseline = 'reference',
    levels = { warning: 0.1, critical: 0.2 },
    segment,
  }: SeriesOptions = {}
): DataFrame {
  const meta: DriftMeta = { kind: FRAME_KIND.drift, statistic, window: '1h', baseline, feature, levels, segment };
  return createDataFrame({
    name: `${feature} lending ${version}`,
    refId: 'A',
    meta: { custom: meta },
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      {
        name: 'value',
        type: FieldType.number,
        values,
        labels: { model_name: 'lending', model_version: version, feature },
      },
    ],
  });
}

export function binsFrame(
  feature: string,
  bins: Array<[string, number, number]>,
  meta: Partial<Omit<DriftBinsMeta, 'kind' | 'feature'>> & { version?: string } = {}
): DataFrame {
  const { version = '1', ...rest } = meta;
  const custom: DriftBinsMeta = {
    kind: FRAME_KIND.driftBins,
    feature,
    statistic: 'psi',
    window: '1h',
    baseline: 'reference',
    value: NaN,
    count: 0,
    levels: { warning: 0.1, critical: 0.2 },
    ...rest,
  };
  // Tables carry the model in their meta, not on field labels.
  return createDataFrame({
    name: `${feature} lending ${version}`,
    refId: 'B',
    meta: { custom: { ...custom, model: 'lending', version } },
    fields: [
      { name: 'bin', type: FieldType.string, values: bins.map((b) => b[0]) },
      { name: 'reference', type: FieldType.number, values: bins.map((b) => b[1]) },
      { name: 'current', type: FieldType.number, values: bins.map((b) => b[2]) },
    ],
  });
}
