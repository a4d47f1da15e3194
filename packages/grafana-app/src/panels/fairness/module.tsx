/*
 * Modelwatch fairness panel: per protected attribute, groups × metrics with confidence whiskers, the
 * disparate-impact band with the policy line (four-fifths rule by default), the reference group and the
 * inconclusive (too small) groups marked.
 *
 * data-testids (the browser tests rely on them):
 *   fairness-panel                       the panel, when it has fairness frames
 *   fairness-loading | fairness-empty | fairness-error
 *                                        the message shown instead of the panel (fairness-error is also the
 *                                        one-line notice above the sections when one query failed)
 *   fairness-section-<key>               one attribute (and model version); <key> is the attribute, then
 *                                        `@<model>` / `@<version>` when those differ between sections
 *   inside a section:
 *   fairness-band                        disparate-impact band; fairness-di (value, data-level="ok|warning|critical|none"),
 *                                        fairness-policy-line (data-value), fairness-critical-line,
 *                                        fairness-zone-<ok|warning|critical>
 *   fairness-metric-<metric>             a metric's column header; fairness-metric-picker when one metric shows at a time
 *   fairness-row-<group>                 a group; data-reference, data-inconclusive ("true"/"false")
 *   fairness-reference-<group>           the reference group's mark
 *   fairness-inconclusive-<group>        the inconclusive mark (tooltip and aria-label give the reason)
 *   fairness-cell-<group>-<metric>       a rate with its interval; title has value, interval, n and any reason;
 *                                        data-inconclusive
 *   fairness-ratio-<group>               selection rate over the reference group's; data-level against the policy
 */
import { PanelPlugin } from '@grafana/data';
import { FairnessPanel } from './FairnessPanel';
import {
  DEFAULT_FAIRNESS_OPTIONS,
  migrateFairnessOptions,
  needsFairnessMigration,
  type FairnessOptions,
} from './options';

const defaults = DEFAULT_FAIRNESS_OPTIONS;

export const plugin = new PanelPlugin<FairnessOptions>(FairnessPanel)
  .setPanelOptions((builder) =>
    builder
      .addRadio({
        path: 'policy.source',
        name: 'Policy levels',
        description: 'The levels the query returns (its warning is the policy line) or the values below',
        category: ['Policy'],
        defaultValue: defaults.policy.source,
        settings: {
          options: [
            { value: 'frame', label: 'From the query' },
            { value: 'panel', label: 'Panel values' },
          ],
        },
      })
      .addNumberInput({
        path: 'policy.line',
        name: 'Policy line',
        description: 'Disparate impact below it violates the policy; 0.8 is the four-fifths rule',
        category: ['Policy'],
        defaultValue: defaults.policy.line,
        settings: { min: 0, max: 1, step: 0.05 },
      })
      .addNumberInput({
        path: 'policy.critical',
        name: 'Critical level',
        description: 'Disparate impact below it is critical; 0 for none',
        category: ['Policy'],
        defaultValue: defaults.policy.critical,
        settings: { min: 0, max: 1, step: 0.05 },
      })
      .addBooleanSwitch({
        path: 'showBand',
        name: 'Disparate-impact band',
        category: ['Display'],
        defaultValue: defaults.showBand,
      })
      .addBooleanSwitch({
        path: 'showIntervals',
        name: 'Confidence intervals',
        category: ['Display'],
        defaultValue: defaults.showIntervals,
      })
      .addBooleanSwitch({
        path: 'showRatio',
        name: 'Ratio to the reference group',
        description: 'Each group’s selection rate over the reference group’s (when the panel is wide enough)',
        category: ['Display'],
        defaultValue: defaults.showRatio,
      })
  )
  .setMigrationHandler(migrateFairnessOptions, (panel) => needsFairnessMigration(panel.options));
