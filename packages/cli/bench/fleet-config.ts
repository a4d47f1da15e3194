/**
 * A modelwatch.yaml for a fleet of `count` model entries, varied the way real fleets are: every area on and off,
 * both baselines, several windows and levels, version selectors (a model with two or three entries), regression
 * models, labels and runbooks per model, policy packs with options, protected attributes (one called
 * `__proto__`), names that are not valid dashboard uids, and values holding `{{` and `$` that the writers escape.
 * Deterministic: entry i always reads the same, so a fleet of 60 and one of 10,000 start alike.
 */
export function fleetConfig(count: number, naming: 'exporter-prometheus' | 'otlp' = 'exporter-prometheus'): string {
  const lines = [
    `# ${count} model entries, generated for the fleet benchmark and the fleet golden test.`,
    `naming: ${naming}`,
    'interval: 30s',
    'labels: { team: "risk {{ platform }}", cost_centre: "cc$42" }',
    'runbookUrl: https://runbooks.example.com/modelwatch',
    'grafana: { datasourceUid: mimir, folder: ML alerts, baseInterval: 20s }',
    'models:',
  ];
  for (let i = 0; i < count;) {
    // Every seventh model has entries per version (two, or three for every 21st).
    const versions = i % 7 === 3 ? (i % 21 === 3 ? 3 : 2) : 1;
    for (let v = 0; v < versions && i < count; v++, i++) lines.push(...entry(i, versions > 1 ? v : null));
  }
  return `${lines.join('\n')}\n`;
}

const WINDOWS = ['30m', '1h', '2h', '6h'];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

function modelName(i: number): string {
  if (i % 97 === 11) return `Fraud Score / EU #${i}`;
  if (i % 89 === 5) return `a-model-name-long-enough-to-need-a-hashed-uid-${i}`;
  return `model-${String(i).padStart(5, '0')}`;
}

function entry(i: number, version: number | null): string[] {
  // Entries of one model share the name of their first index.
  const name = version === null ? modelName(i) : modelName(i - version);
  const regression = i % 11 === 4;
  const out = [`  - name: "${name}"`];
  if (version !== null) out.push(`    version: '${version + 1}\\..*'`);
  if (regression) out.push('    task: regression');
  else out.push('    classes: { positive: "yes", negative: "no" }');
  if (i % 5 === 1) out.push(`    bins: ${8 + (i % 4)}`);
  if (i % 6 === 2) out.push(`    labels: { service: "svc-${i % 13}", tier: "{{ gold }}" }`);
  if (i % 8 === 5) out.push(`    runbookUrl: https://runbooks.example.com/models/${i}`);
  if (i % 10 !== 9) {
    out.push(
      '    drift:',
      `      window: ${pick(WINDOWS, i)}`,
      `      for: ${pick(['5m', '15m', '30m'], i)}`,
      `      minSamples: ${100 + (i % 5) * 50}`,
      `      baseline: { reference: ${i % 9 !== 4}, lastWeek: ${i % 3 === 0 || i % 9 === 4}, offset: ${pick(['1w', '1d'], i)} }`,
      `      psi: { warning: ${0.1 + (i % 3) * 0.05}, critical: ${i % 4 === 0 ? 'null' : 0.3} }`,
      `      jensenShannon: { warning: 0.1${i % 2 ? ', critical: 0.2' : ''} }`
    );
    if (i % 4 === 1) out.push('      chiSquare: { warning: 50, critical: 200 }');
    if (i % 4 === 2) out.push('      ks: { warning: 0.1 }');
  }
  if (i % 3 !== 2) {
    out.push(
      '    dataQuality:',
      `      window: ${pick(WINDOWS, i + 1)}`,
      `      missing: { warning: 0.0${1 + (i % 5)}, critical: 0.2 }`
    );
    if (i % 2 === 0) out.push('      unknown_feature: { warning: 0.01 }');
  }
  if (!regression && i % 4 !== 3) {
    out.push(
      '    performance:',
      `      window: ${pick(['12h', '1d'], i)}`,
      `      minOutcomes: ${200 + (i % 3) * 100}`,
      '      realized: { f1: { warning: 0.5, critical: 0.4 }, accuracy: { warning: 0.8 } }'
    );
    if (i % 2 === 1) out.push('      estimated: { f1: { warning: 0.5 }, precision: { warning: 0.7, critical: 0.6 } }');
  }
  if (!regression && i % 5 !== 2) {
    out.push(
      '    fairness:',
      `      minGroupSize: ${30 + (i % 4) * 10}`,
      '      attributes:',
      '        gender: { disparateImpact: { warning: 0.8, critical: 0.6 }, fnrDifference: { warning: 0.1 } }'
    );
    if (i % 3 === 0) out.push('        age_band: { minGroupSize: 40, equalizedOddsDifference: { critical: 0.3 } }');
    if (i % 50 === 7) out.push('        __proto__: { demographicParityDifference: { warning: 0.1 } }');
  }
  if (i % 4 !== 2) {
    out.push('    slos:', `      period: ${pick(['28d', '30d', '7d'], i)}`);
    out.push('      latency: { objective: 0.99, threshold: 0.25 }');
    if (i % 2 === 0) out.push('      availability: { objective: 0.999 }');
    if (!regression && i % 3 === 1) out.push('      quality: { objective: 0.85 }');
    if (i % 6 === 5)
      out.push(
        '      alerts:',
        '        - { severity: page, long: 30m, short: 3m, burnRate: 20, for: 1m }',
        '        - { severity: ticket, long: 1d, short: 2h, burnRate: 2 }'
      );
  }
  if (!regression && i % 8 === 0) {
    out.push(
      i % 16 === 0
        ? '    policies: [four-fifths, { name: nyc-ll144, threshold: 0.9, excludeBelow: 0.05 }]'
        : '    policies: [four-fifths]'
    );
    if (i % 16 === 8) out.push('    favourable: negative');
  }
  return out;
}
