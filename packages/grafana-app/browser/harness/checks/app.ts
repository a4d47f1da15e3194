// The app's pages as a user meets them: the models overview in each of its states (no datasource, an unreachable
// Prometheus, no models, the scenario's two versions) and the configuration page saving its settings.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HostPage } from '../browser';
import { DATASOURCES, UID, hostConfig } from '../datasources';
import { regressionReport } from '@modelwatch/stats';
import { INTERSECTION, MODEL, REGRESSION } from '../fixtures/scenario';
import type { World } from '../fixtures/world';
import type { Paths } from '../paths';
import type { Results } from '../results';
import type { HarnessServer } from '../server';
import { expectClose, expectEqual, expectTrue } from './expect';
import type { VersionTruth } from './truth';

const APP_URL = '/a/modelwatch-ml-app/models';
const ID = 'app';
const T = {
  page: 'mw-models-page',
  noDatasource: 'mw-models-no-datasource',
  error: 'mw-models-error',
  noModels: 'mw-models-empty',
  table: 'mw-models-table',
  row: 'mw-model-row',
  summary: 'mw-models-summary',
};

interface OverviewRow {
  model: string;
  version: string;
  predictionRate: number;
  errorRatio: number;
  drift: { status: string; worstFeature?: string; worstPsi: number };
  performance: {
    status: string;
    realized: number;
    estimated: number;
    metric: string;
    regression?: { mae: number; rmse: number; mape: number; bias: number };
  };
  fairness: { status: string; disparateImpact: number; attribute?: string };
  slo: { status: string; budgetRemaining: number };
  alerts: Array<{ name: string; state: string; severity?: string }>;
}

const byId = (id: string) => `[data-testid="${id}"]`;

async function renderOverview(
  host: HostPage,
  appSettings: Record<string, unknown>,
  datasources = DATASOURCES
): Promise<void> {
  await host.page.evaluate((c) => window.modelwatchHost.configure(c), hostConfig({ datasources, appSettings }));
  await host.page.evaluate(([url, id]) => window.modelwatchHost.renderApp(url, id), [APP_URL, ID] as const);
}

const STATES = [T.noDatasource, T.error, T.noModels, T.table];

