import { eq, labelMatchers, metric, modelMatch } from '@modelwatch/promql';
import { LABEL, type LabelName, type MetricKey, type Naming } from '@modelwatch/semconv';
import type { PrometheusClient } from './prometheus/client';

/** A time range in unix seconds; label values are looked up among the series alive in it. */
export interface SecondsRange {
  start: number;
  end: number;
}

/**
 * The values the editor's pickers and the template variables offer, read from the label values of the
 * Modelwatch series. Every model exports its predictions and every profiled feature its reference shares,
 * so those series list models, versions and features even before traffic.
 */
export class Catalog {
  constructor(
    private readonly client: () => PrometheusClient,
    private readonly naming: Naming
  ) {}

  private values(
    label: LabelName,
    key: MetricKey,
    match: Record<string, string>,
    range?: SecondsRange,
    suffix = ''
  ): Promise<string[]> {
    const name = metric({ model: '', naming: this.naming }, key) + suffix;
    return this.client().labelValues(label, `${name}${labelMatchers(match)}`, range);
  }

  models(range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.modelName, 'predictions', {}, range);
  }

  versions(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.modelVersion, 'predictions', modelMatch({ model }), range);
  }

  features(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.feature, 'featureReferenceShare', modelMatch({ model }), range);
  }

  classes(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.predictionClass, 'predictions', modelMatch({ model }), range);
  }

  attributes(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.groupAttribute, 'groupPredictions', modelMatch({ model }), range);
  }

  groups(model: string, attribute: string, range?: SecondsRange): Promise<string[]> {
    return this.values(
      LABEL.groupValue,
      'groupPredictions',
      { ...modelMatch({ model }), [LABEL.groupAttribute]: eq(attribute) },
      range
    );
  }

  segments(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values(LABEL.segmentName, 'segmentPredictions', modelMatch({ model }), range);
  }

  segmentValues(model: string, segment: string, range?: SecondsRange): Promise<string[]> {
    return this.values(
      LABEL.segmentValue,
      'segmentPredictions',
      { ...modelMatch({ model }), [LABEL.segmentName]: eq(segment) },
      range
    );
  }

  /** Bucket boundaries of the duration histogram (latency thresholds must be one of them), in ascending order. */
  async boundaries(model: string, range?: SecondsRange): Promise<string[]> {
    const values = await this.values(LABEL.bucketBound, 'inferenceDuration', modelMatch({ model }), range, '_bucket');
    return values.filter((le) => Number.isFinite(Number(le))).sort((a, b) => Number(a) - Number(b));
  }
}

/** What the editor's pickers read (a test can give fixed lists). */
export type CatalogSource = Pick<
  Catalog,
  'models' | 'versions' | 'features' | 'classes' | 'attributes' | 'groups' | 'segments' | 'segmentValues' | 'boundaries'
>;
