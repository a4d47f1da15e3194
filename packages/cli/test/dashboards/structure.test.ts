import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse } from 'yaml';
import { ROOT, scratchDir } from '../run-cli';
import { generateRules } from '../rules/tools';
import {
  DASHBOARDS_TEST_DIR,
  generateDashboards,
  panelsOf,
  panelTitled,
  promExpressions,
  recordedNames,
  type Dashboard,
  type Panel,
} from './support';

const LENDING = join(ROOT, 'examples/lending/modelwatch.yaml');
const FIXTURE = join(DASHBOARDS_TEST_DIR, 'fixtures/fleet.modelwatch.yaml');
const CONFIGS = [
  { name: 'lending', config: LENDING, datasourceUid: 'prometheus' },
  { name: 'fixture', config: FIXTURE, datasourceUid: 'prom-main' },
];
/** Grafana's own variables; every other `$name` must be a variable of the dashboard. */
const BUILTIN = new Set(['__rate_interval', '__interval', '__range', '__data', '__url_time_range', '__all']);

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const generated = new Map(
  CONFIGS.map((c) => [c.name, generateDashboards(['--config', c.config], join(scratch, c.name))])
);
const plugin = generateDashboards(['--plugin'], join(scratch, 'plugin'));

function usedVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([a-zA-Z_][a-zA-Z0-9_]*)|\$([a-zA-Z_][a-zA-Z0-9_]*)/g)]
    .map((m) => (m[1] ?? m[2])!)
    .filter((v) => !BUILTIN.has(v));
}

function stepsOf(panel: Panel): (number | null)[] | undefined {
  return panel.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value);
}

describe('every dashboard', () => {
  const all = [...[...generated.values()].flatMap((m) => [...m.entries()]), ...plugin.entries()];

  it('has a unique, valid uid that also names its file, and the SDK schemaVersion', () => {
    const uids = [...plugin.values(), ...generated.get('lending')!.values()].map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const [file, d] of all) {
      expect(d.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
      if (!['modelwatch-overview.json', 'modelwatch-model.json'].includes(file)) expect(file).toBe(`${d.uid}.json`);
      expect(d.schemaVersion).toBe(defaultDashboard().schemaVersion);
      expect(d.tags).toContain('modelwatch');
    }
  });

  it('gives every panel a datasource and queries with unique ids on it', () => {
    for (const [, d] of all) {
      for (const p of panelsOf(d)) {
        const where = `${d.uid} '${p.title}'`;
        expect({ where, datasource: p.datasource?.uid }).toEqual({ where, datasource: expect.any(String) });
        expect({ where, targets: (p.targets ?? []).length > 0 }).toEqual({ where, targets: true });
        const ids = p.targets!.map((t) => t.refId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const t of p.targets!)
          expect({ where, datasource: t.datasource }).toEqual({ where, datasource: p.datasource });
      }
    }
  });

  it('uses only variables it defines', () => {
    for (const [, d] of all) {
      const defined = new Set(d.templating.list.map((v) => v.name));
      const texts = [
        ...panelsOf(d).flatMap((p) => [
          p.title,
          p.datasource?.uid ?? '',
          ...(p.targets ?? []).map((t) => JSON.stringify(t)),
          p.repeat ? `$${p.repeat}` : '',
        ]),
        ...d.templating.list.map((v) => `${v.query ?? ''} ${v.datasource?.uid ?? ''}`),
        ...d.panels.filter((p) => p.type === 'row').map((p) => p.title),
      ];
      for (const v of texts.flatMap(usedVariables))
        expect({ dashboard: d.uid, variable: v, defined: defined.has(v) }).toEqual({
          dashboard: d.uid,
          variable: v,
          defined: true,
        });
    }
  });

  it('lays panels out on the 24-column grid without overlaps', () => {
    for (const [, d] of all) {
      const cells = new Set<string>();
      for (const p of d.panels) {
        const { x, y, w, h } = p.gridPos;
        expect(x + w).toBeLessThanOrEqual(24);
        for (let i = x; i < x + w; i++) {
          for (let j = y; j < y + h; j++) {
            expect({ dashboard: d.uid, panel: p.title, cell: `${i},${j}`, free: !cells.has(`${i},${j}`) }).toEqual({
              dashboard: d.uid,
              panel: p.title,
              cell: `${i},${j}`,
              free: true,
            });
            cells.add(`${i},${j}`);
          }
        }
      }
    }
  });
});

