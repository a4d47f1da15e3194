import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runTool } from '@modelwatch/local-prometheus';
import { runAlerts, runGrafanaAlerts } from '../../src';
import { notificationProblems } from '../../src/rules/grafana-rules';
import { cli, expectOneLineError, scratchDir } from '../run-cli';
import { generateRules } from './tools';

// `modelwatch alerts` routes by merging into what an organisation already has: a Grafana routes snippet to paste
// under its policy tree and an Alertmanager snippet to merge into its config. amtool proves the merged config
// loads and that each generated alert reaches the receiver of its severity and team; the organisation's own
// alerts keep their routes. The whole-tree Grafana policy is written only on request.
const dir = scratchDir();
const CONFIG = join(dir, 'modelwatch.yaml');
// Two teams (one set at the top level, one overriding it per model) and a model without a team.
writeFileSync(
  CONFIG,
  `labels: { team: fraud }
models:
  - name: fraud-score
    classes: { positive: fraud, negative: legit }
    drift: {}
    slos: { availability: { objective: 0.999 } }
  - name: churn
    labels: { team: growth ops }
    drift: {}
    slos: { availability: { objective: 0.99 } }
`
);
const NO_TEAM = join(dir, 'no-team.yaml');
writeFileSync(NO_TEAM, 'models:\n  - name: churn\n    drift: {}\n    slos: { availability: { objective: 0.99 } }\n');

