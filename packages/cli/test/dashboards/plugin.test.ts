import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, scratchDir } from '../run-cli';
import { generateDashboards, panelsOf, type Dashboard } from './support';

// The app's bundled dashboards against the app itself: every panel type is a panel the app ships, every query
// is one its datasource understands (the query model of packages/grafana-app/src/datasource/types.ts).
const APP = join(ROOT, 'packages/grafana-app/src');
const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dashboards = generateDashboards(['--plugin'], scratch);
const overview = dashboards.get('modelwatch-overview.json')!;
const model = dashboards.get('modelwatch-model.json')!;

function pluginIds(dir: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) for (const [id, type] of pluginIds(path)) ids.set(id, type);
    else if (entry === 'plugin.json') {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { id: string; type: string };
      ids.set(json.id, json.type);
    }
  }
  return ids;
}

/** Property names of an interface and the string literals of a union type alias, read with the TypeScript parser. */
function queryModel(): { fields: Set<string>; queryTypes: Set<string> } {
  const file = join(APP, 'datasource/types.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const fields = new Set<string>(['refId', 'datasource', 'hide']); // DataQuery's own fields
  const queryTypes = new Set<string>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'MlQuery') {
      for (const m of node.members) if (m.name && ts.isIdentifier(m.name)) fields.add(m.name.text);
    }
    if (ts.isTypeAliasDeclaration(node) && node.name.text === 'QueryType' && ts.isUnionTypeNode(node.type)) {
      for (const t of node.type.types)
        if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) queryTypes.add(t.literal.text);
    }
  });
  return { fields, queryTypes };
}

const BUILT_IN = new Set(['timeseries', 'table']);

describe("the app's bundled dashboards", () => {
  const ids = pluginIds(APP);

  it("use the app's own panels (drift, fairness, SLO), each shipped by the app", () => {
    const types = new Set([...dashboards.values()].flatMap((d) => panelsOf(d).map((p) => p.type)));
    const custom = [...types].filter((t) => !BUILT_IN.has(t));
    expect(custom.sort()).toEqual(['modelwatch-drift-panel', 'modelwatch-fairness-panel', 'modelwatch-slo-panel']);
    for (const id of custom) expect({ id, shipped: ids.get(id) }).toEqual({ id, shipped: 'panel' });
  });

  it('query the Modelwatch datasource through a datasource variable, with fields its query model declares', () => {
    const { fields, queryTypes } = queryModel();
    expect(ids.get('modelwatch-ml-datasource')).toBe('datasource');
    for (const d of dashboards.values()) {
      const variable = d.templating.list.find((v) => v.name === 'datasource');
      expect(variable).toMatchObject({ type: 'datasource', query: 'modelwatch-ml-datasource' });
      for (const p of panelsOf(d).filter((x) => x.datasource?.type !== 'prometheus')) {
        expect(p.datasource).toEqual({ type: 'modelwatch-ml-datasource', uid: '${datasource}' });
        for (const t of p.targets!) {
          const where = `${d.uid} '${p.title}' ${t.refId}`;
          expect({ where, queryType: queryTypes.has(t.queryType as string) }).toEqual({ where, queryType: true });
          expect({ where, unknown: Object.keys(t).filter((k) => !fields.has(k)) }).toEqual({ where, unknown: [] });
          expect(t).toMatchObject({ model: '$model', version: '$version' });
        }
      }
    }
  });

  it('are generic: no model, feature or datasource uid written in', () => {
    for (const d of dashboards.values()) {
      const text = JSON.stringify(d);
      expect(text).not.toMatch(/mortgage|"uid":"prometheus"/);
      for (const p of panelsOf(d)) expect(p.datasource!.uid).toMatch(/^\$\{(datasource|prometheus)\}$/);
    }
  });

  it('give the drift panel the heat map series and the bins of every feature, the panel selecting among them', () => {
    for (const d of dashboards.values()) {
      const drift = panelsOf(d).filter((p) => p.type === 'modelwatch-drift-panel');
      expect(drift).toHaveLength(1);
      expect(drift[0]!.targets!.map((t) => [t.queryType, t.feature])).toEqual([
        ['drift', undefined],
        ['driftBins', undefined],
      ]);
    }
  });

  it("show a regression model's MAE, RMSE, MAPE and bias, the signed bias without a floor at 0", () => {
    const regression = (d: Dashboard) =>
      panelsOf(d).flatMap((p) =>
        (p.targets ?? [])
          .filter((t) => t.queryType === 'regression')
          .map((t) => [p.title, t.regressionMetrics, p.fieldConfig?.defaults.min])
      );
    expect(regression(model)).toEqual([
      ['MAE and RMSE', ['mae', 'rmse'], 0],
      ['MAPE', ['mape'], 0],
      ['Bias', ['bias'], undefined],
    ]);
    // The overview's row repeats per model: one panel shows whichever performance the model has.
    expect(regression(overview)).toEqual([['Performance', ['mae', 'rmse'], 0]]);
    expect(model.panels.filter((p) => p.type === 'row').map((p) => p.title)).toContain('Regression performance');
  });

  it('take the model and version as variables, repeat per attribute, and link to each other', () => {
    const names = (d: Dashboard) => d.templating.list.map((v) => v.name);
    expect(names(overview)).toEqual(['datasource', 'prometheus', 'model', 'version']);
    expect(names(model)).toEqual(['datasource', 'prometheus', 'model', 'version', 'attribute']);
    expect(overview.uid).toBe('modelwatch-overview');
    expect(model.uid).toBe('modelwatch-model');
    expect(
      panelsOf(model)
        .filter((p) => p.repeat)
        .map((p) => [p.type, p.repeat])
    ).toEqual([['modelwatch-fairness-panel', 'attribute']]);
    expect(overview.panels.find((p) => p.type === 'row')?.repeat).toBe('model');
    expect(overview.links).toEqual([
      expect.objectContaining({ url: '/d/modelwatch-model', includeVars: true, keepTime: true }),
    ]);
    expect(model.links).toEqual([
      expect.objectContaining({ url: '/d/modelwatch-overview', includeVars: true, keepTime: true }),
    ]);
    const rowLink = panelsOf(overview).flatMap((p) => p.links ?? [])[0]!;
    expect(rowLink.url).toBe(
      '/d/modelwatch-model?${model:queryparam}&${version:queryparam}&${datasource:queryparam}&${prometheus:queryparam}&${__url_time_range}'
    );
  });
});
