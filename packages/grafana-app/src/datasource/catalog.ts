import { eq, metric } from '@modelwatch/promql';
import type { MetricKey, Naming } from '@modelwatch/semconv';
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
    label: string,
    key: MetricKey,
    match: Record<string, string>,
    range?: SecondsRange,
    suffix = ''
  ): Promise<string[]> {
    const name = metric({ model: '', naming: this.naming }, key) + suffix;
    const parts = Object.entries(match).map(([k, v]) => `${k}${v}`);
    return this.client().labelValues(label, `${name}{${parts.join(', ')}}`, range);
  }

  models(range?: SecondsRange): Promise<string[]> {
    return this.values('model_name', 'predictions', {}, range);
  }

  versions(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values('model_version', 'predictions', { model_name: eq(model) }, range);
  }

  features(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values('feature', 'featureReferenceShare', { model_name: eq(model) }, range);
  }

  classes(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values('prediction_class', 'predictions', { model_name: eq(model) }, range);
  }

  attributes(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values('group_attribute', 'groupPredictions', { model_name: eq(model) }, range);
  }

  groups(model: string, attribute: string, range?: SecondsRange): Promise<string[]> {
    return this.values(
      'group_value',
      'groupPredictions',
      { model_name: eq(model), group_attribute: eq(attribute) },
      range
    );
  }

  segments(model: string, range?: SecondsRange): Promise<string[]> {
    return this.values('segment_name', 'segmentPredictions', { model_name: eq(model) }, range);
  }

  segmentValues(model: string, segment: string, range?: SecondsRange): Promise<string[]> {
    return this.values(
      'segment_value',
      'segmentPredictions',
      { model_name: eq(model), segment_name: eq(segment) },
      range
    );
  }

  /** Bucket boundaries of the duration histogram (latency thresholds must be one of them), in ascending order. */
  async boundaries(model: string, range?: SecondsRange): Promise<string[]> {
    const values = await this.values('le', 'inferenceDuration', { model_name: eq(model) }, range, '_bucket');
    return values.filter((le) => Number.isFinite(Number(le))).sort((a, b) => Number(a) - Number(b));
  }
}

/** What the editor's pickers read (a test can give fixed lists). */
export type CatalogSource = Pick<
  Catalog,
  'models' | 'versions' | 'features' | 'classes' | 'attributes' | 'groups' | 'segments' | 'segmentValues' | 'boundaries'
>;
