// What a scenario is: the traffic it sends, for how long, and the alerts it must raise — plain data, so the
// traffic generator, the demo's report, the README and the end-to-end test all read the same list.
import type { AlertMatcher } from '../alerts/alert-identity.js';
import type { Feature } from '../model/applicant.js';

export interface TrafficShape {
  /** Share of applicants drawn from one group of `afam`; absent: the data's own mix (14% 'yes'). */
  groupShare?: { value: 'yes' | 'no'; share: number };
  /** Inputs every applicant brings changed: multiplied, then shifted. */
  shifts?: { feature: Feature; multiply?: number; add?: number }[];
  /** Inputs changed for the applicants of one channel only: multiplied, then shifted. */
  channelShifts?: { channel: string; feature: Feature; multiply?: number; add?: number }[];
  /** For one group of `afam`, an input set to a value for a share of its applicants. */
  groupOverride?: { group: 'yes' | 'no'; feature: Feature; value: 'yes' | 'no'; share: number };
  /**
   * Pairs of numeric inputs whose contributions to the model's log-odds are exchanged (each takes the value that gives
   * it the other's SHAP value): every score stays what it was, what drives the decisions changes.
   */
  exchangeContributions?: [Feature, Feature][];
  /** Share of requests that take a slow path, and how long it takes (seconds, uniform in the range). */
  slow?: { share: number; seconds: [number, number] };
  /** How long after each decision its outcome is posted, in seconds at speed 1. */
  labelDelaySeconds: number;
  /** Share of approved applicants who are denied in the end: the outcome no longer follows the inputs as it did. */
  approvedThenDeniedShare?: number;
}

export interface Scenario {
  name: string;
  title: string;
  /** What happens, in the terms of the business. */
  story: string;
  /** At speed 1; `--speed N` runs it N times faster, with N times the traffic and N times shorter windows. */
  durationSeconds: number;
  traffic: TrafficShape;
  /** Alerts the scenario must raise. */
  raises: AlertMatcher[];
  /** Alerts it may raise as a side effect, each with the reason. */
  mayRaise: AlertMatcher[];
}
