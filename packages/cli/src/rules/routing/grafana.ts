import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { DEFAULTS, receiverName } from '@modelwatch/semconv';
import type { ModelwatchConfig } from '../config.js';
import { notificationProblems, UID_PATTERN } from '../grafana-rules.js';
import { escapeProvisioningVariables } from '../grafana-env.js';
import { HEADER, toYaml } from '../write.js';
import { modelwatchRoute, receiversOf, routeSettings, type Route, type RouteSettings } from './plan.js';

/** A Grafana notification policy, as file provisioning and the policy export write it. */
export interface GrafanaPolicy extends RouteSettings {
  receiver: string;
  object_matchers?: [string, string, string][];
  routes?: GrafanaPolicy[];
}

function toGrafana(route: Route): GrafanaPolicy {
  return {
    receiver: route.receiver,
    object_matchers: route.matchers.map((m) => [m.label, m.op, m.value]),
    ...routeSettings(route),
    ...(route.routes ? { routes: route.routes.map(toGrafana) } : {}),
  };
}

/** The Modelwatch policy: one route for every Modelwatch alert, to go under an existing policy tree. */
export function grafanaRoutes(config: ModelwatchConfig): GrafanaPolicy[] {
  return [toGrafana(modelwatchRoute(config))];
}

/** Contact point uids are at most 40 characters of a small alphabet; a long or unusual team name gets a hash. */
function contactUid(name: string): string {
  return UID_PATTERN.test(name) ? name : `mw-${createHash('sha256').update(name).digest('hex').slice(0, 36)}`;
}

interface ContactPoints {
  apiVersion: 1;
  contactPoints: { orgId: number; name: string; receivers: { uid: string; type: string; settings: object }[] }[];
}

function contactPointsDoc(config: ModelwatchConfig): ContactPoints {
  return {
    apiVersion: 1,
    contactPoints: receiversOf(config).map((r) => ({
      orgId: 1,
      name: r.name,
      receivers: [
        {
          uid: contactUid(r.name),
          type: 'webhook',
          settings: { url: `http://127.0.0.1:9099/${r.cls}`, httpMethod: 'POST' },
        },
      ],
    })),
  };
}

/** Grafana refuses to start on a bad provisioning file; what is generated here must never be one. */
function checked(config: ModelwatchConfig, policies: GrafanaPolicy[]): void {
  const problem = notificationProblems(contactPointsDoc(config), { policies })[0];
  if (problem !== undefined) throw new Error(`grafana notification routes: ${problem}`);
}

/** An example contact point per route receiver (webhooks); replace the URLs with your pager and ticket system. */
export function grafanaContactPoints(config: ModelwatchConfig): string {
  return toYaml(escapeProvisioningVariables(contactPointsDoc(config)));
}

/**
 * The `routes:` to paste under an organisation's own policy tree. Not a provisioning document: a file-provisioned
 * policy would replace that tree.
 */
export function grafanaRoutesSnippet(config: ModelwatchConfig): string {
  const routes = grafanaRoutes(config);
  checked(config, [{ receiver: receiverName('ticket'), routes }]);
  return (
    HEADER +
    [
      '# Not a provisioning file: paste the route below under the `routes:` of your notification policy tree',
      '# (`policies[0].routes` of a file-provisioned tree; in the UI, a child policy of the same matchers), above',
      '# any route that would take Modelwatch alerts first. It matches Modelwatch alerts only and sends them by',
      "# severity (and by the model's team label) to the contact points of modelwatch-contact-points.yaml.",
    ].join('\n') +
    '\n' +
    stringify(escapeProvisioningVariables({ routes }), { lineWidth: 0, aliasDuplicateObjects: false })
  );
}

/**
 * The whole notification policy tree, for an organisation whose alerting is Modelwatch's alone: Grafana makes a
 * file-provisioned tree the org's only one and read-only in the UI.
 */
export function grafanaPolicyTree(config: ModelwatchConfig): string {
  const policies = [
    {
      orgId: 1,
      receiver: receiverName('ticket'),
      group_by: [...DEFAULTS.routing.groupBy],
      routes: grafanaRoutes(config),
    },
  ];
  checked(config, policies);
  return toYaml(escapeProvisioningVariables({ apiVersion: 1, policies }));
}
