import type { CheckReport, ColumnDrift, Violation } from '../check/report.js';
import type { AuditReport } from './audit-input.js';
import { CHART } from './chart-specs.js';
import type { ModelCard } from './model-card.js';
import type { EvidenceReport, LiveEvidence, StatisticOverTime } from './types.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (x: number | null | undefined, digits = 4): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`;
const pValue = (p: number | null | undefined): string =>
  p === null || p === undefined ? '—' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
/** Seconds since the epoch as UTC, to the second: the same text on every machine. */
export const utc = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = []
): string {
  const cell = (tag: string, c: string, i: number): string =>
    `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${c}</${tag}>`;
  const head = `<tr>${header.map((h, i) => cell('th', esc(h), i)).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function figure(charts: ReadonlyMap<string, string>, id: string, caption: string): string {
  const svg = charts.get(id);
  if (!svg) return '';
  return `<figure class="chart" id="${esc(id)}">\n${svg}\n<figcaption>${esc(caption)}</figcaption>\n</figure>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

const list = (items: readonly string[]): string =>
  items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '<p class="muted">Not stated.</p>';

/** The headline numbers the model card's quantitative analyses point to: what this report measured. */
function measuredRows(report: EvidenceReport): string[][] {
  const rows: string[][] = [];
  const c = report.check;
  if (c) {
    for (const m of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc']) {
      if (typeof c.performance?.[m] === 'number') rows.push([`${m}, current`, num(c.performance[m])]);
      else if (typeof c.estimatedPerformance?.[m] === 'number')
        rows.push([`${m}, estimated`, num(c.estimatedPerformance[m])]);
    }
    for (const [attribute, f] of Object.entries(c.fairness ?? {}))
      rows.push([`disparate impact by ${esc(attribute)}`, num(f.eligible.disparateImpact, 3)]);
  }
  const live = report.live;
  if (live) {
    for (const s of live.performance) {
      for (const series of s.series) {
        const last = [...series.points].reverse().find((p) => p[1] !== null)?.[1] ?? null;
        const labels = Object.values(series.labels).map(esc).join(', ');
        rows.push([`${esc(s.statistic)} (${labels}) at the end`, num(last)]);
      }
    }
    for (const slo of live.slos)
      rows.push([
        `${esc(slo.slo)} SLO attainment (${esc(slo.version)})`,
        slo.attainment === null ? '—' : `${(100 * slo.attainment).toFixed(3)}%`,
      ]);
    rows.push(['alerts fired in the period', String(live.alerts.length)]);
  }
  return rows;
}

function cardBody(card: ModelCard, report: EvidenceReport): string {
  const d = card.modelDetails;
  const details: [string, string | undefined][] = [
    ['Name', d.name],
    ['Version', d.version],
    ['Date', d.date],
    ['Type', d.type],
    ['License', d.license],
    ['Citation', d.citation],
  ];
  const rows = details.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => [esc(k), esc(v)]);
  const owners = d.owners.map((o) =>
    [o.name, o.role, o.contact].filter((x): x is string => x !== undefined).join(', ')
  );
  const data = (title: string, ds: ModelCard['evaluationData']): string =>
    ds
      ? `<h4>${title}</h4>${list(ds.datasets)}${ds.motivation ? `<p>${esc(ds.motivation)}</p>` : ''}${ds.preprocessing ? `<p>${esc(ds.preprocessing)}</p>` : ''}`
      : `<h4>${title}</h4><p class="muted">Not stated.</p>`;
  const measured = measuredRows(report);
  return [
    '<h3>Model details</h3>',
    d.description ? `<p>${esc(d.description)}</p>` : '',
    table(['', ''], rows),
    '<h4>Owners</h4>',
    list(owners),
    d.references.length ? `<h4>References</h4>${list(d.references)}` : '',
    '<h3>Intended use</h3>',
    '<h4>Primary uses</h4>',
    list(card.intendedUse.primaryUses),
    '<h4>Primary users</h4>',
    list(card.intendedUse.primaryUsers),
    '<h4>Out-of-scope uses</h4>',
    list(card.intendedUse.outOfScopeUses),
    '<h3>Factors</h3>',
    '<h4>Relevant factors</h4>',
    list(card.factors?.relevantFactors ?? []),
    '<h4>Evaluation factors</h4>',
    list(card.factors?.evaluationFactors ?? []),
    '<h3>Metrics</h3>',
    list(card.metrics?.performanceMeasures ?? []),
    card.metrics?.decisionThresholds ? `<p>Decision thresholds: ${esc(card.metrics.decisionThresholds)}</p>` : '',
    card.metrics?.variationApproaches ? `<p>Variation: ${esc(card.metrics.variationApproaches)}</p>` : '',
    '<h3>Evaluation and training data</h3>',
    data('Evaluation data', card.evaluationData),
    data('Training data', card.trainingData),
    '<h3>Quantitative analyses</h3>',
    card.quantitativeAnalyses ? `<p>${esc(card.quantitativeAnalyses)}</p>` : '',
    measured.length
      ? `<p>Measured for this report (details in the sections below):</p>\n${table(['measure', 'value'], measured, [1])}`
      : '<p class="muted">Nothing measured.</p>',
    '<h3>Ethical considerations</h3>',
    list(card.ethicalConsiderations),
    '<h3>Caveats and recommendations</h3>',
    list(card.caveatsAndRecommendations),
  ]
    .filter(Boolean)
    .join('\n');
}

