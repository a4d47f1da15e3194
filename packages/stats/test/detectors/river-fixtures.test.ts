import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adwin } from '../../src/detectors/adwin.js';
import { createDetector } from '../../src/detectors/create.js';
import { runDetector } from '../../src/detectors/run.js';
import type { DetectorKind } from '../../src/detectors/types.js';

interface FixtureCase {
  id: string;
  kind: DetectorKind;
  params: Record<string, number | string>;
  stream: string;
  expected: { drifts: number[]; warnings: number[]; width?: number; total?: number; estimation?: number; m2?: number };
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/river-detectors.json'), 'utf8')) as {
  provenance: string;
  streams: Record<string, { recipe: string; values: number[] }>;
  cases: FixtureCase[];
};

function streamOf(c: FixtureCase): number[] {
  const s = fixture.streams[c.stream];
  if (!s) throw new Error(`missing stream ${c.stream}`);
  return s.values;
}

function expectRelativelyClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

const nonKswin = fixture.cases.filter((c) => c.kind !== 'kswin');
const kswin = fixture.cases.filter((c) => c.kind === 'kswin');

describe('River 0.26.1 fixtures (drift and warning indices)', () => {
  it('has cases for every detector', () => {
    expect(new Set(fixture.cases.map((c) => c.kind))).toEqual(
      new Set(['adwin', 'ddm', 'eddm', 'page-hinkley', 'kswin'])
    );
  });

  it.each(nonKswin.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const detector = createDetector(c.kind, c.params);
    expect(runDetector(detector, streamOf(c))).toEqual({ drifts: c.expected.drifts, warnings: c.expected.warnings });
    expect(detector.detections).toBe(c.expected.drifts.length);
  });

  it.each(kswin.map((c) => [c.id, c] as const))('%s (same seed as River)', (_id, c) => {
    expect(runDetector(createDetector('kswin', c.params), streamOf(c))).toEqual({
      drifts: c.expected.drifts,
      warnings: c.expected.warnings,
    });
  });

  const adwinWithState = nonKswin.filter((c) => c.kind === 'adwin');
  it.each(adwinWithState.map((c) => [c.id, c] as const))('%s: final window statistics', (_id, c) => {
    const adwin = new Adwin(c.params);
    runDetector(adwin, streamOf(c));
    expect(adwin.width).toBe(c.expected.width);
    // Values are held relative to the first one, so sums round differently from River's raw sums; the
    // tolerance is relative, about ten thousand ulps of River's accumulated sums.
    expectRelativelyClose(adwin.total, c.expected.total!, 1e-12);
    expectRelativelyClose(adwin.estimation, c.expected.estimation!, 1e-12);
    expectRelativelyClose(adwin.variance * adwin.width, c.expected.m2!, 1e-9);
  });
});
