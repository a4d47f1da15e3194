// The scenario itself, before any plugin code: Prometheus scraped both services and evaluated every generated
// rule without an error, and what it recorded equals `modelwatch check` and @modelwatch/stats. The plugin's
// numbers are then held to the same values.
import { INTERSECTION, JOB, MODEL, PROTECTED, SLO, WINDOW } from '../fixtures/scenario';
import { serviceHealth } from '../fixtures/traffic';
import type { World } from '../fixtures/world';
import type { Results } from '../results';
import { expectCloseMaps, expectEqual, expectTrue } from './expect';
import { alertIdentity } from '@modelwatch/live-traffic';
import type { VersionTruth } from './truth';

/** Recorded values of one version, keyed by the labels named. */
export async function recorded(
  world: World,
  metric: string,
  version: string,
  keyLabels: string[],
  extra = ''
): Promise<Map<string, number>> {
  const series = await world.prometheus.client.query(
    `${metric}{model_name="${MODEL}", model_version="${version}"${extra}}`
  );
  return new Map(series.map((s) => [keyLabels.map((l) => s.labels[l] ?? '').join(' '), s.value]));
}

export async function scenarioChecks(world: World, truth: VersionTruth[], results: Results): Promise<void> {
  await results.check(
    'Prometheus scraped the three services (two classifier versions, one regression model) and evaluated every generated rule without an error',
    async () => {
      const up = await world.prometheus.client.query(`up{job="${JOB}"}`);
      expectEqual(
        'targets up',
        up.map((s) => s.value),
        [...world.versions, world.regression].map(() => 1)
      );
      const groups = await world.prometheus.client.rules();
      const unhealthy = groups.flatMap((g) =>
        g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`)
      );
      expectEqual('unhealthy rules', unhealthy, []);
      expectTrue('rule groups loaded', groups.length >= 5, `${groups.length}`);
      for (const v of world.versions) {
        const health = await serviceHealth(v);
        expectEqual(
          `${v.spec.version}: contained failures and internal errors`,
          [health.failures, Object.values(health.internalErrors).reduce((a, b) => a + b, 0)],
          [0, 0]
        );
      }
    }
  );

  for (const t of truth) {
    const v = t.version;
    await results.check(`${v}: modelwatch check and @modelwatch/stats agree on PSI of every tracked column`, () => {
      expectCloseMaps('PSI', t.psi, t.checkPsi, 'modelwatch check');
    });
    await results.check(`${v}: recorded PSI per feature equals modelwatch check`, async () => {
      expectCloseMaps(
        'modelwatch:feature_psi',
        await recorded(world, `modelwatch:feature_psi:${WINDOW}`, v, ['feature'], ', baseline="reference"'),
        t.psi,
        'modelwatch check'
      );
    });
    await results.check(`${v}: recorded realized and estimated F1 equal modelwatch check`, async () => {
      const f1 = await recorded(world, `modelwatch:model_f1:ratio${WINDOW}`, v, ['source']);
      expectCloseMaps(
        'modelwatch:model_f1',
        f1,
        new Map([
          ['realized', t.f1],
          ['estimated', t.estimatedF1],
        ]),
        'modelwatch check'
      );
    });
    await results.check(
      `${v}: recorded disparate impact over eligible groups equals modelwatch check (hschool: one eligible group)`,
      async () => {
        const di = await recorded(world, `modelwatch:fairness_disparate_impact:${WINDOW}`, v, ['group_attribute']);
        expectCloseMaps('modelwatch:fairness_disparate_impact', di, t.disparateImpact, 'modelwatch check');
        expectEqual('attributes checked', [...t.disparateImpact.keys()], [...PROTECTED]);
        expectEqual('hschool has an inconclusive group', t.groups.get('hschool=no')?.inconclusive, true);
      }
    );
    await results.check(`${v}: recorded selection rates per group equal modelwatch check`, async () => {
      const rates = await recorded(world, `modelwatch:group_selection_rate:ratio${WINDOW}`, v, [
        'group_attribute',
        'group_value',
      ]);
      const expected = new Map([
        ...[...t.groups].map(([k, g]): [string, number] => [k.replace('=', ' '), g.selectionRate]),
        // The intersection's groups are recorded too; `modelwatch check` knows no intersections, the fed events do.
        ...[...t.intersectionRates].map(([k, r]): [string, number] => [`${INTERSECTION} ${k}`, r]),
      ]);
      expectCloseMaps('modelwatch:group_selection_rate', rates, expected, 'modelwatch check and the fed events');
    });
    await results.check(
      `${v}: recorded burn rates and budgets equal the fed errors and slow calls over the budget`,
      async () => {
        for (const w of new Set(SLO.windows.flatMap((x) => [x.long, x.short]))) {
          const burn = await recorded(world, `modelwatch:slo_burn_rate:${w}`, v, ['slo']);
          expectCloseMaps(
            `modelwatch:slo_burn_rate:${w}`,
            burn,
            new Map(Object.entries(t.burn)),
            '@modelwatch/stats on the fed events'
          );
        }
        const budget = await recorded(world, 'modelwatch:slo_error_budget_remaining:ratio', v, ['slo']);
        expectCloseMaps(
          'modelwatch:slo_error_budget_remaining',
          budget,
          new Map(Object.entries(t.budgetRemaining)),
          '1 − burn rate'
        );
      }
    );
    await results.check(
      `${v}: recorded data-quality issue ratios equal the fed values against the profile's ranges`,
      async () => {
        const issues = await recorded(
          world,
          `modelwatch:feature_issue:ratio_rate${WINDOW}`,
          v,
          ['feature', 'issue'],
          ', issue!="unknown_feature"'
        );
        expectCloseMaps('modelwatch:feature_issue', issues, t.issues, 'the profile');
      }
    );
    await results.check(`${v}: exactly the expected alerts fire`, async () => {
      const firing = await world.prometheus.client.query(
        `ALERTS{model_name="${MODEL}", model_version="${v}", alertstate="firing"}`
      );
      expectEqual(
        'firing alerts',
        firing.map((s) => alertIdentity(s.labels.alertname!, s.labels)).sort(),
        [...t.alerts].sort()
      );
    });
  }
}
