import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { compose, DEMO_CONFIG, expectSameFiles, modelwatch, readYaml, recordedNames, ROOT } from './support';

// Grafana provisioning as code: every file has the shape Grafana's provisioning expects, every uid or name one
// file refers to is defined by another, and the generated parts are what the generator writes now.
interface Datasource {
  name: string;
  type: string;
  uid: string;
  access: string;
  url?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
}
interface AlertRule {
  uid: string;
  title: string;
  condition: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: { refId: string; datasourceUid: string; model: { expr?: string } }[];
}
interface Route {
  receiver: string;
  object_matchers?: string[][];
  routes?: Route[];
}

const PROVISIONING = join(ROOT, 'provisioning');
const files = (function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) =>
    statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [relative(ROOT, join(dir, e))]
  );
})(PROVISIONING).sort();
const datasources = readYaml<{ datasources: Datasource[] }>('provisioning/datasources/modelwatch.yaml').datasources;
const rules = readYaml<{
  groups: { orgId: number; name: string; folder: string; interval: string; rules: AlertRule[] }[];
}>('provisioning/alerting/modelwatch-alert-rules.yaml').groups;
const policies = readYaml<{ policies: Route[] }>(
  'provisioning/alerting/modelwatch-notification-policies.yaml'
).policies;
const contactPoints = readYaml<{
  contactPoints: {
    orgId: number;
    name: string;
    receivers: { uid: string; type: string; settings: { url: string } }[];
  }[];
}>('provisioning/alerting/contact-points.yaml').contactPoints;
const DASHBOARDS = 'deploy/grafana/dashboards';