function alerts(args: string[], out: string): string[] {
  const r = cli(['alerts', ...args, '--out', out]);
  if (r.code !== 0) throw new Error(`modelwatch alerts ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return readdirSync(out).sort();
}
const amtool = (args: string[]) => runTool('amtool', args, dir);

const GRAFANA_FILES = [
  'modelwatch-alert-rules.yaml',
  'modelwatch-contact-points.yaml',
  'modelwatch-notification-routes.snippet.yaml',
];
const AM_SNIPPET = 'modelwatch-alertmanager-routes.snippet.yaml';
const TREE = 'modelwatch-notification-policies.yaml';

describe('what `modelwatch alerts` writes', () => {
  it('by default both snippets and the Grafana rules and contact points, never a policy tree', () => {
    expect(alerts(['--config', CONFIG], join(dir, 'both'))).toEqual([...GRAFANA_FILES, AM_SNIPPET].sort());
  });

  it('--grafana and --alertmanager each their own files', () => {
    expect(alerts(['--grafana', '--config', CONFIG], join(dir, 'grafana'))).toEqual(GRAFANA_FILES);
    expect(alerts(['--alertmanager', '--config', CONFIG], join(dir, 'am'))).toEqual([AM_SNIPPET]);
    expect(alerts(['--grafana', '--alertmanager', '--config', CONFIG], join(dir, 'both2'))).toEqual(
      [...GRAFANA_FILES, AM_SNIPPET].sort()
    );
  });

  it('the whole-tree policy only with --replace-policy-tree', () => {
    expect(alerts(['--grafana', '--replace-policy-tree', '--config', CONFIG], join(dir, 'tree'))).toEqual(
      [...GRAFANA_FILES, TREE].sort()
    );
    for (const out of ['both', 'grafana', 'am']) {
      const texts = readdirSync(join(dir, out)).map((f) => parse(readFileSync(join(dir, out, f), 'utf8')) as object);
      for (const doc of texts) expect(doc).not.toHaveProperty('policies');
    }
  });

  it('through the API: runAlerts as the command, and the deprecated runGrafanaAlerts as it always wrote, with the tree', () => {
    const api = join(dir, 'api');
    expect(runAlerts({ config: CONFIG, out: api, alertmanager: true })).toEqual([join(api, AM_SNIPPET)]);
    const old = join(dir, 'api-old');
    expect(runGrafanaAlerts({ config: CONFIG, out: old }).sort()).toEqual(
      [...GRAFANA_FILES, TREE].map((f) => join(old, f)).sort()
    );
  });

  it('says in one line when a policy tree written by an earlier run is left in the output folder', () => {
    const out = join(dir, 'upgrade');
    alerts(['--grafana', '--replace-policy-tree', '--config', CONFIG], out);
    const again = cli(['alerts', '--grafana', '--config', CONFIG, '--out', out]);
    expect(again.code).toBe(0);
    const notices = again.stderr.split('\n').filter((l) => l.includes(TREE));
    expect(notices).toEqual([
      expect.stringMatching(/left from an earlier run; it still replaces Grafana's whole notification policy tree/),
    ]);
    const fresh = cli(['alerts', '--grafana', '--replace-policy-tree', '--config', CONFIG, '--out', out]);
    expect(fresh.stderr).not.toMatch(/left from an earlier run/);
  });

  it('--replace-policy-tree without Grafana output is a one-line usage error', () => {
    const out = join(dir, 'refused');
    expectOneLineError(
      ['alerts', '--alertmanager', '--replace-policy-tree', '--config', CONFIG, '--out', out],
      '--replace-policy-tree',
      '--grafana'
    );
    expect(existsSync(out)).toBe(false);
  });
});

interface GrafanaPolicy {
  receiver: string;
  object_matchers?: string[][];
  routes?: GrafanaPolicy[];
}
type ContactPoints = { contactPoints: { name: string; receivers: { uid: string; type: string }[] }[] };

describe('the Grafana routes snippet', () => {
  const out = join(dir, 'grafana-snippet');
  beforeAll(() => {
    alerts(['--grafana', '--config', CONFIG], out);
    alerts(['--grafana', '--replace-policy-tree', '--config', CONFIG], join(dir, 'grafana-tree'));
  });
  const read = <T>(f: string) => parse(readFileSync(join(out, f), 'utf8')) as T;

  it('holds only `routes:`, so it cannot be taken for a provisioning document', () => {
    const snippet = read<Record<string, unknown>>(GRAFANA_FILES[2]!);
    expect(Object.keys(snippet)).toEqual(['routes']);
  });

  it('pasted under an existing policy tree, passes the checks Grafana makes on provisioning', () => {
    const { routes } = read<{ routes: GrafanaPolicy[] }>(GRAFANA_FILES[2]!);
    const generated = read<ContactPoints>(GRAFANA_FILES[1]!);
    const own = { name: 'sre-email', receivers: [{ uid: 'sre-email', type: 'email' }] };
    const existing = {
      receiver: 'sre-email',
      routes: [{ receiver: 'sre-email', object_matchers: [['team', '=', 'sre']] }],
    };
    const merged = { ...existing, routes: [...routes, ...existing.routes] };
    const contactPoints = { contactPoints: [own, ...generated.contactPoints] };
    expect(notificationProblems(contactPoints, { policies: [merged] })).toEqual([]);
    // The same check finds a route to a contact point nobody provisioned.
    expect(notificationProblems({ contactPoints: [own] }, { policies: [merged] }).length).toBeGreaterThan(0);
  });

  it('routes Modelwatch alerts only, by team and then by severity', () => {
    const { routes } = read<{ routes: GrafanaPolicy[] }>(GRAFANA_FILES[2]!);
    expect(routes).toHaveLength(1);
    expect(routes[0]!.object_matchers).toEqual([['alertname', '=~', 'Modelwatch.*']]);
    const shape = (p: GrafanaPolicy): unknown => [p.receiver, p.object_matchers, (p.routes ?? []).map(shape)];
    const severity = (team: string) => [
      [`modelwatch${team}-page`, [['severity', '=~', 'page|critical']], []],
      [`modelwatch${team}-ticket`, [['severity', '=~', 'ticket|warning']], []],
    ];
    expect(routes[0]!.routes!.map(shape)).toEqual([
      ['modelwatch-team-fraud-ticket', [['team', '=', 'fraud']], severity('-team-fraud')],
      ['modelwatch-team-growth ops-ticket', [['team', '=', 'growth ops']], severity('-team-growth ops')],
      ...severity(''),
    ]);
  });

  it("sends each Grafana rule's alert, named by its title as Grafana names them, to its team's and severity's contact point", () => {
    // Grafana routes notifications with Alertmanager's routing tree, so amtool can run the pasted route: the
    // policy becomes an Alertmanager route, each contact point a receiver.
    const { routes } = read<{ routes: GrafanaPolicy[] }>(GRAFANA_FILES[2]!);
    const toAm = (p: GrafanaPolicy): AmRoute => ({
      receiver: p.receiver,
      matchers: (p.object_matchers ?? []).map(([l, op, v]) => `${l}${op}${JSON.stringify(v)}`),
      ...(p.routes ? { routes: p.routes.map(toAm) } : {}),
    });
    const contactPoints = read<ContactPoints>(GRAFANA_FILES[1]!).contactPoints;
    const file = writeConfig('grafana-as-alertmanager.yml', {
      route: {
        receiver: 'sre-email',
        routes: [...routes.map(toAm), { receiver: 'sre-email', matchers: ['team="sre"'] }],
      },
      receivers: [{ name: 'sre-email' }, ...contactPoints.map((c) => ({ name: c.name }))],
    });
    checkConfig(file);
    const rules = read<{ groups: { rules: { title: string; labels: Record<string, string> }[] }[] }>(
      GRAFANA_FILES[0]!
    ).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const rule of rules) {
      const labels: Record<string, string> = { ...rule.labels, alertname: rule.title };
      const cls = labels.severity === 'page' || labels.severity === 'critical' ? 'page' : 'ticket';
      const want = labels.team === undefined ? `modelwatch-${cls}` : `modelwatch-team-${labels.team}-${cls}`;
      expect({ title: rule.title, got: routedTo(file, labels) }).toEqual({ title: rule.title, got: want });
      seen.add(`${labels.team} ${labels.severity}`);
    }
    expect([...seen].sort()).toEqual(
      ['fraud', 'growth ops'].flatMap((t) => ['critical', 'page', 'ticket', 'warning'].map((v) => `${t} ${v}`)).sort()
    );
    expect(routedTo(file, { alertname: 'CPU high', team: 'sre', severity: 'critical' })).toBe('sre-email');
  });

  it('with --replace-policy-tree, the tree file holds the same route under a root policy', () => {
    const tree = parse(readFileSync(join(dir, 'grafana-tree', TREE), 'utf8')) as {
      apiVersion: number;
      policies: GrafanaPolicy[];
    };
    const { routes } = read<{ routes: GrafanaPolicy[] }>(GRAFANA_FILES[2]!);
    expect(tree.apiVersion).toBe(1);
    expect(tree.policies).toHaveLength(1);
    expect(tree.policies[0]!.routes).toEqual(routes);
    expect(notificationProblems(read<ContactPoints>(GRAFANA_FILES[1]!), tree)).toEqual([]);
  });
});

interface AmRoute {
  receiver?: string;
  matchers?: string[];
  routes?: AmRoute[];
  [key: string]: unknown;
}
interface AmConfig {
  route: AmRoute;
  receivers: { name: string; [key: string]: unknown }[];
}

/** An organisation's own Alertmanager config the snippet is merged into: its teams and its catch-all. */
const BASE: AmConfig = {
  route: {
    receiver: 'default-email',
    group_by: ['alertname'],
    routes: [
      { receiver: 'sre-pager', matchers: ['team="sre"'] },
      { receiver: 'fraud-oncall', matchers: ['team="fraud"'] },
    ],
  },
  receivers: [{ name: 'default-email' }, { name: 'sre-pager' }, { name: 'fraud-oncall' }],
};

function merge(snippet: { route: { routes: AmRoute[] }; receivers: AmConfig['receivers'] }): AmConfig {
  return {
    route: { ...BASE.route, routes: [...snippet.route.routes, ...BASE.route.routes!] },
    receivers: [...BASE.receivers, ...snippet.receivers],
  };
}

function writeConfig(name: string, config: AmConfig): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(config));
  return file;
}

function checkConfig(file: string): void {
  const r = amtool(['check-config', file]);
  if (r.code !== 0) throw new Error(`amtool check-config ${file} exited ${r.code}:\n${r.output}`);
  expect(r.output).toMatch(/SUCCESS/);
}

function routedTo(file: string, labels: Record<string, string>): string {
  const r = amtool([
    'config',
    'routes',
    'test',
    `--config.file=${file}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ]);
  if (r.code !== 0) throw new Error(`amtool config routes test exited ${r.code}:\n${r.output}`);
  return r.output.split('\n')[0]!.trim();
}

