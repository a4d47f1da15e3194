// The compliance page against the scenario: every policy pack's table per protected attribute and their
// intersection, from the live counters in Prometheus, equals @modelwatch/stats' packs (the functions behind
// `modelwatch audit`) on the events each version was fed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { predictedClass } from '@modelwatch/live-traffic';
import { DEFAULTS, INTERSECTION_SEPARATOR, POLICY } from '@modelwatch/semconv';
import { attributeCounts, fourFifths, intersectionValues, nycLl144, type ImpactTable } from '@modelwatch/stats';
import { DATASOURCES, UID, hostConfig } from '../datasources';
import {
  FAVOURABLE,
  INTERSECTION,
  MODEL,
  MIN_GROUP_SIZE,
  NEGATIVE,
  POLICY_THRESHOLD,
  POSITIVE,
  PROTECTED,
  WINDOW,
} from '../fixtures/scenario';
import type { Results } from '../results';
import type { AppContext } from './app';
import { expectClose, expectCloseMaps, expectEqual, expectTrue } from './expect';
import { recorded } from './scenario';

const URL = '/a/modelwatch-ml-app/compliance';
const ID = 'app';
const T = {
  model: 'mw-compliance-model',
  table: 'mw-compliance-table',
  row: 'mw-compliance-row',
  states: ['mw-compliance-model', 'mw-compliance-error', 'mw-compliance-empty', 'mw-models-no-datasource'],
};
const byId = (id: string) => `[data-testid="${id}"]`;

/** The attributes the scenario's monitors count: each protected attribute, then their intersection. */
const ATTRIBUTES = [...PROTECTED, INTERSECTION];
/** The class the scenario's rules count as selected (not the default positive one). */
const SELECTED = FAVOURABLE === 'negative' ? NEGATIVE : POSITIVE;

interface ShownRow {
  category: string;
  status: string;
  count: number;
  rate: number;
  impactRatio: number | null;
}

/**
 * Each pack's table on the fed events of one version, by @modelwatch/stats: the pack over the categories with at
 * least the minimum group size, every other row counted in the shares as unknown rows are (docs/compliance.md).
 * The four-fifths rule on single attributes, the NYC pack on the intersection too.
 */
function expectedTables(world: AppContext['world'], version: string): Map<string, ImpactTable> {
  const events = world.versions.find((v) => v.spec.version === version)!.events.filter((e) => e.error === undefined);
  const selected = events.map((e) => (predictedClass(world.spec, e) === SELECTED ? 1 : 0));
  const columns = PROTECTED.map((a) => events.map((e) => e.attributes?.[a] ?? null));
  const values = [...columns, intersectionValues(columns, INTERSECTION_SEPARATOR)];
  // The scenario's settings, which the page reads from the rules: its threshold, the default exclusion share.
  const threshold = POLICY_THRESHOLD;
  const { excludeBelow } = DEFAULTS.policies;
  const tables = new Map<string, ImpactTable>();
  ATTRIBUTES.forEach((attribute, i) => {
    const all = attributeCounts(values[i]!, selected);
    const judged = new Map([...all.categories].filter(([, c]) => c.count >= MIN_GROUP_SIZE));
    const aside = [...all.categories].filter(([, c]) => c.count < MIN_GROUP_SIZE).reduce((n, [, c]) => n + c.count, 0);
    const counts = { unknown: all.unknown + aside, categories: judged };
    if (attribute !== INTERSECTION) {
      tables.set(`${POLICY.fourFifths.name}:${attribute}`, fourFifths(counts, { threshold }));
    }
    tables.set(`${POLICY.nycLl144.name}:${attribute}`, nycLl144(counts, { threshold, excludeBelow }));
  });
  return tables;
}

/** Selection rate per `attribute category` on the fed events. */
function expectedRates(world: AppContext['world'], version: string): Map<string, number> {
  const events = world.versions.find((v) => v.spec.version === version)!.events.filter((e) => e.error === undefined);
  const out = new Map<string, { n: number; s: number }>();
  for (const e of events) {
    const parts = PROTECTED.map((a) => e.attributes![a]!);
    const keys = [
      ...PROTECTED.map((a, i) => `${a} ${parts[i]}`),
      `${INTERSECTION} ${parts.join(INTERSECTION_SEPARATOR)}`,
    ];
    for (const k of keys) {
      const c = out.get(k) ?? { n: 0, s: 0 };
      c.n++;
      c.s += predictedClass(world.spec, e) === SELECTED ? 1 : 0;
      out.set(k, c);
    }
  }
  return new Map([...out].map(([k, c]) => [k, c.s / c.n]));
}