function driftRow(name: string, d: ColumnDrift): string[] {
  const test =
    d.type === 'numeric'
      ? `KS ${num(d.ks?.statistic, 3)}, p = ${pValue(d.ks?.pValue)}; Wasserstein ${num(d.wasserstein, 3)}`
      : `χ² ${num(d.chiSquare?.statistic, 2)}, p = ${pValue(d.chiSquare?.pValue)}, df ${d.chiSquare?.df ?? '—'}; new ${pct(d.newCategoryShare)}`;
  return [
    esc(name) + (d.role === 'feature' ? '' : ` <span class="muted">(${esc(d.role)})</span>`),
    d.type,
    num(d.psi),
    num(d.jensenShannon),
    esc(test),
    pct(d.missingShare.current),
    d.drifted ? '<strong class="bad">drift</strong>' : 'ok',
  ];
}

function checkSections(check: CheckReport, charts: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const perf = check.performance;
  const est = check.estimatedPerformance;
  const ref = check.referencePerformance;
  if (perf || est) {
    const metrics = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'brier', 'ece'];
    const rows = metrics
      .filter((m) => (perf && m in perf) || (est && m in est))
      .map((m) => [m, num(ref?.[m]), num(perf?.[m]), num(est?.[m])]);
    out.push(
      section(
        'performance',
        'Performance',
        [
          `<p>Reference ${check.rows.reference} rows, current ${check.rows.current} rows. Estimated: label-free (CBPE) from the current scores.</p>`,
          table(['metric', 'reference', 'current', 'estimated'], rows, [1, 2, 3]),
          figure(charts, CHART.performance, 'Realized and estimated performance against the reference.'),
        ].join('\n')
      )
    );
  }
  const drift = Object.entries(check.drift).map(([n, d]) => driftRow(n, d));
  out.push(
    section(
      'drift',
      'Drift',
      [
        table(['column', 'type', 'PSI', 'Jensen-Shannon', 'test', 'missing', 'status'], drift, [2, 3, 5]),
        figure(charts, CHART.drift, 'Population stability index of each column against the reference.'),
      ].join('\n')
    )
  );
  const fairness = Object.entries(check.fairness ?? {}).map(([attribute, f]) => {
    const ci = (i: { lower: number | null; upper: number | null } | undefined): string =>
      i ? `${pct(i.lower)} – ${pct(i.upper)}` : '—';
    const rows = Object.entries(f.groups).map(([g, m]) => [
      esc(g) + (m.inconclusive ? ' <span class="muted">(small)</span>' : ''),
      String(m.count),
      pct(m.selectionRate),
      ci(m.intervals.selectionRate),
      pct(m.tpr),
      ci(m.intervals.tpr),
      pct(m.fpr),
      ci(m.intervals.fpr),
    ]);
    return [
      `<h3>By ${esc(attribute)}</h3>`,
      table(
        ['group', 'count', 'selection rate', 'interval', 'TPR', 'interval', 'FPR', 'interval'],
        rows,
        [1, 2, 3, 4, 5, 6, 7]
      ),
      `<p>Disparate impact ${num(f.disparateImpact, 3)}, demographic parity difference ${num(f.demographicParityDifference, 3)}, equalized odds difference ${num(f.equalizedOddsDifference, 3)}; judged over groups of at least ${f.minGroupSize}: disparate impact ${num(f.eligible.disparateImpact, 3)}. Intervals: Wilson, ${Math.round(f.confidence * 100)}%.</p>`,
      figure(charts, CHART.fairness(attribute), `Selection rate by ${attribute} with Wilson intervals.`),
    ].join('\n');
  });
  if (fairness.length) out.push(section('fairness', 'Fairness', fairness.join('\n')));
  return out;
}

