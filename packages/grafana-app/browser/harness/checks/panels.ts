// The three panels, unmodified from dist/, drawn from the datasource's frames inside Grafana's PanelChrome, in
// the page's theme at a normal and a small size: what each shows is checked against the same truth as the
// numbers (levels of drifted features, the inconclusive group, the firing window pair), and each is photographed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { trackedColumns } from '@modelwatch/live-traffic';
import type { Locator } from 'playwright-core';
import type { HostPage } from '../browser';
import { UID } from '../datasources';
import { DI_LEVELS, DRIFT_LEVELS, SLO } from '../fixtures/scenario';
import type { World } from '../fixtures/world';
import type { Paths } from '../paths';
import type { Results } from '../results';
import { TARGETS, rangeNow } from './datasource';
import { expectEqual, expectTrue } from './expect';
import { column, query } from './frames';
import { levelOf, type VersionTruth } from './truth';

export const SIZES = {
  normal: { width: 820, height: 460 },
  small: { width: 340, height: 220 },
} as const;
type Size = keyof typeof SIZES;

/** The panels' number format: three significant digits without trailing zeros (panels/common/format.ts). */
export function significant(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export interface PanelContext {
  host: HostPage;
  world: World;
  truth: VersionTruth[];
  paths: Paths;
}

const VERSION = '2.0.0';

async function render(
  host: HostPage,
  panel: string,
  key: string,
  range: { from: number; to: number },
  size: Size,
  title: string
): Promise<Locator> {
  const id = `${panel}-${size}`;
  await host.page.evaluate(([p, k, r, o]) => window.modelwatchHost.renderPanel(p, k, r, o), [
    `modelwatch-${panel}-panel`,
    key,
    range,
    { ...SIZES[size], title, id },
  ] as const);
  return host.page.locator(`#${id}`);
}

async function photograph(ctx: PanelContext, panel: string, size: Size, root: Locator): Promise<void> {
  mkdirSync(ctx.paths.screenshots, { recursive: true });
  const file = join(ctx.paths.screenshots, `${panel}-${size}-${ctx.host.mode}.png`);
  await root.screenshot({ path: file });
  if (ctx.host.mode === 'dark' && size === 'normal' && ctx.paths.docsImg) {
    mkdirSync(ctx.paths.docsImg, { recursive: true });
    copyFileSync(file, join(ctx.paths.docsImg, `${panel}-panel.png`));
  }
}

const id = (testId: string) => `[data-testid="${testId}"]`;

async function attr(root: Locator, testId: string, name: string): Promise<string | null> {
  return root.locator(id(testId)).first().getAttribute(name, { timeout: 5_000 });
}

export async function panelChecks(ctx: PanelContext, results: Results): Promise<void> {
  const { host, world, truth } = ctx;
  const t = truth.find((x) => x.version === VERSION)!;
  const range = rangeNow();
  const m = host.mode;
  const features = trackedColumns(world.spec.profile).map(([n]) => n);

  const drift = await query(host, UID.modelwatch, [TARGETS.drift('psi', VERSION), TARGETS.driftBins(VERSION)], range);
  const fairness = await query(
    host,
    UID.modelwatch,
    [TARGETS.fairness(VERSION, 'afam'), TARGETS.fairness(VERSION, 'hschool')],
    range
  );
  const slo = await query(
    host,
    UID.modelwatch,
    [TARGETS.slo(VERSION, 'latency'), TARGETS.slo(VERSION, 'availability')],
    range
  );

  for (const size of ['normal', 'small'] as const) {
    await results.check(
      `drift panel (${m}, ${size}): every feature's latest PSI at its level; the drifted ones critical`,
      async () => {
        const root = await render(host, 'drift', drift.key, range, size, `PSI of ${VERSION} against the reference`);
        await root.locator(id('drift-panel')).waitFor({ timeout: 10_000 });
        for (const feature of features) {
          const psi = t.psi.get(feature)!;
          const cells = root.locator(`[data-testid^="drift-cell-${feature}-"]`);
          expectTrue(`${feature} has cells`, (await cells.count()) > 0);
          expectEqual(
            `${feature} last cell level`,
            await cells.last().getAttribute('data-level'),
            levelOf(psi, DRIFT_LEVELS, 'above')
          );
          if (size === 'normal') {
            expectEqual(
              `${feature} latest level`,
              await attr(root, `drift-latest-${feature}`, 'data-level'),
              levelOf(psi, DRIFT_LEVELS, 'above')
            );
            expectEqual(
              `${feature} latest value`,
              (await root.locator(id(`drift-latest-${feature}`)).innerText()).trim(),
              significant(psi)
            );
          }
        }
        expectTrue(
          'some features drifted critically',
          [...t.psi.values()].some((x) => x >= DRIFT_LEVELS.critical)
        );
        await photograph(ctx, 'drift', size, root);
      }
    );
  }
  await results.check(
    `drift panel (${m}): selecting a drifted feature shows its bins and its PSI at the critical level`,
    async () => {
      const root = await render(host, 'drift', drift.key, range, 'normal', `PSI of ${VERSION} against the reference`);
      await root.locator(id('drift-select-pirat')).click();
      const bins = root.locator(id('drift-bins'));
      await bins.waitFor({ timeout: 5_000 });
      expectEqual('bins shown', await root.locator('[data-testid^="drift-bin-"]').count(), 10);
      expectEqual('PSI level', await attr(root, 'drift-bins-value', 'data-level'), 'critical');
      expectTrue(
        'PSI value',
        (await root.locator(id('drift-bins-value')).innerText()).includes(significant(t.psi.get('pirat')!))
      );
      await photograph(ctx, 'drift-bins', 'normal', root);
    }
  );

  for (const size of ['normal', 'small'] as const) {
    await results.check(
      `fairness panel (${m}, ${size}): disparate impact at its level per attribute; the small group inconclusive`,
      async () => {
        const root = await render(host, 'fairness', fairness.key, range, size, `Fairness of ${VERSION}`);
        await root.locator(id('fairness-panel')).waitFor({ timeout: 10_000 });
        for (const attribute of ['afam', 'hschool']) {
          const section = root.locator(id(`fairness-section-${attribute}`));
          const di = t.disparateImpact.get(attribute)!;
          expectEqual(
            `${attribute} DI level`,
            await section.locator(id('fairness-di')).getAttribute('data-level'),
            levelOf(di, DI_LEVELS, 'below')
          );
          expectTrue(
            `${attribute} DI value`,
            (await section.locator(id('fairness-di')).innerText()).includes(significant(di)),
            await section.locator(id('fairness-di')).innerText()
          );
          for (const [key, group] of t.groups) {
            if (!key.startsWith(`${attribute}=`)) {
              continue;
            }
            const g = key.slice(attribute.length + 1);
            expectEqual(
              `${key} inconclusive`,
              await section.locator(id(`fairness-row-${g}`)).getAttribute('data-inconclusive'),
              String(group.inconclusive)
            );
            expectEqual(
              `${key} inconclusive mark`,
              await section.locator(id(`fairness-inconclusive-${g}`)).count(),
              group.inconclusive ? 1 : 0
            );
          }
        }
        expectEqual('afam is critical', levelOf(t.disparateImpact.get('afam')!, DI_LEVELS, 'below'), 'critical');
        expectTrue('hschool has an inconclusive group', t.groups.get('hschool=no')!.inconclusive);
        await photograph(ctx, 'fairness', size, root);
      }
    );
  }

  for (const size of ['normal', 'small'] as const) {
    await results.check(
      `SLO panel (${m}, ${size}): the latency windows fire, availability's do not; budgets and burn rates`,
      async () => {
        const root = await render(host, 'slo', slo.key, range, size, `SLOs of ${VERSION}`);
        await root.locator(id('slo-panel')).waitFor({ timeout: 10_000 });
        for (const kind of ['latency', 'availability'] as const) {
          const section = root.locator(id(`slo-${kind}`));
          const burn = t.burn[kind];
          const firing = SLO.windows.some((w) => burn > w.burnRate);
          expectEqual(`${kind} firing`, await section.getAttribute('data-firing'), String(firing));
          for (const w of SLO.windows) {
            expectEqual(
              `${kind} ${w.long}/${w.short} state`,
              await section.locator(id(`slo-window-${w.long}-${w.short}`)).getAttribute('data-state'),
              burn > w.burnRate ? 'firing' : 'ok'
            );
          }
          const budget = (await section.locator(id('slo-budget')).innerText()).trim();
          expectTrue(
            `${kind} budget left`,
            budget.startsWith(`${(t.budgetRemaining[kind] * 100).toFixed(1)}%`),
            budget
          );
          expectEqual(
            `${kind} burn rate`,
            (await section.locator(id('slo-burn-rate')).innerText()).trim(),
            `${significant(burn)}×`
          );
        }
        expectEqual(
          'latency is exhausted',
          (await root.locator(`${id('slo-latency')} ${id('slo-exhaustion')}`).innerText()).trim(),
          'exhausted'
        );
        // The frame's time to exhaustion (held to budget left × period / burn rate in the datasource checks) is
        // 596/600 of 30 min: 1,788 s, which floating point may return a hair under. The panel shows its two
        // largest units, truncated, and must not lose a whole second to that rounding error.
        const budgetFrame = slo.frames.find(
          (f) => f.meta?.custom?.kind === 'modelwatch.slo.budget' && f.meta.custom.sloKind === 'availability'
        )!;
        const seconds = column<number>(budgetFrame, 'timeToExhaustion')[0]!;
        expectTrue('the availability budget lasts 1,788 s', Math.abs(seconds - 1788) <= 1788 * 1e-9, `${seconds} s`);
        const exhaustion = '29 min 48 s';
        expectEqual(
          'availability lasts',
          (await root.locator(`${id('slo-availability')} ${id('slo-exhaustion')}`).innerText()).trim(),
          exhaustion
        );
        await photograph(ctx, 'slo', size, root);
      }
    );
  }
}