describe('provisioning/', () => {
  it('holds one folder per kind, every file YAML with apiVersion 1', () => {
    expect(readdirSync(PROVISIONING).sort()).toEqual(['alerting', 'dashboards', 'datasources', 'plugins']);
    for (const f of files) {
      expect(f).toMatch(/\.yaml$/);
      expect({
        f,
        apiVersion: (parse(readFileSync(join(ROOT, f), 'utf8')) as { apiVersion: unknown }).apiVersion,
      }).toEqual({ f, apiVersion: 1 });
    }
  });

  it("datasources: Prometheus at the stack's Prometheus with a fixed uid, and the Modelwatch datasource reading through it", () => {
    for (const d of datasources)
      for (const key of ['name', 'type', 'uid', 'access'] as const)
        expect({ name: d.name, key, set: typeof d[key] === 'string' }).toEqual({ name: d.name, key, set: true });
    expect(new Set(datasources.map((d) => d.uid)).size).toBe(datasources.length);
    const prometheus = datasources.find((d) => d.type === 'prometheus')!;
    const port = compose().services.prometheus!.ports![0]!.split(':')[2];
    expect(prometheus).toMatchObject({
      uid: 'prometheus',
      url: `http://prometheus:${port}`,
      access: 'proxy',
      isDefault: true,
    });
    expect(prometheus.jsonData!.timeInterval).toBe(
      readYaml<{ global: { scrape_interval: string } }>('deploy/prometheus/prometheus.yml').global.scrape_interval
    );
    const modelwatchDs = datasources.find((d) => d.type === 'modelwatch-ml-datasource')!;
    const referenced = datasources.find((d) => d.uid === modelwatchDs.jsonData!.prometheusUid);
    expect(referenced?.type).toBe('prometheus');
    expect(modelwatchDs.jsonData!.naming).toBe(
      (parse(readFileSync(join(ROOT, DEMO_CONFIG), 'utf8')) as { naming: string }).naming
    );
  });

  it("dashboards: a file provider for the mounted dashboards, in the alert rules' folder", () => {
    const providers = readYaml<{
      providers: {
        name: string;
        type: string;
        folder: string;
        options: { path: string; foldersFromFilesStructure: boolean };
      }[];
    }>('provisioning/dashboards/modelwatch.yaml').providers;
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      name: 'modelwatch',
      type: 'file',
      options: { path: '/var/lib/grafana/dashboards' },
    });
    expect(compose().services.grafana!.volumes).toContain(`./${DASHBOARDS}:${providers[0]!.options.path}:ro`);
    expect(new Set(rules.map((g) => g.folder))).toEqual(new Set([providers[0]!.folder]));
  });

  it('plugins: the Modelwatch app, enabled', () => {
    const apps = readYaml<{ apps: { type: string; disabled: boolean; org_id: number }[] }>(
      'provisioning/plugins/modelwatch.yaml'
    ).apps;
    const id = (JSON.parse(readFileSync(join(ROOT, 'packages/grafana-app/src/plugin.json'), 'utf8')) as { id: string })
      .id;
    expect(apps).toEqual([{ type: id, org_id: 1, disabled: false }]);
  });

  it('alerting: the generated rules and whole policy tree, as `modelwatch alerts --grafana --replace-policy-tree` writes them from the demo config', () => {
    const out = modelwatch(['alerts', '--grafana', '--replace-policy-tree', '--config', DEMO_CONFIG]);
    // The generator's example contact points are replaced by the stack's (contact-points.yaml), and the routes
    // snippet is for pasting into an existing tree: the stack's Grafana alerts are Modelwatch's alone.
    rmSync(join(out, 'modelwatch-contact-points.yaml'));
    rmSync(join(out, 'modelwatch-notification-routes.snippet.yaml'));
    expectSameFiles('provisioning/alerting', out, ['contact-points.yaml']);
  });

  it('alerting: every rule queries a provisioned datasource and has a unique uid and a condition among its queries', () => {
    const all = rules.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((r) => r.uid)).size).toBe(all.length);
    const uids = new Set(datasources.map((d) => d.uid));
    for (const r of all) {
      expect(r.uid.length).toBeLessThanOrEqual(40);
      expect(r.data.map((q) => q.refId)).toContain(r.condition);
      for (const q of r.data)
        expect({
          rule: r.title,
          datasource: q.datasourceUid,
          known: q.datasourceUid === '__expr__' || uids.has(q.datasourceUid),
        }).toEqual({ rule: r.title, datasource: q.datasourceUid, known: true });
    }
  });

  it('alerting: every receiver the policy routes to is a contact point, a webhook to the demo service', () => {
    const receivers = (function collect(routes: Route[]): string[] {
      return routes.flatMap((r) => [r.receiver, ...collect(r.routes ?? [])]);
    })(policies);
    const names = contactPoints.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const receiver of receivers) expect(names).toContain(receiver);
    const uids = contactPoints.flatMap((c) => c.receivers.map((r) => r.uid));
    expect(new Set(uids).size).toBe(uids.length);
    const port = compose().services.demo!.ports![0]!.split(':')[2];
    for (const c of contactPoints)
      for (const r of c.receivers)
        expect(r).toMatchObject({ type: 'webhook', settings: { url: `http://demo:${port}/alerts` } });
    // Same severity routing as Alertmanager's: pages and criticals to the pager, tickets and warnings to
    // tickets; the demo model's team (credit-risk) to its own pair.
    const severity = (prefix: string) => [
      [`${prefix}-page`, [['severity', '=~', 'page|critical']], []],
      [`${prefix}-ticket`, [['severity', '=~', 'ticket|warning']], []],
    ];
    const shape = (r: Route): unknown => [r.receiver, r.object_matchers, (r.routes ?? []).map(shape)];
    expect(policies[0]!.routes!.map(shape)).toEqual([
      [
        'modelwatch-ticket',
        [['alertname', '=~', 'Modelwatch.*']],
        [
          [
            'modelwatch-team-credit-risk-ticket',
            [['team', '=', 'credit-risk']],
            severity('modelwatch-team-credit-risk'),
          ],
          ...severity('modelwatch'),
        ],
      ],
    ]);
  });
});

describe("what the stack's Grafana shows and alerts on", () => {
  it('the mounted dashboards are what `modelwatch dashboards` generates from the demo config', () => {
    expectSameFiles(DASHBOARDS, modelwatch(['dashboards', '--config', DEMO_CONFIG]));
  });

  it("every recorded series the dashboards and alert rules read is recorded by the stack's Prometheus rules", () => {
    const dir = join(ROOT, 'deploy/prometheus/rules');
    const recorded = new Set(
      readdirSync(dir).flatMap((f) =>
        (parse(readFileSync(join(dir, f), 'utf8')) as { groups: { rules: { record?: string }[] }[] }).groups.flatMap(
          (g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))
        )
      )
    );
    const texts = [
      ...readdirSync(join(ROOT, DASHBOARDS)).map((f) => readFileSync(join(ROOT, DASHBOARDS, f), 'utf8')),
      readFileSync(join(ROOT, 'provisioning/alerting/modelwatch-alert-rules.yaml'), 'utf8'),
    ];
    const read = [...new Set(texts.flatMap(recordedNames))];
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((n) => !recorded.has(n))).toEqual([]);
  });
});