export async function complianceChecks({ host, world, paths }: AppContext, results: Results): Promise<void> {
  const m = host.mode;
  await results.check(
    `compliance (${m}): each pack's table per attribute and intersection equals the stats packs on the fed events`,
    async () => {
      await host.page.evaluate(
        (c) => window.modelwatchHost.configure(c),
        hostConfig({ datasources: DATASOURCES, appSettings: { defaultDatasourceUid: UID.modelwatch } })
      );
      await host.page.evaluate(([url, id]) => window.modelwatchHost.renderApp(url, id), [URL, ID] as const);
      const any = host.page.locator(T.states.map(byId).join(', '));
      await any.first().waitFor({ timeout: 15_000 });
      mkdirSync(paths.screenshots, { recursive: true });
      await host.page.locator(`#${ID}`).screenshot({ path: join(paths.screenshots, `compliance-${m}.png`) });
      if (m === 'dark' && paths.docsImg) {
        mkdirSync(paths.docsImg, { recursive: true });
        copyFileSync(join(paths.screenshots, `compliance-${m}.png`), join(paths.docsImg, 'compliance.png'));
      }
      const state = await any.first().getAttribute('data-testid');
      expectEqual('page state', state, T.model);
      const page = await host.page.locator(`#${ID}`).innerText();
      expectTrue('names the four-fifths reference', page.includes(POLICY.fourFifths.reference));
      expectTrue('names the NYC reference', page.includes(POLICY.nycLl144.reference));
      expectTrue('says the NYC threshold is the organisation policy', page.includes("the organisation's policy"));

      for (const v of world.versions) {
        const version = v.spec.version;
        const card = host.page.locator(`${byId(T.model)}[data-model="${MODEL}"][data-version="${version}"]`);
        expectEqual(`${version} shown`, await card.count(), 1);
        // The scenario's model lists both packs: the page finds them in the recorded policy series.
        const text = await card.innerText();
        expectTrue(
          `${version} packs from its rules`,
          !text.includes('No policy rules are recorded'),
          text.slice(0, 300)
        );
        // The pack settings come from the rules' info series: the configured favourable class, threshold, window.
        expectEqual(`${version} settings`, await card.getAttribute('data-settings'), 'rules');
        expectEqual(`${version} favourable class`, await card.getAttribute('data-favourable'), FAVOURABLE);
        expectTrue(
          `${version} names the selected class and the rules' window`,
          text.includes(`Selections of the ${FAVOURABLE} class (${SELECTED}) over the last ${WINDOW}`),
          text.slice(0, 300)
        );
        expectEqual(
          `${version} thresholds shown`,
          [
            ...new Set(
              await card
                .locator(byId(T.table))
                .evaluateAll((ts) => ts.map((t) => (t as HTMLElement).dataset.threshold ?? ''))
            ),
          ],
          [String(POLICY_THRESHOLD)]
        );
        // Scoring rates (the monitors' scoringRate option): the NYC pack's scoring tables equal the recorded series.
        for (const attribute of ATTRIBUTES) {
          const table = card.locator(
            `${byId(T.table)}[data-policy="${POLICY.nycLl144.name}"][data-attribute="${attribute}"][data-rate-kind="scoring"]`
          );
          expectEqual(`${version} ${attribute} scoring table shown`, await table.count(), 1);
          const rows: ShownRow[] = await table.locator(byId(T.row)).evaluateAll((trs) =>
            trs.map((tr) => {
              const d = (tr as HTMLElement).dataset;
              return {
                category: d.category ?? '',
                status: d.status ?? '',
                count: Number(d.count),
                rate: Number(d.rate),
                impactRatio: d.impactRatio === '' ? null : Number(d.impactRatio),
              };
            })
          );
          const extra = `, group_attribute="${attribute}"`;
          const rates = await recorded(
            world,
            `modelwatch:policy_scoring_rate:ratio${WINDOW}`,
            version,
            ['group_value'],
            extra
          );
          expectCloseMaps(
            `${version} ${attribute} scoring rates`,
            new Map(rows.filter((r) => rates.has(r.category)).map((r): [string, number] => [r.category, r.rate])),
            rates,
            'the recorded scoring rates'
          );
          const ratios = await recorded(
            world,
            `modelwatch:policy_scoring_impact_ratio:ratio${WINDOW}`,
            version,
            ['group_value'],
            `${extra}, policy="${POLICY.nycLl144.name}"`
          );
          expectTrue(`${version} ${attribute} scoring ratios recorded`, ratios.size > 0);
          expectCloseMaps(
            `${version} ${attribute} scoring impact ratios`,
            new Map(
              rows.filter((r) => r.impactRatio !== null).map((r): [string, number] => [r.category, r.impactRatio!])
            ),
            ratios,
            'the recorded scoring impact ratios'
          );
        }
        for (const [key, expected] of expectedTables(world, version)) {
          const [policy, attribute] = key.split(/:(.*)/s) as [string, string];
          const table = card.locator(
            `${byId(T.table)}[data-policy="${policy}"][data-attribute="${attribute}"][data-rate-kind="selection"]`
          );
          expectEqual(`${version} ${key} table shown`, await table.count(), 1);
          const rows: ShownRow[] = await table.locator(byId(T.row)).evaluateAll((trs) =>
            trs.map((tr) => {
              const d = (tr as HTMLElement).dataset;
              return {
                category: d.category ?? '',
                status: d.status ?? '',
                count: Number(d.count),
                rate: Number(d.rate),
                impactRatio: d.impactRatio === '' ? null : Number(d.impactRatio),
              };
            })
          );
          const rates = expectedRates(world, version);
          const judged = [...expected.categories.keys()];
          for (const name of judged) {
            const r = rows.find((x) => x.category === name);
            const c = expected.categories.get(name)!;
            const what = `${version} ${key} ${name}`;
            expectTrue(`${what} shown`, r !== undefined);
            if (c.impactRatio === null) {
              expectEqual(`${what} status`, r!.status, 'excluded');
            } else {
              expectClose(`${what} impact ratio`, r!.impactRatio, c.impactRatio, '@modelwatch/stats on the fed events');
              expectEqual(`${what} status`, r!.status, c.belowThreshold ? 'belowThreshold' : 'ok');
            }
          }
          for (const r of rows) {
            const what = `${version} ${key} ${r.category}`;
            expectClose(`${what} rate`, r.rate, rates.get(`${attribute} ${r.category}`), 'the fed events');
            if (!judged.includes(r.category)) {
              expectEqual(`${what} not judged`, r.impactRatio, null);
            }
          }
          const extra = `, policy="${policy}", group_attribute="${attribute}"`;
          // The policy alerts Prometheus holds mark their rows (none in this scenario: see POLICY_THRESHOLD).
          const alerts = await world.prometheus.client.query(
            `ALERTS{alertname="ModelwatchPolicyImpactRatio", model_name="${MODEL}", model_version="${version}"${extra}}`
          );
          expectEqual(
            `${version} ${key} rows with a policy alert`,
            (
              await table
                .locator(`${byId(T.row)}:not([data-alert=""])`)
                .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.category ?? ''))
            ).sort(),
            [...new Set(alerts.map((a) => a.labels.group_value ?? ''))].sort()
          );
          // The live policy rules on the same counters: the same categories judged, the same ratios and exclusions.
          const ratios = await recorded(
            world,
            `modelwatch:policy_impact_ratio:ratio${WINDOW}`,
            version,
            ['group_value'],
            extra
          );
          const shownRatios = new Map(
            rows.filter((r) => r.impactRatio !== null).map((r): [string, number] => [r.category, r.impactRatio!])
          );
          expectCloseMaps(`${version} ${key} impact ratios`, shownRatios, ratios, 'the recorded policy series');
          const excluded = await recorded(
            world,
            `modelwatch:policy_excluded:${WINDOW}`,
            version,
            ['group_value'],
            extra
          );
          expectEqual(
            `${version} ${key} excluded categories`,
            rows.filter((r) => r.status === 'excluded').map((r) => r.category),
            [...excluded]
              .filter(([, x]) => x === 1)
              .map(([k]) => k)
              .sort()
          );
        }
      }
    }
  );
}
