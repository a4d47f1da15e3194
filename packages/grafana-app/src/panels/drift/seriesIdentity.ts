import type { DataFrame } from '@grafana/data';
import { LABEL } from '@modelwatch/semconv';
import { metaOf, type DriftBinsMeta, type DriftMeta } from '../../shared/frames';
import { modelVersionOf, seriesLabels, varyingDimensions, versionTag } from '../common/frameFields';
import { baselineName, statisticName } from './statistics';

/** What tells one drift series (or bin frame) from another. */
export interface SeriesIdentity {
  feature: string;
  model: string;
  version: string;
  statistic: string;
  baseline: string;
  /** `channel=web` for drift per segment: each segment value is its own row. */
  segment: string;
}

const DIMENSIONS = ['model', 'version', 'statistic', 'baseline', 'segment'] as const;
type Dimension = (typeof DIMENSIONS)[number];

export function identityOf(frame: DataFrame): SeriesIdentity {
  // A bins meta has every field of a series meta, plus the model (series carry it on their labels).
  const meta: Partial<Omit<DriftBinsMeta, 'kind'>> = metaOf<DriftMeta | DriftBinsMeta>(frame);
  return {
    feature: meta.feature ?? seriesLabels(frame)[LABEL.feature] ?? frame.name ?? '',
    ...modelVersionOf(frame, meta),
    statistic: meta.statistic ?? '',
    baseline: meta.baseline ?? '',
    segment: meta.segment === undefined ? '' : `${meta.segment.name}=${meta.segment.value}`,
  };
}

/** The dimensions besides the feature that differ between the series, i.e. the ones rows must show. */
export function distinguishingDimensions(identities: SeriesIdentity[]): Dimension[] {
  return varyingDimensions(identities, DIMENSIONS);
}

function tagOf(identity: SeriesIdentity, dimension: Dimension): string {
  switch (dimension) {
    case 'model':
      return identity.model;
    case 'version':
      return versionTag(identity.version);
    case 'statistic':
      return statisticName(identity.statistic);
    case 'baseline':
      return baselineName(identity.baseline);
    case 'segment':
      return identity.segment === '' ? 'all' : identity.segment;
  }
}

/** Short tags shown after the feature name, e.g. ["v2"] when two model versions are on the panel. */
export function tagsOf(identity: SeriesIdentity, dimensions: Dimension[]): string[] {
  return dimensions.map((d) => tagOf(identity, d));
}

/** A stable row key for data-testids: the feature, then the raw values of the distinguishing dimensions. */
export function keyOf(identity: SeriesIdentity, dimensions: Dimension[]): string {
  return [identity.feature, ...dimensions.map((d) => identity[d])].join('@');
}
