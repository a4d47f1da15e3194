import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { amtool, compose, DEMO_CONFIG, expectSameFiles, modelwatch, promtool, readYaml, ROOT } from './support';

// Prometheus and Alertmanager of the stack, checked by their own tools: promtool parses the config and every
// rule file it loads; amtool parses Alertmanager's config and resolves where each generated alert is routed.
interface PromConfig {
  global: { scrape_interval: string; evaluation_interval: string };
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
}
interface RuleFile {
  groups: {
    name: string;
    interval: string;
    rules: { alert?: string; record?: string; labels?: Record<string, string> }[];
  }[];
}
interface AmConfig {
  route: { receiver: string; group_by: string[]; routes: { receiver: string; matchers: string[] }[] };
  receivers: { name: string; webhook_configs: { url: string; send_resolved: boolean }[] }[];
}

const RULES = 'deploy/prometheus/rules';
const config = readYaml<PromConfig>('deploy/prometheus/prometheus.yml');
const ruleFiles = readdirSync(join(ROOT, RULES))
  .filter((f) => f.endsWith('.rules.yml'))
  .sort();
const services = compose().services;
const containerPort = (service: string): string => services[service]!.ports![0]!.split(':')[2]!;

describe('deploy/prometheus', () => {
  it('passes promtool check config, which checks every rule file it loads', () => {
    const r = promtool(['check', 'config', join(ROOT, 'deploy/prometheus/prometheus.yml')]);
    if (r.code !== 0) throw new Error(`promtool check config exited ${r.code}:\n${r.output}`);
    expect(r.output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
    expect(ruleFiles.length).toBeGreaterThan(0);
    for (const file of ruleFiles) {
      const check = promtool(['check', 'rules', join(ROOT, RULES, file)]);
      if (check.code !== 0) throw new Error(`promtool check rules ${file} exited ${check.code}:\n${check.output}`);
    }
  });

  it('loads exactly the rules `modelwatch rules` generates from the demo config', () => {
    expectSameFiles(RULES, modelwatch(['rules', '--config', DEMO_CONFIG]));
    expect(config.rule_files).toEqual(['rules/*.rules.yml']);
  });

  it('scrapes the demo service and evaluates as often as the demo config says', () => {
    const demo = config.scrape_configs.find((s) => s.job_name === 'lending-demo')!;
    expect(demo.static_configs[0]!.targets).toEqual([`demo:${containerPort('demo')}`]);
    const interval = (parse(readFileSync(join(ROOT, DEMO_CONFIG), 'utf8')) as { interval: string }).interval;
    expect(config.global.scrape_interval).toBe(interval);
    expect(config.global.evaluation_interval).toBe(interval);
    for (const file of ruleFiles) {
      for (const g of (parse(readFileSync(join(ROOT, RULES, file), 'utf8')) as RuleFile).groups)
        expect(g.interval).toBe(interval);
    }
  });

  it("sends alerts to the stack's Alertmanager", () => {
    expect(config.alerting.alertmanagers[0]!.static_configs[0]!.targets).toEqual([
      `alertmanager:${containerPort('alertmanager')}`,
    ]);
  });
});

describe('deploy/alertmanager', () => {
  const file = join(ROOT, 'deploy/alertmanager/alertmanager.yml');
  const am = readYaml<AmConfig>('deploy/alertmanager/alertmanager.yml');

  it('passes amtool check-config', () => {
    const r = amtool(['check-config', file]);
    if (r.code !== 0) throw new Error(`amtool check-config exited ${r.code}:\n${r.output}`);
    expect(r.output).toMatch(/SUCCESS/);
  });

  it('has a receiver for every route, each a webhook to the demo service that also sends resolutions', () => {
    const names = am.receivers.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const receiver of [am.route.receiver, ...am.route.routes.map((r) => r.receiver)])
      expect(names).toContain(receiver);
    for (const r of am.receivers)
      expect(r.webhook_configs).toEqual([{ url: `http://demo:${containerPort('demo')}/alerts`, send_resolved: true }]);
    expect(am.route.group_by).toEqual(['alertname', 'model_name', 'model_version']);
  });

  it('routes each generated alert by its severity: page and critical to the pager, ticket and warning to tickets', () => {
    const alerts = ruleFiles.flatMap((f) =>
      (parse(readFileSync(join(ROOT, RULES, f), 'utf8')) as RuleFile).groups.flatMap((g) =>
        g.rules.filter((r) => r.alert)
      )
    );
    const severities = [...new Set(alerts.map((a) => a.labels!.severity!))].sort();
    expect(severities).toEqual(['critical', 'page', 'ticket', 'warning']);
    for (const severity of severities) {
      const alert = alerts.find((a) => a.labels!.severity === severity)!;
      const labels = Object.entries({
        alertname: alert.alert!,
        model_name: 'mortgage-approval',
        model_version: '1',
        ...alert.labels,
      }).map(([k, v]) => `${k}=${v}`);
      const r = amtool(['config', 'routes', 'test', `--config.file=${file}`, ...labels]);
      expect({ severity, receiver: r.output.split('\n')[0] }).toEqual({
        severity,
        receiver: severity === 'page' || severity === 'critical' ? 'alertmanager-page' : 'alertmanager-ticket',
      });
    }
  });
});
