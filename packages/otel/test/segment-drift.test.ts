// Drift per segment (the segmentDrift option): bin counts per segment value, scraped from the real SDK's
// exporter-prometheus. The expected bins are worked out from support/profiles.ts (see exposition.test.ts for the
// binning of income with 4 bins); the per-segment counts must also add up to the aggregate ones.
import { ATTR, BIN, METRICS, SELF_ERRORS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { parseExposition, promtoolCheck, select, startPrometheus, type Family } from './support/prometheus';
import { classificationProfile } from './support/profiles';

const MODEL = { name: 'credit', version: '2.0.0' };
const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');

/** Values of one feature's bins (in bin order) for one segment value, or undefined when nothing is exported. */
function segmentBins(
  families: Map<string, Family>,
  feature: string,
  segmentValue: string,
  bins: readonly string[]
): number[] | undefined {
  const where = (bin: string): Record<string, string> => ({
    [promLabel(ATTR.modelName)]: MODEL.name,
    [promLabel(ATTR.segmentName)]: 'channel',
    [promLabel(ATTR.segmentValue)]: segmentValue,
    [promLabel(ATTR.feature)]: feature,
    [promLabel(ATTR.bin)]: bin,
  });
  const samples = bins.map((b) => select(families, promName(METRICS.segmentFeatureValues), where(b)));
  if (samples.every((s) => s.length === 0)) return undefined;
  return samples.map((s) => {
    expect(s).toHaveLength(1);
    return s[0]!.value;
  });
}

function aggregateBins(families: Map<string, Family>, feature: string, bins: readonly string[]): number[] {
  return bins.map((bin) => {
    const s = select(families, promName(METRICS.featureValues), {
      [promLabel(ATTR.modelName)]: MODEL.name,
      [promLabel(ATTR.feature)]: feature,
      [promLabel(ATTR.bin)]: bin,
    });
    expect(s).toHaveLength(1);
    return s[0]!.value;
  });
}

const INCOME_BINS = ['0', '1', '2', '3'];
const REGION_BINS = ['north', 'south', BIN.other, BIN.missing];

describe('segmentDrift: bin counts per segment value in the scrape', () => {
  let families: Map<string, Family>;
  let text: string;

  beforeAll(async () => {
    const endpoint = await startPrometheus();
    const monitor = new ModelMonitor({
      model: MODEL,
      profile: classificationProfile(),
      meterProvider: endpoint.provider,
      segments: ['channel', 'country'],
      segmentDrift: { features: ['income', 'region'], segments: ['channel'] },
      bins: 4,
    });
    try {
      // income 1.5 → bin 0; north.
      monitor.recordPrediction({
        features: { income: 1.5, region: 'north' },
        score: 0.2,
        attributes: { channel: 'web' },
      });
      // income 3 (the reference maximum) → bin 3; east is not kept → __other__.
      monitor.recordPrediction({ features: { income: 3, region: 'east' }, score: 0.2, attributes: { channel: 'web' } });
      // income 2 splits 1/12, 5/12, 5/12, 1/12; region null → __missing__. The segment comes from the features.
      monitor.recordPrediction({ features: { income: 2, region: null, channel: 'app' }, score: 0.7 });
      // No channel: the __missing__ segment value. income 'abc' is counted in no bin, only as an issue.
      monitor.recordPrediction({ features: { income: 'abc' as unknown as number, region: 'south' }, score: 0.7 });
      text = await endpoint.scrape();
      families = parseExposition(text);
    } finally {
      monitor.shutdown();
      await endpoint.shutdown();
    }
  });

  it('passes promtool check metrics', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  });

  it('counts each listed feature into the bins of the segment value its record had', () => {
    expect(segmentBins(families, 'income', 'web', INCOME_BINS)).toEqual([1, 0, 0, 1]);
    const app = segmentBins(families, 'income', 'app', INCOME_BINS)!;
    [1 / 12, 5 / 12, 5 / 12, 1 / 12].forEach((v, i) => expect(app[i]).toBeCloseTo(v, 12));
    expect(segmentBins(families, 'region', 'web', REGION_BINS)).toEqual([1, 0, 1, 0]);
    expect(segmentBins(families, 'region', 'app', REGION_BINS)).toEqual([0, 0, 0, 1]);
    expect(segmentBins(families, 'region', BIN.missing, REGION_BINS)).toEqual([0, 1, 0, 0]);
  });

  it('exports a segment value for a feature only once it counted one of its values', () => {
    expect(segmentBins(families, 'income', BIN.missing, INCOME_BINS)).toBeUndefined();
    expect(segmentBins(families, 'income', BIN.other, INCOME_BINS)).toBeUndefined();
  });

  it('adds up, over the values of a segment, to the aggregate bin counts', () => {
    for (const [feature, bins] of [
      ['income', INCOME_BINS],
      ['region', REGION_BINS],
    ] as const) {
      const sum = bins.map(() => 0);
      for (const value of ['web', 'app', BIN.missing, BIN.other]) {
        (segmentBins(families, feature, value, bins) ?? []).forEach((v, i) => (sum[i]! += v));
      }
      const aggregate = aggregateBins(families, feature, bins);
      sum.forEach((v, i) => expect(v).toBeCloseTo(aggregate[i]!, 12));
    }
  });

  it('leaves out features and segments it does not list', () => {
    const samples = families.get(promName(METRICS.segmentFeatureValues))!.samples;
    expect(new Set(samples.map((s) => s.labels[promLabel(ATTR.feature)]))).toEqual(new Set(['income', 'region']));
    expect(new Set(samples.map((s) => s.labels[promLabel(ATTR.segmentName)]))).toEqual(new Set(['channel']));
  });
});

