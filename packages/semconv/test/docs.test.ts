import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, prometheusName } from '@modelwatch/semconv';

describe('docs/semantic-conventions.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/semantic-conventions.md'), 'utf8');

  it.each(Object.entries(METRICS))('documents %s with its unit and both Prometheus names', (_key, metric) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${metric.name}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${metric.kind} |`);
    expect(row).toContain(`\`${metric.unit}\``);
    expect(row).toContain(`\`${prometheusName(metric, 'exporter-prometheus')}\``);
    expect(row).toContain(`\`${prometheusName(metric, 'otlp')}\``);
    for (const attribute of metric.attributes) expect(row).toContain(`\`${attribute}\``);
  });
});
