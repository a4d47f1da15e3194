import type { ModelOverview } from '../../shared/overview';
import { byModelAndVersion, worstStatus } from './status';

describe('overview statuses', () => {
  it('takes the most severe status; unknown only when nothing is known', () => {
    expect(worstStatus(['ok', 'warning', 'unknown'])).toBe('warning');
    expect(worstStatus(['ok', 'critical', 'warning'])).toBe('critical');
    expect(worstStatus(['unknown', 'ok'])).toBe('ok');
    expect(worstStatus(['unknown'])).toBe('unknown');
    expect(worstStatus([])).toBe('unknown');
  });

  it('orders rows by model, then version with numbers compared as numbers', () => {
    const row = (model: string, version: string) => ({ model, version }) as ModelOverview;
    const sorted = [row('b', '1.0'), row('a', '1.10'), row('a', '1.9'), row('a', '1.2')].sort(byModelAndVersion);
    expect(sorted.map((r) => `${r.model} ${r.version}`)).toEqual(['a 1.2', 'a 1.9', 'a 1.10', 'b 1.0']);
  });
});