describe.each(CONFIGS)('dashboards of the $name config', ({ name, config, datasourceUid }) => {
  const dashboards = generated.get(name)!;
  const fleet = dashboards.get('modelwatch-fleet.json')!;
  const models = [...dashboards.values()].filter((d) => d !== fleet);
  const yaml = parse(readFileSync(config, 'utf8')) as { models: { name: string }[] };

  it('are a fleet dashboard and one per model name', () => {
    expect(fleet.uid).toBe('modelwatch-fleet');
    expect(models.map((d) => d.title).sort()).toEqual(
      [...new Set(yaml.models.map((m) => m.name))].map((n) => `Modelwatch / ${n}`).sort()
    );
  });

  it('query the configured Prometheus datasource', () => {
    for (const d of dashboards.values()) {
      for (const p of panelsOf(d)) expect(p.datasource).toEqual({ type: 'prometheus', uid: datasourceUid });
      for (const v of d.templating.list.filter((x) => x.type === 'query'))
        expect(v.datasource).toEqual({ type: 'prometheus', uid: datasourceUid });
    }
  });

  it('read only series that `modelwatch rules` records for the same config', () => {
    const records = new Set(
      generateRules(config, join(scratch, `${name}-rules`)).flatMap((f) =>
        (parse(readFileSync(f, 'utf8')) as { groups: { rules: { record?: string }[] }[] }).groups.flatMap((g) =>
          g.rules.flatMap((r) => (r.record ? [r.record] : []))
        )
      )
    );
    const read = [...dashboards.values()].flatMap((d) => promExpressions(d).flatMap((e) => recordedNames(e.expr)));
    expect(read.length).toBeGreaterThan(0);
    expect([...new Set(read)].filter((n) => !records.has(n))).toEqual([]);
  });

  it('select models and versions with query variables, and link the fleet and the models both ways', () => {
    const vars = (d: Dashboard) => Object.fromEntries(d.templating.list.map((v) => [v.name, v]));
    expect(vars(fleet).model).toMatchObject({
      type: 'query',
      query: 'label_values(modelwatch_predictions_total, model_name)',
      multi: true,
      includeAll: true,
      allValue: '.*',
    });
    expect(vars(fleet).version).toMatchObject({
      type: 'query',
      query: 'label_values(modelwatch_predictions_total{model_name=~"$model"}, model_version)',
      includeAll: true,
    });
    const table = panelTitled(fleet, 'Models');
    const link = table
      .fieldConfig!.overrides.find((o) => o.matcher.options === 'model_name')!
      .properties.find((p) => p.id === 'links')!.value as { url: string }[];
    const uids = new Set(models.map((d) => d.uid));
    for (const m of models) {
      const model = m.title.replace('Modelwatch / ', '');
      expect(vars(m).model).toMatchObject({ type: 'constant', query: model });
      expect(vars(m).version).toMatchObject({
        type: 'query',
        query: `label_values(modelwatch_predictions_total{model_name=${JSON.stringify(model)}}, model_version)`,
      });
      expect(m.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: 'Fleet',
            url: `/d/modelwatch-fleet?var-model=${encodeURIComponent(model)}`,
            includeVars: true,
            keepTime: true,
          }),
        ])
      );
      // The fleet's row link reaches every model whose name is a valid uid; the others are in the Models menu.
      const url = link[0]!.url
        .replaceAll('${__data.fields.model_name}', model)
        .replaceAll('${__data.fields.model_version}', '1');
      const target = /^\/d\/([^?]+)\?var-model=([^&]+)&var-version=1&\$\{__url_time_range\}$/.exec(url)!;
      expect(target[2]).toBe(model);
      expect(uids.has(target[1]!)).toBe(
        /^[a-zA-Z0-9_-]+$/.test(model) && model !== 'fleet' && `modelwatch-${model}`.length <= 40
      );
      expect(m.tags).toContain('modelwatch-model');
    }
    expect(fleet.links).toEqual([
      expect.objectContaining({ type: 'dashboards', tags: ['modelwatch-model'], asDropdown: true }),
    ]);
  });

  it('mark the Modelwatch alerts Prometheus fires', () => {
    for (const d of dashboards.values()) {
      expect(d.annotations.list.find((a) => a.name === 'Modelwatch alerts')?.expr).toMatch(
        /^ALERTS\{alertname=~"Modelwatch\.\*", alertstate="firing"/
      );
    }
  });
});

