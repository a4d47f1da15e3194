import { Document, isMap, isSeq } from 'yaml';
import type { ModelwatchConfig } from '../config.js';
import { HEADER } from '../write.js';
import { modelwatchRoute, receiversOf, routeSettings, type Receiver, type Route, type RouteSettings } from './plan.js';

/** An Alertmanager route as its config file writes it. */
export interface AlertmanagerRoute extends RouteSettings {
  receiver: string;
  matchers: string[];
  routes?: AlertmanagerRoute[];
}

/** A matcher value in double quotes, escaped as Alertmanager's matcher parser reads it. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function toAlertmanager(route: Route): AlertmanagerRoute {
  return {
    receiver: route.receiver,
    matchers: route.matchers.map((m) => `${m.label}${m.op}${quoted(m.value)}`),
    ...routeSettings(route),
    ...(route.routes ? { routes: route.routes.map(toAlertmanager) } : {}),
  };
}

/** The Modelwatch route, to go under an existing `route.routes`; it matches Modelwatch alerts only. */
export function alertmanagerRoutes(config: ModelwatchConfig): AlertmanagerRoute[] {
  return [toAlertmanager(modelwatchRoute(config))];
}

/** Commented examples of the integrations that fit the receiver's class; a receiver without one drops alerts. */
function examples(r: Receiver): string[] {
  const team = r.team?.replace(/[\r\n]+/g, ' ');
  if (r.cls === 'page')
    return [
      ` Pages${team === undefined ? '' : ` for team ${team}`}: uncomment one integration and fill in your key.`,
      ' PagerDuty (Events API v2):',
      ' pagerduty_configs:',
      '   - routing_key: <PagerDuty integration key>',
      ' Opsgenie:',
      ' opsgenie_configs:',
      '   - api_key: <Opsgenie API key>',
      '     priority: P1',
      ...(team === undefined ? [] : [`     responders: [{ type: team, name: ${JSON.stringify(team)} }]`]),
    ];
  return [
    ` Tickets${team === undefined ? '' : ` for team ${team}`}: uncomment one integration and fill in your endpoint.`,
    ' ServiceNow, through a webhook (a Scripted REST API or an Alertmanager connector of your instance):',
    ' webhook_configs:',
    '   - url: https://<instance>.service-now.com/api/<namespace>/<api>',
    '     send_resolved: true',
    ' Slack:',
    ' slack_configs:',
    '   - api_url: <Slack incoming webhook URL>',
    `     channel: ${JSON.stringify(`#${team ?? 'ml'}-alerts`)}`,
    '     send_resolved: true',
  ];
}

/**
 * `route.routes` and `receivers` to merge into an existing Alertmanager config. Each receiver carries its
 * integrations as comments: a receiver without one is valid and silent, so the merged config loads as it is.
 */
export function alertmanagerSnippet(config: ModelwatchConfig): string {
  const receivers = receiversOf(config);
  const doc = new Document(
    { route: { routes: alertmanagerRoutes(config) }, receivers: receivers.map((r) => ({ name: r.name })) },
    { aliasDuplicateObjects: false }
  );
  const list = doc.get('receivers');
  if (isSeq(list))
    list.items.forEach((item, i) => {
      if (isMap(item)) item.comment = examples(receivers[i]!).join('\n');
    });
  return (
    HEADER +
    [
      '# Not an Alertmanager config: merge it into yours. Add the route under your `route.routes`, above any route',
      '# that would take Modelwatch alerts first (it matches Modelwatch alerts only, by severity and by team), and',
      '# the receivers to your `receivers`, each with one integration filled in. Then: amtool check-config <file>',
    ].join('\n') +
    '\n' +
    doc.toString({ lineWidth: 0 })
  );
}
