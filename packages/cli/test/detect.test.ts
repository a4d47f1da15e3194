import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, scratchDir } from './run-cli';

interface DetectorCase {
  id: string;
  stream: number[];
  params?: Record<string, number>;
  expected: { drifts?: number[]; firstWarning?: number; firstWarningAfterEachDrift?: number[] };
}

const peers = JSON.parse(readFileSync(join(ROOT, 'packages/stats/test/fixtures/peers.json'), 'utf8')) as {
  detectors: DetectorCase[];
};
const byId = (id: string): DetectorCase => peers.detectors.find((c) => c.id === id)!;

function streamFile(values: number[]): string {
  const path = join(scratchDir(), 'stream.csv');
  writeFileSync(path, `error\n${values.join('\n')}\n`);
  return path;
}

describe('modelwatch detect replays River doctest streams', () => {
  it('ADWIN finds the change at 1023', () => {
    const r = cli([
      'detect',
      '--detector',
      'adwin',
      '--data',
      streamFile(byId('river-adwin-doctest').stream),
      '--column',
      'error',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ drifts: [1023], warnings: [] });
  });

  it('DDM reports its drift and the first warning before and after it', () => {
    const c = byId('river-ddm-doctest');
    const r = cli(['detect', '--detector', 'ddm', '--data', streamFile(c.stream), '--column', 'error']);
    expect(JSON.parse(r.stdout)).toEqual({
      drifts: c.expected.drifts,
      warnings: c.expected.firstWarningAfterEachDrift,
    });
  });

  it('EDDM takes its parameters from --param', () => {
    const c = byId('river-eddm-doctest');
    const r = cli([
      'detect',
      '--detector',
      'eddm',
      '--data',
      streamFile(c.stream),
      '--column',
      'error',
      '--param',
      'alpha=0.8',
      '--param',
      'beta=0.75',
    ]);
    const out = JSON.parse(r.stdout) as { drifts: number[]; warnings: number[] };
    expect(out.drifts[0]).toBe(c.expected.drifts![0]);
    expect(out.warnings[0]).toBe(c.expected.firstWarning);
  });
});