describe('levels come from the config', () => {
  const config = parse(readFileSync(LENDING, 'utf8')) as {
    models: {
      drift: { psi: { warning: number; critical: number }; jensenShannon: { warning: number } };
      dataQuality: Record<string, { warning: number; critical?: number }>;
      performance: {
        realized: { f1: { warning: number; critical: number }; accuracy: { warning: number } };
        estimated: { f1: { warning: number } };
      };
      fairness: {
        attributes: {
          afam: { disparateImpact: { warning: number; critical: number }; fnrDifference: { warning: number } };
        };
      };
      slos: { latency: { threshold: number }; availability: { objective: number } };
    }[];
  };
  const m = config.models[0]!;
  const d = generated.get('lending')!.get('modelwatch-mortgage-approval.json')!;
  const fleet = generated.get('lending')!.get('modelwatch-fleet.json')!;

  it('draws drift and data-quality ceilings green → orange → red at warning and critical', () => {
    expect(stepsOf(panelTitled(d, 'PSI against the reference over 1h'))).toEqual([
      null,
      m.drift.psi.warning,
      m.drift.psi.critical,
    ]);
    expect(
      panelTitled(d, 'PSI against the reference over 1h').fieldConfig!.defaults.thresholds!.steps.map((s) => s.color)
    ).toEqual(['green', 'orange', 'red']);
    expect(stepsOf(panelTitled(d, 'Jensen–Shannon distance against the reference over 1h'))).toEqual([
      null,
      m.drift.jensenShannon.warning,
    ]);
    expect(stepsOf(panelTitled(d, 'Missing values'))).toEqual([
      null,
      m.dataQuality.missing!.warning,
      m.dataQuality.missing!.critical,
    ]);
    expect(stepsOf(panelTitled(d, 'Out of range values'))).toEqual([null, m.dataQuality.out_of_range!.warning]);
  });

  it('draws floors red → orange → green at critical and warning', () => {
    const f1 = panelTitled(d, 'F1: realized and estimated over 1d');
    expect(stepsOf(f1)).toEqual([null, m.performance.realized.f1.critical, m.performance.realized.f1.warning]);
    expect(f1.fieldConfig!.defaults.thresholds!.steps.map((s) => s.color)).toEqual(['red', 'orange', 'green']);
    expect(stepsOf(panelTitled(d, 'Accuracy: realized and estimated over 1d'))).toEqual([
      null,
      m.performance.realized.accuracy.warning,
    ]);
    expect(stepsOf(panelTitled(d, 'Precision: realized and estimated over 1d'))).toBeUndefined();
    const di = m.fairness.attributes.afam.disparateImpact;
    expect(stepsOf(panelTitled(d, 'Disparate impact across afam'))).toEqual([null, di.critical, di.warning]);
    expect(stepsOf(panelTitled(d, 'False negative rate difference across afam'))).toEqual([
      null,
      m.fairness.attributes.afam.fnrDifference.warning,
    ]);
  });

  it('draws the SLO lines: the availability budget on the error ratio and the latency threshold', () => {
    expect(stepsOf(panelTitled(d, 'Error ratio'))![1]).toBeCloseTo(1 - m.slos.availability.objective, 12);
    expect(stepsOf(panelTitled(d, 'Latency'))).toEqual([null, m.slos.latency.threshold]);
  });

  it('colours the fleet table columns with the same levels', () => {
    const table = panelTitled(fleet, 'Models');
    const steps = (column: string) =>
      (
        table
          .fieldConfig!.overrides.find((o) => o.matcher.options === column)!
          .properties.find((p) => p.id === 'thresholds')?.value as { steps: { value: number | null }[] } | undefined
      )?.steps.map((s) => s.value);
    expect(steps('Worst PSI')).toEqual([null, m.drift.psi.warning, m.drift.psi.critical]);
    expect(steps('F1 realized')).toEqual([null, m.performance.realized.f1.critical, m.performance.realized.f1.warning]);
    expect(steps('F1 estimated')).toEqual([null, m.performance.estimated.f1.warning]);
    expect(steps('Accuracy estimated')).toBeUndefined();
    expect(steps('Disparate impact')).toEqual([
      null,
      m.fairness.attributes.afam.disparateImpact.critical,
      m.fairness.attributes.afam.disparateImpact.warning,
    ]);
  });
});

