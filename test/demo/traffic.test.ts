// The traffic the scenarios send: the held-out applicants replayed in shuffled passes, reshaped exactly as
// each scenario says, the same for the same seed; late labels released in due order.
import { resolve } from 'node:path';
import { seededRandom } from '@modelwatch/stats';
import { readApplications } from '../../examples/lending/src/hmda';
import { SCENARIOS } from '../../examples/lending/src/demo/scenarios/catalogue';
import { selectScenarios } from '../../examples/lending/src/demo/scenarios/selection';
import { ApplicantStream, type Application } from '../../examples/lending/src/demo/traffic/applicant-stream';
import { LabelQueue } from '../../examples/lending/src/demo/traffic/label-queue';

const rows = readApplications(resolve(__dirname, '../../examples/lending/data/current.csv'));
const shape = (name: string) => SCENARIOS.find((s) => s.name === name)!.traffic;
const draw = (stream: ApplicantStream, n: number, name: string): Application[] =>
  Array.from({ length: n }, () => stream.next(shape(name)));
const key = (b: Application['body']): string =>
  JSON.stringify(
    Object.entries(b)
      .filter(([k]) => k !== 'channel')
      .sort()
  );

describe('the applicant stream', () => {
  it('sends every held-out applicant once per pass', () => {
    const stream = new ApplicantStream(rows, seededRandom(1));
    for (let pass = 0; pass < 2; pass++) {
      const sent = draw(stream, rows.length, 'steady')
        .map((a) => key(a.body))
        .sort();
      const data = new ApplicantStream(rows, () => 0);
      // The data itself, each row once, as the stream encodes it.
      const expected = rows.map(() => key(data.next({ labelDelaySeconds: 0 }).body)).sort();
      expect(sent).toEqual(expected);
    }
  });

  it('is the same sequence for the same seed', () => {
    const a = draw(new ApplicantStream(rows, seededRandom(7)), 500, 'bias-drift');
    const b = draw(new ApplicantStream(rows, seededRandom(7)), 500, 'bias-drift');
    expect(a).toEqual(b);
  });

  it('shifts payments-to-income by 25% and loan-to-value by 0.08 in the covariate drift', () => {
    const random = seededRandom(3);
    const plain = draw(new ApplicantStream(rows, seededRandom(3)), 300, 'steady');
    const shifted = draw(new ApplicantStream(rows, random), 300, 'covariate-drift');
    shifted.forEach((a, i) => {
      expect(a.body.pirat).toBe((plain[i]!.body.pirat as number) * 1.25);
      expect(a.body.lvrat).toBe((plain[i]!.body.lvrat as number) + 0.08);
      expect(a.body.hirat).toBe(plain[i]!.body.hirat);
    });
  });

  it('draws 45% of applicants from the group in the demographic shift (the data has 14%)', () => {
    const n = 8_000;
    const share =
      draw(new ApplicantStream(rows, seededRandom(5)), n, 'demographic-shift').filter((a) => a.body.afam === 'yes')
        .length / n;
    // Four standard deviations of a binomial share.
    expect(Math.abs(share - 0.45)).toBeLessThan(4 * Math.sqrt((0.45 * 0.55) / n));
    expect(rows.filter((r) => r.afam === 'yes').length / rows.length).toBeCloseTo(0.144, 3);
  });

  it('sets denied insurance for 70% of one group only in the bias drift', () => {
    const sent = draw(new ApplicantStream(rows, seededRandom(9)), 12_000, 'bias-drift');
    const share = (group: string): number => {
      const g = sent.filter((a) => a.body.afam === group);
      return g.filter((a) => a.body.insurance === 'yes').length / g.length;
    };
    const base = (group: string): number =>
      rows.filter((r) => r.afam === group && r.insurance === 'yes').length /
      rows.filter((r) => r.afam === group).length;
    // 70% of the group's applicants whose insurance was not refused now are: base + 0.7 (1 - base).
    const expected = base('yes') + 0.7 * (1 - base('yes'));
    const n = sent.filter((a) => a.body.afam === 'yes').length;
    expect(Math.abs(share('yes') - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n) + 1 / n);
    // Passes are whole, so the other group's share is the data's within one partial pass.
    expect(Math.abs(share('no') - base('no'))).toBeLessThan(0.01);
  });
});

describe('the label queue', () => {
  it('releases labels when due, across delays, in due order within a delay', () => {
    const q = new LabelQueue();
    q.add(5_000, { id: 'a', actual: 'no' }, 0);
    q.add(30_000, { id: 'b', actual: 'yes' }, 1_000);
    q.add(5_000, { id: 'c', actual: 'yes' }, 2_000);
    expect(q.due(4_999)).toEqual([]);
    expect(q.due(7_000).map((l) => l.id)).toEqual(['a', 'c']);
    expect(q.size).toBe(1);
    expect(q.due(31_000).map((l) => l.id)).toEqual(['b']);
    expect(q.size).toBe(0);
  });
});

describe('scenario selection', () => {
  it('keeps the catalogue order and names the choices on a typo', () => {
    expect(selectScenarios(['late-labels', 'steady']).map((s) => s.name)).toEqual(['steady', 'late-labels']);
    expect(() => selectScenarios(['stedy'])).toThrow(
      `unknown scenario 'stedy': choose from ${SCENARIOS.map((s) => s.name).join(', ')}`
    );
  });
});
