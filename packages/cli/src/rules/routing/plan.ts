import {
  ALERT_PREFIX,
  DEFAULTS,
  LABEL,
  SEVERITY_CLASS_ORDER,
  receiverName,
  severityPattern,
  type RouteTiming,
  type SeverityClass,
} from '@modelwatch/semconv';
import type { ModelwatchConfig } from '../config.js';

/** One label matcher, written the same way to Alertmanager and to Grafana. */
export interface Matcher {
  label: string;
  op: '=' | '=~';
  value: string;
}

/** A notification route in neither tool's syntax; each writer renders it. */
export interface Route {
  receiver: string;
  matchers: Matcher[];
  groupBy?: readonly string[];
  timing?: RouteTiming;
  routes?: Route[];
}

/** The receivers the routes name, in the order they appear, with the class and team each serves. */
/** How a route groups and times its notifications, in the field names Grafana and Alertmanager share. */
export interface RouteSettings {
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
}

export function routeSettings(route: Route): RouteSettings {
  return {
    ...(route.groupBy ? { group_by: [...route.groupBy] } : {}),
    ...(route.timing
      ? {
          group_wait: route.timing.groupWait,
          group_interval: route.timing.groupInterval,
          repeat_interval: route.timing.repeatInterval,
        }
      : {}),
  };
}

export interface Receiver {
  name: string;
  cls: SeverityClass;
  team?: string;
}

/**
 * The teams the config names (`labels.team`, a model's own label winning over the top-level one), sorted so the
 * generated files do not change with the order of the models. An empty value is no label in Prometheus.
 */
export function teamsOf(config: ModelwatchConfig): string[] {
  const teams = new Set<string>();
  for (const model of config.models) {
    const team = model.labels[LABEL.team] ?? config.labels[LABEL.team];
    if (team !== undefined && team !== '') teams.add(team);
  }
  return [...teams].sort();
}

function severityRoutes(team?: string): Route[] {
  return SEVERITY_CLASS_ORDER.map((cls) => ({
    receiver: receiverName(cls, team),
    matchers: [{ label: LABEL.severity, op: '=~', value: severityPattern(cls) }],
    timing: DEFAULTS.routing.timing[cls],
  }));
}

/**
 * One route that takes every Modelwatch alert and nothing else, so it can sit among an organisation's own
 * routes: a team's alerts go to that team's receivers, the others to the shared ones, each by severity class.
 */
export function modelwatchRoute(config: ModelwatchConfig): Route {
  return {
    receiver: receiverName('ticket'),
    matchers: [{ label: LABEL.alertName, op: '=~', value: `${ALERT_PREFIX}.*` }],
    groupBy: DEFAULTS.routing.groupBy,
    routes: [
      ...teamsOf(config).map((team) => ({
        receiver: receiverName('ticket', team),
        matchers: [{ label: LABEL.team, op: '=' as const, value: team }],
        routes: severityRoutes(team),
      })),
      ...severityRoutes(),
    ],
  };
}

/** Every receiver the route names, once each: the shared ones first, then each team's. */
export function receiversOf(config: ModelwatchConfig): Receiver[] {
  return [undefined, ...teamsOf(config)].flatMap((team) =>
    SEVERITY_CLASS_ORDER.map((cls) => ({ name: receiverName(cls, team), cls, ...(team === undefined ? {} : { team }) }))
  );
}