describe('one dashboard for a model configured per version', () => {
  const dashboards = generated.get('fixture')!;
  const churn = dashboards.get('modelwatch-churn.json')!;

  it("reads each entry's window and draws only the levels the entries share", () => {
    const psi = panelTitled(churn, 'PSI against the reference');
    expect(psi.targets![0]!.expr).toBe(
      'modelwatch:feature_psi:1h{model_name="churn", model_version=~"$version", baseline="reference"} or modelwatch:feature_psi:6h{model_name="churn", model_version=~"$version", baseline="reference"}'
    );
    expect(stepsOf(psi)).toEqual([null, 0.1, 0.25]);
    // 1d and 12h windows, floors 0.6 and 0.7: no line would be right for both versions.
    const f1 = panelTitled(churn, 'F1: realized and estimated');
    expect(f1.targets![0]!.expr).toContain(
      'modelwatch:model_f1:ratio1d{model_name="churn", model_version=~"$version", source="realized"} or modelwatch:model_f1:ratio12h{'
    );
    expect(stepsOf(f1)).toBeUndefined();
    // Only the 2.x entry compares with last week.
    expect(panelTitled(churn, 'PSI against the same window 1w earlier over 6h').targets![0]!.expr).toBe(
      'modelwatch:feature_psi:6h{model_name="churn", model_version=~"$version", baseline="last_week"}'
    );
  });

  it('shows fairness for every attribute when none is configured', () => {
    expect(panelTitled(churn, 'Disparate impact across each protected attribute').targets![0]!.expr).toBe(
      'modelwatch:fairness_disparate_impact:1d{model_name="churn", model_version=~"$version"}'
    );
  });

  it("gives names that are not valid uids, and the fleet's own name, a stable hashed uid", () => {
    const uids = [...dashboards.values()].map((d) => d.uid).sort();
    expect(uids).toEqual([
      'modelwatch-churn',
      'modelwatch-fleet',
      'modelwatch-fleet-5eb2ce29',
      'modelwatch-price-estimator-v2-5892c1ea',
    ]);
  });

  it('leaves out what a regression model does not have, and uses the OTLP names of the Collector', () => {
    const price = dashboards.get('modelwatch-price-estimator-v2-5892c1ea.json')!;
    const rows = price.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['Service health', 'Drift', 'Data quality', 'Performance', 'SLOs']);
    // Its performance is MAE, RMSE, MAPE and bias from the error sums, not the classification panels.
    const titles = panelsOf(price).map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['MAE and RMSE over 1d', 'MAPE over 1d', 'Bias over 1d']));
    expect(titles.filter((t) => /F1|realized|Predictions by class|Labelled/.test(t))).toEqual([]);
    const sums = (counter: string) =>
      `sum by (model_name, model_version) (increase(modelwatch_regression_${counter}_total{model_name="price.estimator/v2", model_version=~"$version"}[1d]))`;
    expect(panelTitled(price, 'MAE and RMSE over 1d').targets!.map((t) => t.expr)).toEqual([
      `${sums('absolute_error')} / ${sums('outcomes')}`,
      `sqrt(${sums('squared_error')} / ${sums('outcomes')})`,
    ]);
    expect(panelTitled(price, 'Bias over 1d').targets![0]!.expr).toBe(
      `(${sums('over_prediction')} - ${sums('under_prediction')}) / ${sums('outcomes')}`
    );
    expect(panelTitled(price, 'MAPE over 1d').fieldConfig!.defaults.unit).toBe('percentunit');
    // Classifiers get no regression panels.
    expect(panelsOf(churn).filter((p) => /MAE|MAPE|Bias/.test(p.title))).toEqual([]);
    expect(panelTitled(price, 'Latency').targets![1]!.expr).toBe(
      'histogram_quantile(0.95, sum by (model_version, le) (rate(modelwatch_inference_duration_seconds_bucket{model_name="price.estimator/v2", model_version=~"$version"}[$__rate_interval])))'
    );
    expect(stepsOf(panelTitled(price, 'Binned KS against the reference over 1h'))).toEqual([null, 0.2]);
  });

  it('draws the burn-rate factors of the configured alerts', () => {
    const fleetModel = dashboards.get('modelwatch-fleet-5eb2ce29.json')!;
    const burn = panelTitled(fleetModel, 'Burn rate: quality');
    expect(burn.targets!.map((t) => t.expr)).toEqual([
      'modelwatch:slo_burn_rate:1h{model_name="fleet", model_version=~"$version", slo="quality"}',
    ]);
    expect(burn.fieldConfig!.defaults.thresholds!.steps).toEqual([
      { value: null, color: 'green' },
      { value: 10, color: 'red' },
    ]);
    expect(stepsOf(panelTitled(fleetModel, 'False positive rate difference across region'))).toEqual([null, 0.1, 0.2]);
  });
});