/** Waits until the overview settles in one of its states; fails at once, with what it shows, if not the wanted one. */
async function settled(host: HostPage, wanted: string, shot: string, paths: Paths): Promise<string> {
  const any = host.page.locator(STATES.map(byId).join(', '));
  await any.first().waitFor({ timeout: 15_000 });
  const state = (await any.first().getAttribute('data-testid')) ?? '';
  mkdirSync(paths.screenshots, { recursive: true });
  await host.page.locator(`#${ID}`).screenshot({ path: join(paths.screenshots, `${shot}-${host.mode}.png`) });
  const shown = await any.first().innerText();
  if (state !== wanted) {
    throw new Error(`the overview shows ${state} instead of ${wanted}: ${shown.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return shown;
}

export interface AppContext {
  host: HostPage;
  world: World;
  truth: VersionTruth[];
  paths: Paths;
  server: HarnessServer;
}

export async function overviewChecks({ host, world, truth, paths }: AppContext, results: Results): Promise<void> {
  const m = host.mode;
  await results.check(
    `overview (${m}): without a Modelwatch datasource it says to add one, with a link to do it`,
    async () => {
      await renderOverview(
        host,
        {},
        DATASOURCES.filter((d) => d.type !== 'modelwatch-ml-datasource')
      );
      const shown = await settled(host, T.noDatasource, 'overview-no-datasource', paths);
      expectTrue('message', /Add a Modelwatch datasource/.test(shown), shown);
      const link = await host.page
        .locator(`${byId(T.noDatasource)} a`)
        .first()
        .getAttribute('href');
      expectEqual('link', link, '/connections/datasources/modelwatch-ml-datasource');
    }
  );

  await results.check(`overview (${m}): an unreachable Prometheus is one line of error, no stack trace`, async () => {
    host.expectFailures(/\/api\/datasources\/proxy\/uid\/modelwatch-unreachable\//);
    await renderOverview(host, { defaultDatasourceUid: UID.unreachable });
    const message = await settled(host, T.error, 'overview-unreachable', paths);
    expectTrue(
      'title names the datasource',
      message.includes('Could not load the models from "Modelwatch (unreachable)"'),
      message
    );
    const body = message.replace(/^.*Could not load the models from "Modelwatch \(unreachable\)"\s*/s, '');
    expectTrue(
      'one line',
      body.trim() !== '' && !body.trim().includes('\n') && !/\.(js|ts|tsx):\d+:\d+/.test(body),
      JSON.stringify(body)
    );
  });

  await results.check(`overview (${m}): a Prometheus without Modelwatch series says how models get there`, async () => {
    await renderOverview(host, { defaultDatasourceUid: UID.empty });
    const message = await settled(host, T.noModels, 'overview-no-models', paths);
    expectTrue(
      'names the datasource and window',
      message.includes('No models reported to "Modelwatch (empty Prometheus)" in the last 1h'),
      message
    );
    expectTrue('says what to do', message.includes('ModelMonitor') && message.includes('@modelwatch/otel'), message);
  });

  await results.check(
    `overview (${m}): every model version in a row with its statuses, numbers, alerts and link`,
    async () => {
      await renderOverview(host, { defaultDatasourceUid: UID.modelwatch });
      await settled(host, T.table, 'overview', paths);
      const overview = (await host.page.evaluate(([uid, range]) => window.modelwatchHost.modelOverview(uid, range), [
        UID.modelwatch,
        { from: Date.now() - 3600_000, to: Date.now() },
      ] as const)) as OverviewRow[];
      const rows = host.page.locator(byId(T.row));
      expectEqual('rows', await rows.count(), truth.length + 1);
      for (const t of truth) {
        const data = overview.find((o) => o.model === MODEL && o.version === t.version);
        expectTrue(`${t.version} in getModelOverview`, data !== undefined);
        const row = host.page.locator(`${byId(T.row)}[data-model="${MODEL}"][data-version="${t.version}"]`);
        const status = async (cell: string) => row.locator(byId(`mw-cell-${cell}`)).getAttribute('data-status');
        for (const cell of ['drift', 'performance', 'fairness', 'slo'] as const) {
          expectEqual(`${t.version} ${cell} status shown`, await status(cell), data![cell].status);
        }
        const shown = await row.innerText();
        const worst = [...t.psi].reduce((a, b) => (b[1] > a[1] ? b : a));
        expectTrue(
          `${t.version} worst PSI shown`,
          shown.includes(`PSI ${worst[1].toFixed(3)}`) && shown.includes(worst[0]),
          shown
        );
        const href = await row.locator('a').first().getAttribute('href');
        expectEqual(
          `${t.version} details link`,
          href,
          `/d/modelwatch-model?var-model=${MODEL}&var-version=${t.version}`
        );
        for (const alert of new Set([...t.alerts].map((a) => a.slice(0, a.indexOf('{'))))) {
          expectTrue(`${t.version} shows firing alert ${alert}`, shown.includes(alert), shown);
        }
      }
      if (m === 'dark' && paths.docsImg) {
        mkdirSync(paths.docsImg, { recursive: true });
        copyFileSync(join(paths.screenshots, `overview-${m}.png`), join(paths.docsImg, 'overview.png'));
      }
    }
  );

  await results.check(`overview (${m}): getModelOverview numbers equal the recording rules' sources`, async () => {
    const to = Math.floor(Date.now() / 1000) * 1000;
    const overview = (await host.page.evaluate(([uid, range]) => window.modelwatchHost.modelOverview(uid, range), [
      UID.modelwatch,
      { from: to - 3600_000, to },
    ] as const)) as OverviewRow[];
    for (const t of truth) {
      const o = overview.find((x) => x.model === MODEL && x.version === t.version)!;
      const worst = [...t.psi].reduce((a, b) => (b[1] > a[1] ? b : a));
      expectEqual(`${t.version} worst feature`, o.drift.worstFeature, worst[0]);
      expectClose(`${t.version} worst PSI`, o.drift.worstPsi, worst[1], 'modelwatch check');
      expectClose(`${t.version} realized F1`, o.performance.realized, t.f1, 'modelwatch check');
      expectClose(`${t.version} estimated F1`, o.performance.estimated, t.estimatedF1, 'modelwatch check');
      // The overview takes the lowest over every attribute the monitors count, the intersection included.
      const di = [...t.disparateImpact, [INTERSECTION, t.intersectionDisparateImpact] as const]
        .filter(([, x]) => !Number.isNaN(x))
        .reduce((a, b) => (b[1] < a[1] ? b : a));
      expectClose(
        `${t.version} disparate impact`,
        o.fairness.disparateImpact,
        di[1],
        'modelwatch check and the fed events'
      );
      expectEqual(`${t.version} fairness attribute`, o.fairness.attribute, di[0]);
      expectClose(
        `${t.version} budget remaining`,
        o.slo.budgetRemaining,
        Math.min(t.budgetRemaining.latency, t.budgetRemaining.availability),
        '1 − burn rate of the fed events'
      );
      // increase() extrapolates each counter from its own samples, and in one run out of several the error and
      // prediction counters carried different factors (6.4 errors to 1,190 predictions for 6 fed). The exact
      // reference is therefore Prometheus' own ratio at the same instant; the fed events bound it.
      const selector = `{model_name="${MODEL}", model_version="${t.version}"}`;
      const [recorded] = await world.prometheus.client.query(
        `sum(increase(modelwatch_errors_total${selector}[3600s])) / (sum(increase(modelwatch_predictions_total${selector}[3600s])) + sum(increase(modelwatch_errors_total${selector}[3600s])))`,
        to
      );
      expectClose(`${t.version} error ratio`, o.errorRatio, recorded!.value, 'Prometheus at the same instant');
      const fed = t.errors / (t.predictions + t.errors);
      expectTrue(
        `${t.version} error ratio near the fed events' ${fed}`,
        Math.abs(o.errorRatio - fed) <= 0.1 * fed,
        String(o.errorRatio)
      );
      expectEqual(
        `${t.version} firing alerts`,
        o.alerts
          .filter((a) => a.state === 'firing')
          .map((a) => a.name)
          .sort(),
        [...t.alerts].map((a) => a.slice(0, a.indexOf('{'))).sort()
      );
    }
  });
}