function overTimeTable(statistics: readonly StatisticOverTime[]): string {
  const rows: string[][] = [];
  for (const s of statistics) {
    for (const series of s.series) {
      const values = series.points.map((p) => p[1]).filter((v): v is number => v !== null);
      const last = values.length ? values[values.length - 1]! : null;
      rows.push([
        esc(s.statistic),
        esc(
          Object.entries(series.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        ),
        num(values.length ? Math.min(...values) : null),
        num(values.length ? Math.max(...values) : null),
        num(last),
      ]);
    }
  }
  if (rows.length === 0) return '<p class="muted">No recorded series in the period.</p>';
  return table(['statistic', 'series', 'min', 'max', 'last'], rows, [2, 3, 4]);
}

function overTimeFigures(
  section: string,
  statistics: readonly StatisticOverTime[],
  charts: ReadonlyMap<string, string>
): string {
  return statistics
    .map((s) => figure(charts, CHART.overTime(section, s.name), `${s.statistic} (${s.name}) over the period.`))
    .filter(Boolean)
    .join('\n');
}

function liveSections(live: LiveEvidence, charts: ReadonlyMap<string, string>): string[] {
  const w = live.windows;
  const out: string[] = [];
  out.push(
    section(
      'performance',
      'Performance over time',
      [
        `<p>Realized (labelled outcomes) and estimated (CBPE, scores alone) metrics, each over a sliding ${esc(w.performance ?? '—')} window.</p>`,
        overTimeTable(live.performance),
        overTimeFigures('performance', live.performance, charts),
      ].join('\n')
    )
  );
  out.push(
    section(
      'drift',
      'Drift over time',
      [
        `<p>Each feature against the reference profile, over a sliding ${esc(w.drift ?? '—')} window.</p>`,
        overTimeTable(live.drift),
        overTimeFigures('drift', live.drift, charts),
      ].join('\n')
    )
  );
  const attributes = [...new Set(live.fairness.map((g) => g.attribute))];
  const groups = attributes.map((attribute) => {
    const rows = live.fairness
      .filter((g) => g.attribute === attribute)
      .map((g) => [
        esc(g.group) + (g.inconclusive ? ' <span class="muted">(small)</span>' : ''),
        esc(g.version),
        num(g.count, 1),
        pct(g.selectionRate),
        `${pct(g.interval.lower)} – ${pct(g.interval.upper)}`,
      ]);
    return [
      `<h3>By ${esc(attribute)}</h3>`,
      table(['group', 'version', 'predictions', 'selection rate', 'interval'], rows, [2, 3, 4]),
      figure(charts, CHART.groups(attribute), `Selection rate by ${attribute} at the end of the period.`),
    ].join('\n');
  });
  out.push(
    section(
      'fairness',
      'Fairness',
      [
        `<p>Group selection rates over the ${esc(w.fairness ?? '—')} window ending at ${utc(live.period.to)}, with ${Math.round(live.confidence * 100)}% Wilson intervals; groups of fewer than ${live.minGroupSize} predictions are reported, never judged.</p>`,
        ...groups,
        overTimeTable(live.fairnessOverTime),
        overTimeFigures('fairness', live.fairnessOverTime, charts),
      ].join('\n')
    )
  );
  const slos = live.slos.map((s) => [
    esc(s.slo),
    esc(s.version),
    pct(s.objective),
    esc(s.period),
    s.attainment === null ? '—' : `${(100 * s.attainment).toFixed(3)}%`,
    pct(s.budgetRemaining),
    s.attainment === null ? '—' : s.attainment >= s.objective ? 'met' : '<strong class="bad">missed</strong>',
  ]);
  out.push(
    section(
      'slo',
      'Service-level objectives',
      [
        slos.length
          ? table(
              ['SLO', 'version', 'objective', 'period', 'attainment', 'budget remaining', 'status'],
              slos,
              [2, 4, 5]
            )
          : '<p class="muted">No SLO series in the period.</p>',
        `<p>Attainment is one minus the error ratio over the SLO period ending at ${utc(live.period.to)}.</p>`,
        figure(charts, CHART.budget, 'Error budget remaining over the period.'),
      ].join('\n')
    )
  );
  const alerts = live.alerts.map((a) => [
    esc(a.alertname),
    esc(a.severity),
    esc(
      Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    ),
    utc(a.start),
    a.ongoing ? `${utc(a.end)} (still firing)` : utc(a.end),
  ]);
  out.push(
    section(
      'alerts',
      'Alerts',
      alerts.length
        ? `<p>${alerts.length} alert${alerts.length === 1 ? '' : 's'} fired in the period, each from its first to its last firing evaluation.</p>\n${table(['alert', 'severity', 'labels', 'start', 'end'], alerts)}`
        : '<p>No alert fired in the period.</p>'
    )
  );
  return out;
}

function policySection(policies: readonly AuditReport[], charts: ReadonlyMap<string, string>): string {
  const parts = policies.map((p, i) => {
    const threshold =
      p.threshold === undefined
        ? ''
        : ` Threshold ${num(p.threshold, 2)}${p.thresholdSource === 'organisation' ? ", the organisation's policy" : p.thresholdSource === 'law' ? ', the legal one' : ''}.`;
    const head = [
      `<h3>${esc(p.policy)}</h3>`,
      p.reference ? `<p>${esc(p.reference)}</p>` : '',
      `<p>${p.rows} rows; ${p.rate === 'scoring' ? `scoring rate: the share scoring above the median ${num(p.median ?? null)}` : 'selection rate'}. Excluded categories do not count towards the highest rate.${threshold}</p>`,
      p.notes?.length ? list(p.notes) : '',
    ]
      .filter(Boolean)
      .join('\n');
    const attributes = Object.entries(p.attributes).map(([attribute, a]) => {
      const rows = Object.entries(a.categories).map(([c, v]) => [
        esc(c),
        String(v.count),
        String(v.selected),
        pct(v.rate),
        num(v.impactRatio, 3),
        v.excluded ? 'excluded' : v.belowThreshold ? '<strong class="bad">below threshold</strong>' : '',
      ]);
      return [
        `<h4>${esc(attribute)}</h4>`,
        table(['category', 'count', 'selected', 'rate', 'impact ratio', ''], rows, [1, 2, 3, 4]),
        `<p>Unknown ${esc(attribute)}: ${a.unknown} rows.</p>`,
        figure(charts, CHART.policy(i, attribute), `Impact ratio by ${attribute}.`),
      ].join('\n');
    });
    return [head, ...attributes].join('\n');
  });
  return section('policies', 'Policy packs', parts.join('\n'));
}

function violationsSection(violations: readonly Violation[]): string {
  const rows = violations.map((v) => [
    v.severity === 'critical' ? '<strong class="bad">critical</strong>' : 'warning',
    esc(v.check),
    esc(v.subject),
    esc(v.message),
  ]);
  return section(
    'violations',
    'Violations',
    rows.length ? table(['severity', 'check', 'subject', 'message'], rows) : '<p>No violations.</p>'
  );
}

function inputsSection(report: EvidenceReport): string {
  const rows = report.inputs.map((i) => [esc(i.role), esc(i.name), `<code>${i.sha256}</code>`]);
  const queries = report.live
    ? [
        '<h3>Queries</h3>',
        `<p>Sent to ${esc(report.live.prometheus)}; their text and times are hashed above as “queries”.</p>`,
        table(
          ['purpose', 'kind', 'query', 'time'],
          report.live.queries.map((q) => [
            esc(q.purpose),
            q.kind,
            `<code>${esc(q.query)}</code>`,
            q.kind === 'range' ? `${utc(q.start!)} – ${utc(q.end)}, step ${q.step}s` : utc(q.end),
          ])
        ),
      ].join('\n')
    : '';
  return section(
    'inputs',
    'Inputs',
    [
      '<p>SHA-256 of every input. The same inputs give this report byte for byte; <code>sha256sum -c</code> on the <code>.sha256</code> file beside it checks the report itself.</p>',
      table(['role', 'name', 'SHA-256'], rows),
      queries,
    ].join('\n')
  );
}

const STYLE = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #111; max-width: 980px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 24px; margin-bottom: 0.2em; }
h2 { font-size: 19px; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
h3 { font-size: 16px; margin-top: 1.3em; }
h4 { font-size: 14px; margin: 0.9em 0 0.3em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12px; word-break: break-all; }
.muted { color: #666; }
.bad { color: #a00; }
figure.chart { margin: 1em 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #555; }
.summary { display: flex; gap: 2em; }
nav ol { columns: 2; margin: 0.5em 0; padding-left: 1.5em; }
nav a { color: #1f4e99; }
.summary div { border: 1px solid #ccc; padding: 0.5em 1em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  nav a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  figure.chart, table, tr { break-inside: avoid; }
  #inputs { break-before: page; }
}
@page { size: A4; margin: 15mm; }
`;

/** The report as one self-contained page: styles inline, charts as inline SVG, no scripts, nothing fetched. */
export function renderHtml(report: EvidenceReport, charts: ReadonlyMap<string, string>): string {
  const m = report.model;
  const name = `${m.name}${m.version ? ` ${m.version}` : ''}`;
  const live = report.live;
  const scope = live
    ? `Live monitoring history from ${utc(live.period.from)} to ${utc(live.period.to)} (step ${live.period.step}s).`
    : report.check
      ? `Reference ${report.check.rows.reference} rows against current ${report.check.rows.current} rows.`
      : '';
  const summary = `<div class="summary"><div><strong>${report.summary.violations}</strong> violation${report.summary.violations === 1 ? '' : 's'}</div>${live ? `<div><strong>${report.summary.alerts}</strong> alert${report.summary.alerts === 1 ? '' : 's'} fired</div>` : ''}<div><strong>${report.summary.policies}</strong> policy pack${report.summary.policies === 1 ? '' : 's'}</div></div>`;
  const sections = [
    section('summary', 'Summary', `<p>${esc(scope)}</p>\n${summary}`),
    report.modelCard ? section('model-card', 'Model card', cardBody(report.modelCard, report)) : '',
    ...(report.check ? checkSections(report.check, charts) : []),
    ...(live ? liveSections(live, charts) : []),
    report.policies.length ? policySection(report.policies, charts) : '',
    violationsSection(report.violations),
    report.check?.notes.length ? section('notes', 'Notes', list(report.check.notes)) : '',
    inputsSection(report),
  ].filter(Boolean);
  // A contents list of in-page links: they move within the file and fetch nothing.
  const contents = sections
    .map((x) => /^<section id="([^"]+)">\n<h2>([^<]*)<\/h2>/.exec(x))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `<li><a href="#${m[1]}">${m[2]}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${esc(`${report.generator.name} ${report.generator.version}`)}">
<title>Evidence report: ${esc(name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Evidence report: ${esc(name)}</h1>
<p class="muted">Written by ${esc(report.generator.name)} ${esc(report.generator.version)} from ${report.source === 'files' ? 'data files' : 'Prometheus'}.</p>
<nav><ol>${contents}</ol></nav>
</header>
${sections.join('\n')}
</body>
</html>
`;
}
