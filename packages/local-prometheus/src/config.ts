// prometheus.yml from a few settings: the global intervals, rule files and static scrape targets.
import type { PrometheusConfig } from './types.js';

/** Prometheus' duration syntax: whole seconds as `5s`, anything else in milliseconds. */
function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

function globalSection(c: PrometheusConfig): string[] {
  // A scrape must end before the next one starts; Prometheus rejects a timeout longer than the interval.
  const timeout =
    c.scrapeTimeoutMs ??
    (c.scrapeIntervalMs === undefined ? undefined : Math.max(100, Math.floor(c.scrapeIntervalMs * 0.8)));
  const settings: [string, number | undefined][] = [
    ['scrape_interval', c.scrapeIntervalMs],
    ['scrape_timeout', timeout],
    ['evaluation_interval', c.evaluationIntervalMs],
  ];
  const lines = settings.filter(([, ms]) => ms !== undefined).map(([key, ms]) => `  ${key}: ${duration(ms!)}`);
  return lines.length > 0 ? ['global:', ...lines] : [];
}

export function prometheusYaml(c: PrometheusConfig): string {
  const lines = globalSection(c);
  if (c.ruleFiles?.length) lines.push('rule_files:', ...c.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`));
  if (c.scrape?.length) {
    lines.push('scrape_configs:');
    for (const { job, targets } of c.scrape) {
      lines.push(
        `  - job_name: ${JSON.stringify(job)}`,
        '    static_configs:',
        `      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]`
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
