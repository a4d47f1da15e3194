import { DEFAULTS, INTERSECTION_SEPARATOR, POLICY, POLICY_NAMES, policyByName } from '@modelwatch/semconv';

// The published names, as literals: configs, reports and alerts spell them so.
describe('policy packs', () => {
  it('names, legal references and who sets the threshold', () => {
    expect(POLICY_NAMES).toEqual(['four-fifths', 'nyc-ll144']);
    expect(POLICY.fourFifths.reference).toContain('29 CFR 1607.4(D)');
    expect(POLICY.fourFifths.thresholdSource).toBe('law');
    expect(POLICY.nycLl144.reference).toContain('Local Law 144 of 2021');
    expect(POLICY.nycLl144.reference).toContain('6 RCNY §5-300');
    expect(POLICY.nycLl144.thresholdSource).toBe('organisation');
    expect(policyByName('nyc-ll144')).toBe(POLICY.nycLl144);
    expect(policyByName('gdpr')).toBeUndefined();
    expect(Object.isFrozen(POLICY) && Object.isFrozen(POLICY.fourFifths) && Object.isFrozen(POLICY_NAMES)).toBe(true);
  });

  it('the intersection separator and the defaults', () => {
    expect(INTERSECTION_SEPARATOR).toBe(' × ');
    expect(DEFAULTS.policies).toEqual({ threshold: 0.8, excludeBelow: 0.02, alpha: 0.05, window: '1d', for: '30m' });
    expect(Object.isFrozen(DEFAULTS.policies)).toBe(true);
  });
});
