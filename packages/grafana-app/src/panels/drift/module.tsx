/*
 * Modelwatch drift panel: features × time heatmap of a drift statistic; selecting a feature shows its bins.
 *
 * data-testids (the browser tests rely on them):
 *   drift-panel                 the panel, when it has drift series
 *   drift-loading | drift-empty | drift-error
 *                               the message shown instead of the panel (drift-error is also the one-line notice
 *                               above the heatmap when one query failed and others returned series)
 *   drift-legend, drift-statistic, drift-legend-<ok|warning|critical|none>
 *   drift-heatmap               the grid; drift-time-axis its start and end times
 *   drift-row-<key>             one series; data-selected="true|false"
 *   drift-select-<key>          the row's name, a button that selects the feature (keyboard: Tab, Enter/Space)
 *   drift-cell-<key>-<i>        column i of the row; data-level="ok|warning|critical|none"; title = feature · time · value · level
 *   drift-latest-<key>          the row's latest value; data-level as above
 *   drift-bins                  the selected feature's bins; drift-bins-value (statistic, data-level),
 *                               drift-bins-summary, drift-bin-<i> (title: reference and current shares),
 *                               drift-bins-missing (no bins frame for the feature), drift-bins-close
 * <key> is the feature name, followed by `@<value>` for each of model, version, statistic and baseline that
 * differs between the series (e.g. `income@2` with two model versions); a repeated series gets `#2`, `#3`, ….
 */
import { PanelPlugin, type PanelOptionsEditorBuilder } from '@grafana/data';
import { DriftPanel } from './DriftPanel';
import { DEFAULT_DRIFT_OPTIONS, isLegacyDriftOptions, migrateDriftOptions, type DriftOptions } from './options';

const defaults = DEFAULT_DRIFT_OPTIONS;

/** Where the warning and critical levels come from, and the panel's own values. */
function thresholdOptions(builder: PanelOptionsEditorBuilder<DriftOptions>): PanelOptionsEditorBuilder<DriftOptions> {
  return builder
    .addRadio({
      path: 'thresholds.source',
      name: 'Thresholds',
      description: 'The levels the query returns (from modelwatch.yaml) or the values below',
      category: ['Thresholds'],
      defaultValue: defaults.thresholds.source,
      settings: {
        options: [
          { value: 'frame', label: 'From the query' },
          { value: 'panel', label: 'Panel values' },
        ],
      },
    })
    .addNumberInput({
      path: 'thresholds.warning',
      name: 'Warning',
      description: 'Values at or above it are a warning (used when the query returns no levels)',
      category: ['Thresholds'],
      defaultValue: defaults.thresholds.warning,
      settings: { min: 0, step: 0.01 },
    })
    .addNumberInput({
      path: 'thresholds.critical',
      name: 'Critical',
      description: 'Values at or above it are critical (used when the query returns no levels)',
      category: ['Thresholds'],
      defaultValue: defaults.thresholds.critical,
      settings: { min: 0, step: 0.01 },
    });
}

function displayOptions(builder: PanelOptionsEditorBuilder<DriftOptions>): PanelOptionsEditorBuilder<DriftOptions> {
  return builder
    .addTextInput({
      path: 'statisticLabel',
      name: 'Statistic label',
      description: 'Name shown for the statistic; empty uses the one the query reports (PSI, Jensen–Shannon, …)',
      category: ['Display'],
      defaultValue: defaults.statisticLabel,
    })
    .addRadio({
      path: 'sortBy',
      name: 'Sort features',
      category: ['Display'],
      defaultValue: defaults.sortBy,
      settings: {
        options: [
          { value: 'feature', label: 'By name' },
          { value: 'latest', label: 'Worst first' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'showLegend',
      name: 'Legend',
      category: ['Display'],
      defaultValue: defaults.showLegend,
    })
    .addBooleanSwitch({
      path: 'showTimeAxis',
      name: 'Time axis',
      category: ['Display'],
      defaultValue: defaults.showTimeAxis,
    })
    .addBooleanSwitch({
      path: 'showLatest',
      name: 'Latest value',
      description: 'A column with each feature’s most recent value (when the panel is wide enough)',
      category: ['Display'],
      defaultValue: defaults.showLatest,
    })
    .addBooleanSwitch({
      path: 'showBins',
      name: 'Bins on selection',
      description: 'Selecting a feature shows its reference and current bin shares (needs a Drift bins query)',
      category: ['Display'],
      defaultValue: defaults.showBins,
    });
}

export const plugin = new PanelPlugin<DriftOptions>(DriftPanel)
  .setPanelOptions((builder) => displayOptions(thresholdOptions(builder)))
  // Saved dashboards keep the plugin version, which did not change with the new options: detect the old shape.
  .setMigrationHandler(migrateDriftOptions, (panel) => isLegacyDriftOptions(panel.options));
