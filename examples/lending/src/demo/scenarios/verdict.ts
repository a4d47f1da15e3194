// Did a scenario raise what it should, and only that?
import { LABEL } from '@modelwatch/semconv';
import { describeMatcher, matches, shortAlertName, type AlertMatcher } from '../alerts/alert-identity.js';
import type { Raised, Span } from '../alerts/attribution.js';
import type { Scenario } from './scenario.js';

export interface Verdict {
  scenario: Scenario;
  raised: Raised[];
  /** Required alerts that did not fire (or fired sooner than they could have). */
  missing: AlertMatcher[];
  /** Alerts neither required nor allowed, as `name (severity)`. */
  unexpected: string[];
  ok: boolean;
}

const fits = (m: AlertMatcher, r: Raised, severity: string): boolean =>
  matches(m, { ...r.labels, [LABEL.severity]: severity });

export function judge(scenario: Scenario, span: Span, raised: readonly Raised[], speed: number): Verdict {
  const missing = scenario.raises.filter(
    (m) =>
      !raised.some(
        (r) =>
          r.firstAt >= span.start + ((m.notBeforeSeconds ?? 0) * 1000) / speed &&
          r.severities.some((s) => fits(m, r, s))
      )
  );
  const allowed = [...scenario.raises, ...scenario.mayRaise];
  const unexpected = raised.flatMap((r) =>
    r.severities.filter((s) => !allowed.some((m) => fits(m, r, s))).map((s) => `${shortAlertName(r.labels)} (${s})`)
  );
  return { scenario, raised: [...raised], missing, unexpected, ok: missing.length === 0 && unexpected.length === 0 };
}

export function describeMissing(v: Verdict): string[] {
  return v.missing.map(describeMatcher);
}