/** The labels of every alert `modelwatch rules` generates from a config. */
function generatedAlerts(config: string, out: string): Record<string, string>[] {
  return generateRules(config, out).flatMap((f) =>
    (
      parse(readFileSync(f, 'utf8')) as { groups: { rules: { alert?: string; labels?: Record<string, string> }[] }[] }
    ).groups.flatMap((g) =>
      g.rules.flatMap((r) => (r.alert ? [{ alertname: r.alert, model_version: '1', ...r.labels }] : []))
    )
  );
}

describe('the Alertmanager snippet, merged into an existing config', () => {
  let snippet: Parameters<typeof merge>[0];
  let file: string;
  beforeAll(() => {
    alerts(['--alertmanager', '--config', CONFIG], join(dir, 'am-merge'));
    snippet = parse(readFileSync(join(dir, 'am-merge', AM_SNIPPET), 'utf8')) as Parameters<typeof merge>[0];
    file = writeConfig('alertmanager.yml', merge(snippet));
  });

  it('has only route.routes and receivers', () => {
    expect(Object.keys(snippet).sort()).toEqual(['receivers', 'route']);
    expect(Object.keys(snippet.route)).toEqual(['routes']);
  });

  it('passes amtool check-config', () => checkConfig(file));

  it("routes each generated alert to its team's receiver of its severity, or the shared one without a team", () => {
    const labelled = [
      ...generatedAlerts(CONFIG, join(dir, 'rules')),
      ...generatedAlerts(NO_TEAM, join(dir, 'rules-no-team')),
    ];
    const seen = new Set<string>();
    for (const labels of labelled) {
      const cls = labels.severity === 'page' || labels.severity === 'critical' ? 'page' : 'ticket';
      const want = labels.team === undefined ? `modelwatch-${cls}` : `modelwatch-team-${labels.team}-${cls}`;
      const got = routedTo(file, labels);
      expect({ alert: labels.alertname, severity: labels.severity, team: labels.team, got }).toEqual({
        alert: labels.alertname,
        severity: labels.severity,
        team: labels.team,
        got: want,
      });
      seen.add(`${labels.team ?? '-'} ${labels.severity}`);
    }
    // Every severity of every team (and of no team) was exercised, not just a few.
    expect([...seen].sort()).toEqual(
      ['fraud', 'growth ops', '-']
        .flatMap((t) => ['critical', 'page', 'ticket', 'warning'].map((s) => `${t} ${s}`))
        .sort()
    );
  });

  it("leaves the organisation's own alerts on their routes", () => {
    expect(routedTo(file, { alertname: 'HighLatency', team: 'fraud', severity: 'critical' })).toBe('fraud-oncall');
    expect(routedTo(file, { alertname: 'DiskFull', team: 'sre', severity: 'page' })).toBe('sre-pager');
    expect(routedTo(file, { alertname: 'Other', severity: 'warning' })).toBe('default-email');
  });

  it('every commented integration example, filled in, is valid Alertmanager config', () => {
    const text = readFileSync(join(dir, 'am-merge', AM_SNIPPET), 'utf8');
    const examples = integrationExamples(text);
    expect(Object.keys(examples).sort()).toEqual(snippet.receivers.map((r) => r.name).sort());
    const kinds = new Set<string>();
    for (const [receiver, integrations] of Object.entries(examples)) {
      expect(integrations.length).toBeGreaterThan(0);
      for (const integration of integrations) {
        kinds.add(Object.keys(integration)[0]!);
        const filled = {
          ...snippet,
          receivers: snippet.receivers.map((r) => (r.name === receiver ? { ...r, ...integration } : r)),
        };
        checkConfig(writeConfig('filled.yml', merge(filled)));
      }
    }
    expect([...kinds].sort()).toEqual(['opsgenie_configs', 'pagerduty_configs', 'slack_configs', 'webhook_configs']);
  });
});

