// Against Debian's real Prometheus: it starts on loopback, scrapes, evaluates rules, answers the client, and
// leaves nothing behind.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusYaml, startPrometheus, type PrometheusServer } from '@modelwatch/local-prometheus';

const RULES = `groups:
  - name: local
    interval: 1s
    rules:
      - record: local:answer
        expr: vector(42)
        labels: { source: test }
      - alert: AlwaysFiring
        expr: vector(1)
`;

describe('prometheusYaml', () => {
  it('writes the global intervals, rule files and scrape targets', () => {
    expect(
      prometheusYaml({
        scrapeIntervalMs: 1000,
        evaluationIntervalMs: 250,
        ruleFiles: ['/tmp/rules/*.yml'],
        scrape: [{ job: 'web', targets: ['127.0.0.1:8080', '127.0.0.1:8081'] }],
      })
    ).toBe(
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 800ms',
        '  evaluation_interval: 250ms',
        'rule_files:',
        '  - "/tmp/rules/*.yml"',
        'scrape_configs:',
        '  - job_name: "web"',
        '    static_configs:',
        '      - targets: ["127.0.0.1:8080", "127.0.0.1:8081"]',
        '',
      ].join('\n')
    );
    expect(prometheusYaml({ scrapeIntervalMs: 100, scrapeTimeoutMs: 100 })).toBe(
      'global:\n  scrape_interval: 100ms\n  scrape_timeout: 100ms\n'
    );
    expect(prometheusYaml({ evaluationIntervalMs: 60_000 })).toBe('global:\n  evaluation_interval: 60s\n');
  });
});

describe('startPrometheus on the real Prometheus', () => {
  let dir: string;
  let target: Server;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-prometheus-test-'));
    writeFileSync(join(dir, 'local.rules.yml'), RULES);
    target = createServer((_, response) => response.end('local_requests_total 5\n'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const address = target.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    prometheus = await startPrometheus({
      config: {
        scrapeIntervalMs: 1000,
        evaluationIntervalMs: 1000,
        ruleFiles: [join(dir, '*.rules.yml')],
        scrape: [{ job: 'web', targets: [`127.0.0.1:${port}`] }],
      },
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback and answers instant queries as samples, scalars included', async () => {
    expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await prometheus.client.query('1 + 1')).toEqual([{ labels: {}, value: 2 }]);
    expect(await prometheus.client.query('+Inf')).toEqual([{ labels: {}, value: Infinity }]);
    expect(await prometheus.client.query('vector(3) * -Inf')).toEqual([{ labels: {}, value: -Infinity }]);
    const answer = await prometheus.client.waitFor('local:answer', { timeoutMs: 20_000 });
    expect(answer).toEqual([{ labels: { __name__: 'local:answer', source: 'test' }, value: 42 }]);
  });

  it('scrapes its targets; history and range queries read the samples back in milliseconds', async () => {
    const up = await prometheus.client.waitFor('count_over_time(up{job="web"}[1m]) >= 2', { timeoutMs: 20_000 });
    expect(up).toHaveLength(1);
    const now = Date.now();
    const [history] = await prometheus.client.history('local_requests_total{job="web"}', 60_000, now);
    expect(history!.labels).toMatchObject({ __name__: 'local_requests_total', job: 'web' });
    expect(history!.samples.length).toBeGreaterThanOrEqual(2);
    for (const [t, v] of history!.samples) {
      expect(v).toBe(5);
      expect(t).toBeLessThanOrEqual(now);
      expect(t).toBeGreaterThan(now - 60_000);
    }
    const range = await prometheus.client.queryRange('vector(7)', { startMs: now - 4_000, endMs: now, stepMs: 1_000 });
    expect(range).toEqual([
      { labels: {}, samples: [0, 1, 2, 3, 4].map((i) => [Math.round(now - 4_000 + i * 1_000), 7]) },
    ]);
  });

  it('reports rule health, firing alerts and its own metrics', async () => {
    await prometheus.client.waitFor('ALERTS{alertname="AlwaysFiring", alertstate="firing"}', { timeoutMs: 20_000 });
    const [group] = await prometheus.client.rules();
    expect(group!.name).toBe('local');
    expect(group!.rules.map((r) => [r.type, r.name, r.health])).toEqual([
      ['recording', 'local:answer', 'ok'],
      ['alerting', 'AlwaysFiring', 'ok'],
    ]);
    const alerts = await prometheus.client.alerts();
    expect(alerts.map((a) => [a.labels.alertname, a.state])).toEqual([['AlwaysFiring', 'firing']]);
    expect(await prometheus.client.metrics()).toMatch(/^prometheus_rule_evaluation_failures_total\{/m);
  });

  it("fails a query in one line with Prometheus' error, and a wait with what it waited for", async () => {
    await expect(prometheus.client.query('sum(')).rejects.toThrow(
      /^Prometheus \/api\/v1\/query: HTTP 400 .*parse error/
    );
    await expect(prometheus.client.query('up[1m]')).rejects.toThrow('up[1m]: expected an instant vector, got matrix');
    await expect(prometheus.client.waitFor('absent_series', { timeoutMs: 300, intervalMs: 50 })).rejects.toThrow(
      `Prometheus at ${prometheus.url}: absent_series returned 0 of 1 series within 0.3 s`
    );
  });

  it('stops by its PID and removes its temporary directory', async () => {
    const other = await startPrometheus({ config: {} });
    expect(existsSync(join(other.dir, 'prometheus.yml'))).toBe(true);
    await other.stop();
    expect(other.child.running).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
    await other.stop();
  });

  it('keeps a directory and storage it was given, with the retention asked', async () => {
    const storage = join(dir, 'backfilled');
    const other = await startPrometheus({ config: { evaluationIntervalMs: 60_000 }, dir, storage, retention: '60d' });
    try {
      const flags = (await (await fetch(`${other.url}/api/v1/status/flags`)).json()) as {
        data: Record<string, string>;
      };
      expect(flags.data['storage.tsdb.path']).toBe(storage);
      expect(flags.data['storage.tsdb.retention.time']).toBe('60d');
      expect(flags.data['web.listen-address']).toBe(other.url.replace('http://', ''));
    } finally {
      await other.stop();
    }
    expect(existsSync(join(storage, 'wal'))).toBe(true);
    expect(existsSync(join(dir, 'prometheus.yml'))).toBe(true);
  });

  it('fails to start in one first line, with its output below', async () => {
    writeFileSync(
      join(dir, 'bad.yml'),
      'groups:\n  - name: bad\n    rules:\n      - record: bad\n        expr: sum(\n'
    );
    const error = await startPrometheus({ config: { ruleFiles: [join(dir, 'bad.yml')] } }).then(
      async (started) => {
        await started.stop();
        return null;
      },
      (e: Error) => e
    );
    expect(error).not.toBeNull();
    const [first, ...rest] = error!.message.split('\n');
    expect(first).toMatch(/^Prometheus did not start: exited \(.*error loading config.*\)$/);
    expect(rest.join('\n')).toContain('unclosed left parenthesis');
  });
});