/** The regression model's row: MAE, RMSE, MAPE and bias where a classifier shows F1, equal to @modelwatch/stats. */
export async function regressionOverviewChecks({ host, world }: AppContext, results: Results): Promise<void> {
  const m = host.mode;
  await results.check(
    `overview (${m}): a regression model shows MAE, RMSE, MAPE and bias equal to @modelwatch/stats on its outcomes`,
    async () => {
      await renderOverview(host, { defaultDatasourceUid: UID.modelwatch });
      await host.page.locator(byId(T.table)).waitFor({ timeout: 15_000 });
      const to = Math.floor(Date.now() / 1000) * 1000;
      const overview = (await host.page.evaluate(([uid, range]) => window.modelwatchHost.modelOverview(uid, range), [
        UID.modelwatch,
        { from: to - 3600_000, to },
      ] as const)) as OverviewRow[];
      const o = overview.find((x) => x.model === REGRESSION.model && x.version === REGRESSION.version);
      expectTrue('the regression model has a row', o?.performance.regression !== undefined, JSON.stringify(o));
      // The window holds exactly the burst (the warm-up came before the first scrape).
      const { actual, predicted } = world.regression;
      const expected = regressionReport(actual, predicted);
      const numbers = o!.performance.regression!;
      expectClose('MAE', numbers.mae, expected.mae, '@modelwatch/stats');
      expectClose('RMSE', numbers.rmse, expected.rmse, '@modelwatch/stats');
      expectClose('MAPE', numbers.mape, expected.mape, '@modelwatch/stats');
      expectClose('bias', numbers.bias, expected.meanError, '@modelwatch/stats');
      expectEqual('performance status', o!.performance.status, 'ok');
      const row = host.page.locator(`${byId(T.row)}[data-model="${REGRESSION.model}"]`);
      const cell = await row.locator(byId('mw-cell-performance')).innerText();
      const sign = expected.meanError > 0 ? '+' : '';
      for (const text of [
        `MAE ${expected.mae.toFixed(3)}`,
        `RMSE ${expected.rmse.toFixed(3)}`,
        `MAPE ${(expected.mape * 100).toFixed(1)}%`,
        `bias ${sign}${expected.meanError.toFixed(3)}`,
      ]) {
        expectTrue(`shows ${text}`, cell.includes(text), cell);
      }
      expectTrue('no F1 or estimate for a regression model', !/F1|accuracy|estimated/.test(cell), cell);
    }
  );
}

export async function configPageChecks({ host, server }: AppContext, results: Results): Promise<void> {
  await results.check(
    `configuration page (${host.mode}): shows the default datasource and saves the chosen window`,
    async () => {
      await host.page.evaluate(
        (c) => window.modelwatchHost.configure(c),
        hostConfig({ appSettings: { defaultDatasourceUid: UID.modelwatch, overviewWindow: '6h' } })
      );
      await host.page.evaluate((id) => window.modelwatchHost.renderAppConfig(id), 'config');
      const form = host.page.locator(byId('mw-config-form'));
      await form.waitFor({ timeout: 10_000 });
      expectTrue('datasource picker shows the default', (await form.innerText()).includes('Modelwatch'));
      await form.getByRole('radio', { name: '24h' }).check();
      const reloaded = host.page.waitForEvent('load', { timeout: 10_000 });
      await host.page.locator(byId('mw-config-submit')).click();
      await reloaded;
      expectEqual('saved settings', server.savedSettings.get('modelwatch-ml-app'), {
        enabled: true,
        jsonData: { defaultDatasourceUid: UID.modelwatch, overviewWindow: '24h' },
      });
    }
  );
}