/**
 * The commented `*_configs:` blocks under each receiver, uncommented, with the `<…>` placeholders a user fills in
 * replaced by values of the right form.
 */
function integrationExamples(text: string): Record<string, Record<string, unknown>[]> {
  const found: Record<string, Record<string, unknown>[]> = {};
  let receiver: string | null = null;
  let block: string[] | null = null;
  const flush = () => {
    if (receiver !== null && block !== null) {
      const yaml = block
        .join('\n')
        .replace(/(url: )<[^>]+>/g, '$1https://hooks.example.com/x')
        .replace(/<[^>]+>/g, 'x');
      found[receiver]!.push(parse(yaml) as Record<string, unknown>);
    }
    block = null;
  };
  for (const line of text.split('\n')) {
    const name = /^ {2}- name: (.+)$/.exec(line);
    if (name) {
      flush();
      receiver = parse(name[1]!) as string;
      found[receiver] = [];
      continue;
    }
    const comment = /^ {4}# (.*)$/.exec(line);
    if (receiver === null || !comment) continue;
    if (/^[a-z_]+_configs:$/.test(comment[1]!)) {
      flush();
      block = [comment[1]!];
    } else if (block !== null && comment[1]!.startsWith(' ')) block.push(comment[1]!);
    else flush();
  }
  flush();
  return found;
}

describe('a team label Grafana would read as an environment variable', () => {
  it('is written with $$ in every Grafana routing file, so Grafana loads it as the literal name', () => {
    const config = join(dir, 'dollar-team.yaml');
    writeFileSync(
      config,
      "labels: { team: 'ops$HOME' }\nmodels:\n  - name: churn\n    drift: {}\n    slos: { availability: { objective: 0.99 } }\n"
    );
    const out = join(dir, 'dollar');
    alerts(['--grafana', '--replace-policy-tree', '--config', config], out);
    for (const file of ['modelwatch-contact-points.yaml', 'modelwatch-notification-routes.snippet.yaml', TREE]) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).toContain('ops$$HOME');
      expect(text.replace(/\$\$/g, '')).not.toContain('$');
    }
  });
});
