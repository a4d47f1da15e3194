import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ATTR, AUDIT_EVENT, AUDIT_SAMPLING_RULE, METRICS, prometheusName } from '@modelwatch/semconv';

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

describe('docs/semantic-conventions.md, audit events', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/semantic-conventions.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Audit events'));

  it('names both events', () => {
    for (const name of Object.values(AUDIT_EVENT)) expect(section).toContain(`\`${name}\``);
  });

  it.each(Object.entries(AUDIT_ATTR))('documents the attribute %s in a table row', (_key, attribute) => {
    expect(section.split('\n').some((line) => line.startsWith('| ') && line.includes(`\`${attribute}\``))).toBe(true);
  });

  it('lists every sampling rule', () => {
    for (const rule of Object.values(AUDIT_SAMPLING_RULE)) expect(section).toContain(`\`${rule}\``);
  });
});
