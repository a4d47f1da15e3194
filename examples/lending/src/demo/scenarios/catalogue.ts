// The demo's scenarios, in the order they run. Numbers are chosen so each effect sits far from its alert's
// level on the replayed data (see the README's table): steady traffic keeps every PSI below 0.04, disparate
// impact near 0.28 and accuracy near 0.90. Bias drift follows traffic whose group mix is the data's own: after
// the demographic shift, the window would hold so many unbiased applicants of the group that the fall of
// disparate impact would lag.
import { ALERT, BINARY_PERFORMANCE, FAIRNESS, LABEL, SEVERITY, SOURCE } from '@modelwatch/semconv';
import { alertMatcher } from '../alerts/alert-identity.js';
import type { Scenario } from './scenario.js';

/** Predictions per second at speed 1 (a 1-minute window holds 2,400). */
export const PREDICTIONS_PER_SECOND = 40;
/** Seed of every random choice of the traffic: the same run sends the same applicants in the same order. */
export const TRAFFIC_SEED = 20_261_123;
/** Outcomes of ordinary traffic arrive this long after the decision (seconds at speed 1). */
const LABEL_DELAY = 5;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'steady',
    title: 'Steady state',
    story:
      'Applicants as the model knew them: the half of the HMDA data it was not trained on, replayed in shuffled passes. Outcomes arrive 5 s after each decision.',
    durationSeconds: 40,
    traffic: { labelDelaySeconds: LABEL_DELAY },
    raises: [],
    mayRaise: [],
  },
  {
    name: 'segment-drift',
    title: 'Drift in one channel',
    story:
      'Brokers start writing bigger loans: loan-to-value (lvrat) rises by 0.03 for applications through brokers, a quarter of the traffic. The whole population barely moves (its PSI stays below 0.1); the broker channel does (PSI about 0.4).',
    durationSeconds: 50,
    traffic: {
      labelDelaySeconds: LABEL_DELAY,
      channelShifts: [{ channel: 'broker', feature: 'lvrat', add: 0.03 }],
    },
    raises: [
      alertMatcher(ALERT.segmentDriftPsi, {
        [LABEL.feature]: 'lvrat',
        [LABEL.segmentName]: 'channel',
        [LABEL.segmentValue]: 'broker',
      }),
    ],
    mayRaise: [],
  },
  {
    name: 'covariate-drift',
    title: 'Covariate drift',
    story:
      "Rates rise: every applicant's payments-to-income ratio (pirat) grows by 25% and loan-to-value (lvrat) by 0.08. The model scores them as trained, so its scores move too (prediction drift).",
    durationSeconds: 50,
    traffic: {
      labelDelaySeconds: LABEL_DELAY,
      shifts: [
        { feature: 'pirat', multiply: 1.25 },
        { feature: 'lvrat', add: 0.08 },
      ],
    },
    raises: [
      alertMatcher(ALERT.featureDriftPsi, { [LABEL.feature]: 'pirat' }),
      alertMatcher(ALERT.featureDriftPsi, { [LABEL.feature]: 'lvrat' }),
      alertMatcher(ALERT.featureDriftPsi, { [LABEL.feature]: 'score' }),
    ],
    mayRaise: [
      alertMatcher(
        ALERT.segmentDriftPsi,
        { [LABEL.feature]: 'pirat' },
        { why: 'every channel drifts with the population, so each channel of the inputs counted per channel does too' }
      ),
      alertMatcher(
        ALERT.segmentDriftPsi,
        { [LABEL.feature]: 'lvrat' },
        { why: 'every channel drifts with the population, so each channel of the inputs counted per channel does too' }
      ),
    ],
  },
  {
    name: 'demographic-shift',
    title: 'Demographic shift',
    story:
      'A new broker brings many more African American applicants: their share rises from 14% to 45%. The model does not use the attribute; Modelwatch watches its distribution all the same.',
    durationSeconds: 60,
    traffic: { labelDelaySeconds: LABEL_DELAY, groupShare: { value: 'yes', share: 0.45 } },
    raises: [alertMatcher(ALERT.featureDriftPsi, { [LABEL.feature]: 'afam' })],
    mayRaise: [
      alertMatcher(
        ALERT.featureDriftPsi,
        { [LABEL.feature]: 'score', [LABEL.severity]: SEVERITY.warning },
        {
          why: "the group's applicants carry more debt on average, so the scores shift a little with the mix (PSI about 0.09)",
        }
      ),
    ],
  },
  {
    name: 'latency-regression',
    title: 'Latency regression',
    story:
      'A slow dependency: 40% of requests take 0.3-0.8 s instead of a millisecond. The latency SLO (99% within 250 ms) burns its error budget 40 times too fast.',
    durationSeconds: 50,
    traffic: { labelDelaySeconds: LABEL_DELAY, slow: { share: 0.4, seconds: [0.3, 0.8] } },
    raises: [alertMatcher(ALERT.sloBurnRate, { [LABEL.slo]: 'latency' })],
    mayRaise: [],
  },
  {
    name: 'bias-drift',
    title: 'Bias drift',
    story:
      'The mortgage insurer starts refusing 70% of African American applicants, and the model, which trusts that input, denies them: denials rise for one group only, and disparate impact falls below its floor.',
    durationSeconds: 60,
    traffic: {
      labelDelaySeconds: LABEL_DELAY,
      groupOverride: { group: 'yes', feature: 'insurance', value: 'yes', share: 0.7 },
    },
    raises: [
      alertMatcher(ALERT.fairness, {
        [LABEL.statistic]: FAIRNESS.disparateImpact.label,
        [LABEL.groupAttribute]: 'afam',
      }),
    ],
    mayRaise: [
      alertMatcher(
        ALERT.featureDriftPsi,
        { [LABEL.feature]: 'insurance' },
        {
          why: 'the input that carries the bias drifts too (PSI about 0.18 once the window is full): the clue to the cause',
        }
      ),
    ],
  },
  {
    name: 'late-labels',
    title: 'Late labels',
    story:
      'Underwriting tightens: 35% of the applicants the model approves are denied in the end, and those outcomes arrive 30 s after the decision instead of 5 s. The label-free estimate cannot see a change in how outcomes follow inputs; realized accuracy falls below its floor once the labels land.',
    durationSeconds: 80,
    traffic: { labelDelaySeconds: 30, approvedThenDeniedShare: 0.35 },
    raises: [
      alertMatcher(
        ALERT.performanceBelowFloor,
        { [LABEL.metric]: BINARY_PERFORMANCE.accuracy.key, [LABEL.source]: SOURCE.realized },
        { notBeforeSeconds: 30 }
      ),
    ],
    mayRaise: [
      alertMatcher(
        ALERT.performanceBelowFloor,
        { [LABEL.metric]: BINARY_PERFORMANCE.f1.key, [LABEL.source]: SOURCE.realized },
        { why: 'the missed denials lower recall, and F1 with it (to about 0.15)' }
      ),
    ],
  },
  {
    name: 'explanation-drift',
    title: 'Explanation drift',
    story:
      "A new data vendor: what the model reads as the payments-to-income ratio (pirat) and the housing-expense ratio (hirat) now carry each other's weight. Every score is what it was, so score drift sees nothing; the attributions the service records do: pirat, the input that drove decisions most, now drives them least, and the nDCG of the importance ranking falls below 0.9.",
    durationSeconds: 50,
    traffic: { labelDelaySeconds: LABEL_DELAY, exchangeContributions: [['pirat', 'hirat']] },
    raises: [],
    mayRaise: [
      alertMatcher(
        ALERT.featureDriftPsi,
        { [LABEL.feature]: 'pirat' },
        { why: 'the inputs whose contributions were exchanged change their own distributions' }
      ),
      alertMatcher(
        ALERT.featureDriftPsi,
        { [LABEL.feature]: 'hirat' },
        { why: 'the inputs whose contributions were exchanged change their own distributions' }
      ),
      alertMatcher(
        ALERT.segmentDriftPsi,
        { [LABEL.feature]: 'pirat' },
        { why: 'every channel drifts with the population' }
      ),
      alertMatcher(
        ALERT.dataQuality,
        { [LABEL.feature]: 'hirat' },
        { why: 'hirat now takes values outside the reference range' }
      ),
      alertMatcher(
        ALERT.dataQuality,
        { [LABEL.feature]: 'pirat' },
        { why: 'pirat now takes values outside the reference range' }
      ),
    ],
  },
];
