import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adwin } from '../../src/detectors/adwin.js';
import { createDetector } from '../../src/detectors/create.js';
import { runDetector } from '../../src/detectors/run.js';

interface PeerCase {
  id: string;
  source: string;
  stream: number[];
  params?: Record<string, number>;
  expected: Record<string, unknown>;
}

const peers = JSON.parse(readFileSync(join(__dirname, '../fixtures/peers.json'), 'utf8')) as { detectors: PeerCase[] };
const byId = new Map(peers.detectors.map((c) => [c.id, c]));

function peerCase(id: string): PeerCase {
  const c = byId.get(id);
  if (!c) throw new Error(`peers.json has no detectors case ${id}`);
  return c;
}

describe('peers.json detector cases (River doctests and regression tests)', () => {
  it('covers every detectors case in peers.json', () => {
    expect([...byId.keys()].sort()).toEqual(
      [
        'river-adwin-doctest',
        'river-pagehinkley-doctest',
        'river-ddm-doctest',
        'river-eddm-doctest',
        'river-adwin-four-segments',
        'river-adwin-basic',
        'river-adwin-constant',
      ].sort()
    );
  });

  it('river-adwin-doctest: ADWIN with defaults detects the change at 1023', () => {
    const c = peerCase('river-adwin-doctest');
    expect(runDetector(createDetector('adwin'), c.stream).drifts).toEqual(c.expected.drifts);
  });

  it('river-adwin-four-segments: the full bucket loop gives [1023, 2015, 3007]', () => {
    const c = peerCase('river-adwin-four-segments');
    const { drifts } = runDetector(createDetector('adwin'), c.stream);
    expect(drifts).toEqual(c.expected.drifts);
    // The variant whose loop skips each row's last bucket is the one this case rules out.
    expect(drifts).not.toEqual([1023, 2047, 3039]);
  });

  it('river-adwin-basic: total, estimation and width after 1..5', () => {
    const c = peerCase('river-adwin-basic');
    const adwin = new Adwin();
    const { drifts } = runDetector(adwin, c.stream);
    expect(drifts).toEqual(c.expected.drifts);
    expect(adwin.total).toBe(c.expected.total);
    expect(adwin.estimation).toBe(c.expected.estimation);
    expect(adwin.width).toBe(c.expected.width);
    expect(adwin.state()).toMatchObject({ total: 15, estimation: 3, width: 5, variance: 2, n_detections: 0 });
  });

  it('river-adwin-constant: no drift on 5000 ones', () => {
    const c = peerCase('river-adwin-constant');
    const adwin = new Adwin();
    expect(runDetector(adwin, c.stream).drifts).toEqual(c.expected.drifts);
    expect(adwin.width).toBe(5000);
    expect(adwin.estimation).toBe(1);
  });

  it('river-pagehinkley-doctest: Page–Hinkley with defaults detects the change at 1006', () => {
    const c = peerCase('river-pagehinkley-doctest');
    expect(runDetector(createDetector('page-hinkley'), c.stream).drifts).toEqual(c.expected.drifts);
  });

  it('river-ddm-doctest: drift at 1334, first warnings at 1084 and 1492', () => {
    const c = peerCase('river-ddm-doctest');
    const { drifts, warnings } = runDetector(createDetector('ddm'), c.stream);
    expect(drifts).toEqual(c.expected.drifts);
    expect(warnings).toEqual(c.expected.firstWarningAfterEachDrift);
  });

  it('river-eddm-doctest: EDDM(alpha 0.8, beta 0.75) warns first at 1059 and drifts at 1278', () => {
    const c = peerCase('river-eddm-doctest');
    expect(c.params).toEqual({ alpha: 0.8, beta: 0.75 });
    const { drifts, warnings } = runDetector(createDetector('eddm', c.params), c.stream);
    expect(drifts).toEqual(c.expected.drifts);
    expect(warnings[0]).toBe(c.expected.firstWarning);
  });
});
