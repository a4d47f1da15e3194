import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '@modelwatch/semconv';
import { DEFAULT_MIN_GROUP_SIZE } from '@modelwatch/stats';
import { defaultPolicy, loadPolicy } from '../../src/check/policy';

const off = { warning: null, critical: null };

function policyFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'modelwatch-policy-')), 'check.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('check policy', () => {
  // Literals on purpose: the documented defaults (docs/statistics.md) as an oracle independent of the catalogue
  // the policy is built from.
  it('defaults to the documented levels', () => {
    expect(defaultPolicy()).toEqual({
      bins: 10,
      alpha: 0.01,
      // SageMaker Clarify's feature-attribution drift level.
      attributionNdcg: { warning: 0.9, critical: null },
      drift: {
        psi: { warning: 0.1, critical: 0.2 },
        jensenShannon: { warning: 0.1, critical: null },
        ksPValue: off,
        wasserstein: off,
        chiSquarePValue: off,
        newCategoryShare: { warning: 0.05, critical: null },
      },
      driftColumns: {},
      missingShareIncrease: { warning: 0.1, critical: null },
      invalidShare: { warning: 0.01, critical: null },
      maxDrop: { accuracy: { warning: 0.05, critical: null }, f1: { warning: 0.05, critical: null } },
      minGroupSize: 30,
      fairnessFloors: { disparateImpact: { warning: 0.8, critical: null } },
      fairnessCeilings: {},
      packs: [],
    });
  });

  it('judges groups by the same minimum size as the statistics and the instrumentation', () => {
    expect(DEFAULTS.minGroupSize).toBe(DEFAULT_MIN_GROUP_SIZE);
  });

  it('files floors and ceilings by the direction of trouble', () => {
    const policy = loadPolicy(
      policyFile(
        [
          'fairness:',
          '  demographicParityRatio: { warning: 0.9 }',
          '  fnrDifference: { critical: 0.2 }',
          'drift:',
          '  ksPValue: { warning: 0.01 }',
          '  columns:',
          '    income: { psi: { critical: 0.5 } }',
          'performance:',
          '  maxDrop: { rocAuc: { warning: 0.02 } }',
        ].join('\n')
      )
    );
    expect(policy.fairnessFloors).toEqual({
      disparateImpact: { warning: 0.8, critical: null },
      demographicParityRatio: { warning: 0.9, critical: null },
    });
    expect(policy.fairnessCeilings).toEqual({ fnrDifference: { warning: null, critical: 0.2 } });
    expect(policy.drift.ksPValue).toEqual({ warning: 0.01, critical: null });
    expect(policy.driftColumns).toEqual({ income: { psi: { warning: 0.1, critical: 0.5 } } });
    expect(policy.maxDrop.rocAuc).toEqual({ warning: 0.02, critical: null });
  });

  it('names the key of an unknown statistic', () => {
    expect(() => loadPolicy(policyFile('fairness:\n  fprDifference: { warning: 0.1 }\n'))).toThrow(
      /unknown key fairness.fprDifference \(known: minGroupSize, disparateImpact, demographicParityRatio, /
    );
  });
});
