import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoricalDrift, psi, psiZeroReplacement, PSI_EPSILON } from '../../src/index';

interface EvidentlyCase {
  id: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  psi: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/evidently-psi.json'), 'utf8')) as {
  cases: EvidentlyCase[];
};

describe("PSI's zero-share rules", () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))(
    "'evidently' reproduces Evidently 0.7's categorical PSI (%s)",
    (_id, c) => {
      const value = categoricalDrift(c.reference, c.current, { psiZeroShare: 'evidently' }).psi;
      expect(Math.abs(value - c.psi)).toBeLessThanOrEqual(1e-12 * Math.max(1e-6, Math.abs(c.psi)));
    }
  );

  it("the default 'epsilon' rule differs from Evidently exactly where a side with an empty category has a share at or below 1e-4", () => {
    for (const c of fixture.cases) {
      const fixed = categoricalDrift(c.reference, c.current).psi;
      const total = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
      const keys = new Set([...Object.keys(c.reference), ...Object.keys(c.current)]);
      const tiny = [c.reference, c.current].some(
        (side) => [...keys].some((k) => !(k in side)) && Object.values(side).some((n) => n / total(side) <= PSI_EPSILON)
      );
      if (tiny) expect(Math.abs(fixed - c.psi)).toBeGreaterThan(1e-9);
      else expect(fixed).toBeCloseTo(c.psi, 12);
    }
  });

  it('replaces zeros per side by the hand-computed share', () => {
    expect(psiZeroReplacement([0.5, 0.5, 0], 'evidently')).toBe(1e-4);
    expect(psiZeroReplacement([0.99995, 0.00005, 0], 'evidently')).toBeCloseTo(5e-11, 24);
    expect(psiZeroReplacement([0.9999, 0.0001, 0], 'evidently')).toBeCloseTo(1e-10, 24);
    expect(psiZeroReplacement([0.9999, 0.0001, 0], 'epsilon')).toBe(1e-4);
    // By hand: p's zero becomes 5e-5 / 1e6 (its smallest share is tiny), q's zeros 1e-4 (its smallest is 0.25).
    const p = [0.5, 0.5 - 5e-5, 5e-5, 0];
    const q = [0.25, 0.75, 0, 0];
    const zp = 5e-5 / 1e6;
    const zq = 1e-4;
    const expected =
      (0.25 - 0.5) * Math.log(0.25 / 0.5) +
      (0.75 - (0.5 - 5e-5)) * Math.log(0.75 / (0.5 - 5e-5)) +
      (zq - 5e-5) * Math.log(zq / 5e-5) +
      (zq - zp) * Math.log(zq / zp);
    expect(psi(p, q, { zeroShare: 'evidently' })).toBeCloseTo(expected, 14);
    expect(psi(p, q)).toBe(psi(p, q, PSI_EPSILON));
  });
});
