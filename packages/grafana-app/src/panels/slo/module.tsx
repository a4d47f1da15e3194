/*
 * Modelwatch SLO panel: error budget left, burn rate per window pair against its threshold with the alert state
 * (firing when both windows exceed it), and the time until the budget is spent.
 *
 * data-testids (the browser tests rely on them):
 *   slo-panel                      the panel, when it has SLO frames
 *   slo-loading | slo-empty | slo-error
 *                                  the message shown instead of the panel (slo-error is also the one-line notice
 *                                  above the sections when one query failed)
 *   slo-<key>                      one SLO; <key> is the kind (availability, latency, quality), then `@<model>` /
 *                                  `@<version>` when those differ between SLOs; data-firing="true|false"
 *   inside an SLO:
 *   slo-budget                     budget left ("62.0%", "-35.0% overspent"); data-level="ok|warning|critical|none"
 *   slo-budget-bar                 the bar (role meter, aria-valuenow in percent)
 *   slo-burn-rate                  burn rate over the shortest long window ("15.2×")
 *   slo-exhaustion                 time to exhaustion ("1 d 5 h", "not burning", "exhausted", "no data")
 *   slo-budget-missing             no budget frame for this SLO
 *   slo-window-<long>-<short>      one window pair (e.g. slo-window-1h-5m); data-state="firing|ok|no data"; inside it
 *                                  slo-window-threshold, slo-window-long and slo-window-short (data-above="true|false"),
 *                                  slo-window-state
 */
import { PanelPlugin } from '@grafana/data';
import { DEFAULT_SLO_OPTIONS, migrateSloOptions, needsSloMigration, type SloOptions } from './options';
import { SloPanel } from './SloPanel';

const defaults = DEFAULT_SLO_OPTIONS;

export const plugin = new PanelPlugin<SloOptions>(SloPanel)
  .setPanelOptions((builder) =>
    builder
      .addSliderInput({
        path: 'budgetWarning',
        name: 'Budget warning',
        description: 'Warn when less than this share of the error budget is left (none left is critical)',
        defaultValue: defaults.budgetWarning,
        settings: { min: 0, max: 1, step: 0.05 },
      })
      .addBooleanSwitch({
        path: 'showBudget',
        name: 'Error budget',
        category: ['Display'],
        defaultValue: defaults.showBudget,
      })
      .addBooleanSwitch({
        path: 'showExhaustion',
        name: 'Burn rate and time to exhaustion',
        category: ['Display'],
        defaultValue: defaults.showExhaustion,
      })
      .addBooleanSwitch({
        path: 'showWindows',
        name: 'Burn-rate windows',
        category: ['Display'],
        defaultValue: defaults.showWindows,
      })
  )
  .setMigrationHandler(migrateSloOptions, (panel) => needsSloMigration(panel.options));
