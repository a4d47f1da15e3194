import { SEVERITY, type Severity } from './values.js';

/**
 * Where alerts go: `modelwatch alerts` routes by severity class and, when models name a team, by team. Users
 * refer to these names from their own Alertmanager and Grafana configs, so they are part of the contract.
 */

/** The two ways an alert reaches people: someone is paged now, or a ticket is opened for working hours. */
export type SeverityClass = 'page' | 'ticket';

/** The severities of each class (burn-rate and level severities side by side). */
export const SEVERITY_CLASSES: Readonly<Record<SeverityClass, readonly Severity[]>> = Object.freeze({
  page: Object.freeze([SEVERITY.page, SEVERITY.critical]),
  ticket: Object.freeze([SEVERITY.ticket, SEVERITY.warning]),
});

/** The classes in routing order: the page route comes first. */
export const SEVERITY_CLASS_ORDER: readonly SeverityClass[] = Object.freeze(['page', 'ticket'] as const);

/** `page|critical`: the regex a `severity=~` matcher of the class uses. */
export function severityPattern(cls: SeverityClass): string {
  return SEVERITY_CLASSES[cls].join('|');
}

/** Every receiver (Alertmanager) and contact point (Grafana) `modelwatch alerts` names starts with this. */
export const RECEIVER_PREFIX = 'modelwatch';

/**
 * `modelwatch-page`, or `modelwatch-team-<team>-page` for a team's alerts. The class ends the name, so two
 * teams or classes never share a receiver.
 */
export function receiverName(cls: SeverityClass, team?: string): string {
  return team === undefined ? `${RECEIVER_PREFIX}-${cls}` : `${RECEIVER_PREFIX}-team-${team}-${cls}`;
}

/** The files `modelwatch alerts` writes. */
export const ALERT_FILES = Object.freeze({
  /** Grafana file provisioning: the alert rules. */
  grafanaRules: 'modelwatch-alert-rules.yaml',
  /** Grafana file provisioning: example contact points, added alongside the org's own. */
  grafanaContactPoints: 'modelwatch-contact-points.yaml',
  /** Not a provisioning file: the `routes:` to paste under an existing Grafana notification policy. */
  grafanaRoutesSnippet: 'modelwatch-notification-routes.snippet.yaml',
  /** Grafana file provisioning of the whole policy tree: only with `--replace-policy-tree`. */
  grafanaPolicyTree: 'modelwatch-notification-policies.yaml',
  /** Not an Alertmanager config: `route.routes` and `receivers` to merge into one. */
  alertmanagerSnippet: 'modelwatch-alertmanager-routes.snippet.yaml',
});