describe('segmentDrift: configuration fails fast, naming the option', () => {
  const provider = new MeterProvider();
  afterAll(() => provider.shutdown());
  const options = (segmentDrift: unknown, extra: Partial<ModelMonitorOptions> = {}): ModelMonitorOptions => ({
    model: { name: 'm', version: '1' },
    profile: classificationProfile(),
    meterProvider: provider,
    segments: ['channel'],
    segmentDrift: segmentDrift as ModelMonitorOptions['segmentDrift'],
    ...extra,
  });
  const message = (o: ModelMonitorOptions): string => {
    try {
      new ModelMonitor(o).shutdown();
    } catch (e) {
      expect(e).toBeInstanceOf(ModelMonitorConfigError);
      const text = (e as Error).message;
      expect(text).not.toContain('\n');
      return text;
    }
    throw new Error('expected a ModelMonitorConfigError');
  };

  it('accepts configured features and segments', () => {
    expect(() => new ModelMonitor(options({ features: ['income'], segments: ['channel'] })).shutdown()).not.toThrow();
  });

  it.each([
    [null, "option 'segmentDrift' must be"],
    [['income'], "option 'segmentDrift' must be"],
    [{ features: ['income'], segments: ['channel'], bins: 3 }, "option 'segmentDrift.bins' is not an option"],
    [{ features: [], segments: ['channel'] }, "option 'segmentDrift.features' must list 1 to"],
    [{ features: ['income'] }, "option 'segmentDrift.segments' must list 1 to"],
    [{ features: ['income', 'income'], segments: ['channel'] }, "option 'segmentDrift.features' lists 'income' twice"],
    [
      { features: ['salary'], segments: ['channel'] },
      'option \'segmentDrift.features\' names "salary", which is not a feature',
    ],
    [
      { features: ['score'], segments: ['channel'] },
      'option \'segmentDrift.features\' names "score", which is not a feature',
    ],
    [
      { features: ['afam'], segments: ['channel'] },
      'option \'segmentDrift.features\' names "afam", which is not a feature',
    ],
    [
      { features: ['income'], segments: ['country'] },
      'option \'segmentDrift.segments\' names "country", which is not a segment (channel): add it to segments',
    ],
  ])('rejects %j', (segmentDrift, expected) => {
    expect(message(options(segmentDrift))).toContain(expected);
  });

  it('refuses a configuration whose segment bins could pass the series budget, naming segmentDrift', () => {
    // 502 values of channel × (100 income bins + 4 region bins) = 52,208 series on their own; the same options
    // without segmentDrift fit the 20,000-series budget.
    const big = { attributeValueCap: 500, bins: 100 };
    expect(() => new ModelMonitor(options(undefined, big)).shutdown()).not.toThrow();
    expect(message(options({ features: ['income', 'region'], segments: ['channel'] }, big))).toMatch(
      /^ModelMonitor: option 'segmentDrift' could make the monitor export \d+ series, more than 20000 .*: list fewer features or segments, or lower attributeValueCap or bins$/
    );
  });
});

describe('segmentDrift: recording never throws', () => {
  it('contains a feature whose getter throws, and caps segment values at __other__', async () => {
    const endpoint = await startPrometheus();
    const monitor = new ModelMonitor({
      model: MODEL,
      profile: classificationProfile(),
      meterProvider: endpoint.provider,
      segments: ['channel'],
      segmentDrift: { features: ['region'], segments: ['channel'] },
      attributeValueCap: 2,
    });
    try {
      const hostile = Object.defineProperty({}, 'region', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      expect(() => monitor.recordPrediction({ features: hostile, attributes: { channel: 'web' } })).not.toThrow();
      for (const channel of ['a', 'b', 'c', 'd', 'e'])
        monitor.recordPrediction({ features: { region: 'north' }, score: 0.1, attributes: { channel } });
      const families = parseExposition(await endpoint.scrape());
      const values = new Set(
        families.get(promName(METRICS.segmentFeatureValues))!.samples.map((s) => s.labels[promLabel(ATTR.segmentValue)])
      );
      expect(values).toEqual(new Set(['a', 'b', BIN.other]));
      const errors = select(families, promName(METRICS.selfErrors), {
        [promLabel(ATTR.modelName)]: MODEL.name,
        [promLabel(ATTR.selfErrorKind)]: 'record',
      });
      expect(SELF_ERRORS).toContain('record');
      expect(errors[0]!.value).toBeGreaterThan(0);
    } finally {
      monitor.shutdown();
      await endpoint.shutdown();
    }
  });
});
