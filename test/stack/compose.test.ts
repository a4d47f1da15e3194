import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compose, mountOf, readYaml, ROOT } from './support';

// There is no container engine here: the stack is checked as a file, and everything it points at is checked
// for real (paths, build outputs, ports, the configs it mounts).
const stack = compose();
const services = stack.services;

/** Outputs of the README's build commands that the stack mounts or runs; not in git, made by these commands. */
const BUILD_OUTPUTS: Record<string, string> = {
  'packages/grafana-app/dist': 'npm run build -w packages/grafana-app',
  'examples/lending/dist/demo/service.js': 'npm run build',
  'examples/lending/dist/demo/traffic.js': 'npm run build',
};

function pluginIds(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return pluginIds(path);
    return entry === 'plugin.json' ? [(JSON.parse(readFileSync(path, 'utf8')) as { id: string }).id] : [];
  });
}

describe('docker-compose.yml', () => {
  it('runs the demo service, its traffic, Prometheus, Alertmanager and Grafana', () => {
    expect(Object.keys(services).sort()).toEqual(['alertmanager', 'demo', 'grafana', 'prometheus', 'traffic']);
  });

  it('pins every image to a version (no latest, no floating major)', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, image: s.image }).toEqual({
        name,
        image: expect.stringMatching(/^[a-z0-9./-]+:v?[0-9]+\.[0-9]+\.[0-9]+(-[a-z0-9.-]+)?$/),
      });
    }
    expect(services.grafana!.image).toMatch(/^grafana\/grafana:12\.4\.[0-9]+$/);
    expect(services.demo!.image).toMatch(/^node:20\./);
  });

  it('binds every published port to 127.0.0.1 only', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => ({ name, p })));
    expect(published.length).toBe(4);
    for (const { name, p } of published)
      expect({ name, p }).toEqual({ name, p: expect.stringMatching(/^127\.0\.0\.1:[0-9]+:[0-9]+$/) });
  });

  it('gives every service a healthcheck, and starts services only once what they need is healthy', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, test: s.healthcheck?.test?.[0] }).toEqual({ name, test: expect.stringMatching(/^CMD(-SHELL)?$/) });
      expect(s.healthcheck!.test.length).toBeGreaterThan(1);
      expect(s.healthcheck!.interval).toMatch(/^[0-9]+s$/);
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services, condition }).toEqual({
          name,
          dependency,
          exists: true,
          condition: 'service_healthy',
        });
      }
    }
    expect(Object.keys(services.traffic!.depends_on!)).toEqual(['demo']);
    expect(Object.keys(services.prometheus!.depends_on!).sort()).toEqual(['alertmanager', 'demo']);
    expect(Object.keys(services.grafana!.depends_on!).sort()).toEqual(['demo', 'prometheus']);
  });

  it("mounts only paths that exist in the repository or that the README's build commands produce, configuration read-only", () => {
    for (const [name, s] of Object.entries(services)) {
      for (const spec of s.volumes ?? []) {
        const m = mountOf(spec);
        if (!m.bind) {
          expect({ name, volume: m.source, declared: m.source in (stack.volumes ?? {}) }).toEqual({
            name,
            volume: m.source,
            declared: true,
          });
          continue;
        }
        const path = m.source.replace(/^\.\/?/, '');
        expect({ name, path, readOnly: m.readOnly }).toEqual({ name, path, readOnly: true });
        if (path in BUILD_OUTPUTS) continue;
        expect({ name, path, exists: existsSync(join(ROOT, path)) }).toEqual({ name, path, exists: true });
      }
    }
  });

  it("runs the demo's entry points, which `npm run build` produces", () => {
    for (const name of ['demo', 'traffic']) {
      const s = services[name]!;
      expect(s.volumes).toContain('.:/app:ro');
      expect(s.working_dir).toBe('/app');
      const script = s.command![1]!;
      expect(BUILD_OUTPUTS[script]).toBe('npm run build');
      // Tests run after `npm run build` (npm test builds first), so the entry point and its source must exist.
      expect({ script, built: existsSync(join(ROOT, script)) }).toEqual({ script, built: true });
      expect(existsSync(join(ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
    }
    expect(services.traffic!.environment!.TARGET).toBe('http://demo:8080');
    // The service listens on all interfaces inside its container, on the port the others use.
    expect(services.demo!.environment).toMatchObject({ PORT: '8080', HOST: '0.0.0.0' });
    expect(services.demo!.ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('falls back to no well-known secret: the Grafana admin password must be chosen', () => {
    const password = services.grafana!.environment!.GF_SECURITY_ADMIN_PASSWORD!;
    // Compose's ${VAR:?message} stops `docker compose up` with the message when VAR is unset or empty.
    expect(password).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?[^}]+\}$/);
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|API_KEY/.test(key)) expect(`${name} ${key} ${value}`).not.toMatch(/:-/);
      }
    }
  });

  it("mounts the built app plugin where Grafana looks for it, and allows exactly the app's unsigned plugins", () => {
    const grafana = services.grafana!;
    expect(grafana.volumes).toContain('./packages/grafana-app/dist:/var/lib/grafana/plugins/modelwatch-ml-app:ro');
    const allowed = grafana.environment!.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS!.split(',');
    expect(allowed.sort()).toEqual([
      'modelwatch-drift-panel',
      'modelwatch-fairness-panel',
      'modelwatch-ml-app',
      'modelwatch-ml-datasource',
      'modelwatch-slo-panel',
    ]);
    // Every plugin the app ships (app, datasource, panels) must be allowed, or Grafana refuses to load it.
    for (const id of pluginIds(join(ROOT, 'packages/grafana-app/src')))
      expect({ id, allowed: allowed.includes(id) }).toEqual({ id, allowed: true });
    expect(readFileSync(join(ROOT, 'packages/grafana-app/.gitignore'), 'utf8')).toMatch(/^dist\/?$/m);
    const dist = join(ROOT, 'packages/grafana-app/dist');
    if (existsSync(join(dist, 'plugin.json'))) {
      // Built here: it is the app, and its entry module is there.
      expect((JSON.parse(readFileSync(join(dist, 'plugin.json'), 'utf8')) as { id: string }).id).toBe(
        'modelwatch-ml-app'
      );
      expect(existsSync(join(dist, 'module.js'))).toBe(true);
    }
  });

  it('mounts the provisioning and the dashboards where the provisioning expects them', () => {
    const grafana = services.grafana!;
    const mounts = grafana.volumes!.map(mountOf);
    expect(mounts).toContainEqual({
      source: './provisioning',
      target: '/etc/grafana/provisioning',
      readOnly: true,
      bind: true,
    });
    const providers = readYaml<{ providers: { options: { path: string } }[] }>(
      'provisioning/dashboards/modelwatch.yaml'
    ).providers;
    const dashboards = mounts.find((m) => m.target === providers[0]!.options.path)!;
    expect(dashboards).toBeDefined();
    const home = grafana.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    expect(home.startsWith(`${dashboards.target}/`)).toBe(true);
    expect(existsSync(join(ROOT, dashboards.source, home.slice(dashboards.target.length)))).toBe(true);
  });

  it('points Prometheus and Alertmanager at their mounted configs', () => {
    const prometheus = services.prometheus!;
    expect(prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(existsSync(join(ROOT, 'deploy/prometheus/prometheus.yml'))).toBe(true);
    const alertmanager = services.alertmanager!;
    expect(alertmanager.volumes).toContain('./deploy/alertmanager:/etc/alertmanager:ro');
    expect(alertmanager.command).toContain('--config.file=/etc/alertmanager/alertmanager.yml');
    expect(existsSync(join(ROOT, 'deploy/alertmanager/alertmanager.yml'))).toBe(true);
  });
});
