import React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoadingState } from '@grafana/data';
import { psi } from '@modelwatch/stats';
import { cssColor, panelProps, renderInTheme, type PropsOverrides } from '../common/testing';
import { DriftPanel } from './DriftPanel';
import { DEFAULT_DRIFT_OPTIONS, type DriftOptions } from './options';
import { binsFrame, driftFrame, HOUR, T0 } from './testFrames';

const t = (i: number) => T0 + i * HOUR;
// PSI of four equal-probability bins with current shares 0.1…0.4: 0.2282174 by hand (see binsModel.test.ts).
const INCOME_PSI = psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]);
const INCOME_BINS: Array<[string, number, number]> = [
  ['< 30k', 0.25, 0.1],
  ['30k–52k', 0.25, 0.2],
  ['52k–80k', 0.25, 0.3],
  ['≥ 80k', 0.25, 0.4],
];

const frames = () => [
  driftFrame('income', [t(0), t(1), t(2)], [0.05, 0.15, INCOME_PSI]),
  driftFrame('age', [t(0), t(1), t(2)], [0.02, null, 0.03]),
  binsFrame('income', INCOME_BINS, { value: INCOME_PSI, count: 5000 }),
];

function renderDrift(
  series = frames(),
  options: Partial<DriftOptions> = {},
  overrides: PropsOverrides = {},
  mode: 'dark' | 'light' = 'dark'
) {
  return renderInTheme(
    <DriftPanel {...panelProps({ ...DEFAULT_DRIFT_OPTIONS, ...options }, series, overrides)} />,
    mode
  );
}

describe('DriftPanel', () => {
  test('cells are coloured by level and their titles give feature, time, value and level', () => {
    const { theme } = renderDrift();
    expect(screen.getByTestId('drift-panel')).toBeInTheDocument();
    const cells = [0, 1, 2].map((i) => screen.getByTestId(`drift-cell-income-${i}`));
    expect(cells.map((c) => c.dataset.level)).toEqual(['ok', 'warning', 'critical']);
    const colours = cells.map((c) => c.style.background);
    expect(new Set(colours).size).toBe(3);
    expect(colours).not.toContain('');
    expect(cells[2]!.style.background).toBe(cssColor(theme.colors.error.main));
    expect(cells[1]!.style.background).toBe(cssColor(theme.colors.warning.main));
    expect(cells[0]!.style.background).toBe(cssColor(theme.colors.success.main));
    expect(cells[2]).toHaveAttribute('title', 'income · 2026-01-05 12:00:00 · PSI 0.228 · critical (≥ 0.2)');
    expect(cells[1]).toHaveAttribute('title', 'income · 2026-01-05 11:00:00 · PSI 0.15 · warning (≥ 0.1)');
    expect(screen.getByTestId('drift-cell-age-1')).toHaveAttribute(
      'title',
      'age · 2026-01-05 11:00:00 · PSI – · no value'
    );
    expect(screen.getByTestId('drift-latest-income')).toHaveTextContent('0.228');
    expect(screen.getByTestId('drift-latest-income').dataset.level).toBe('critical');
  });

  test('the legend names the statistic and the levels', () => {
    renderDrift();
    expect(screen.getByTestId('drift-statistic')).toHaveTextContent('PSI');
    expect(screen.getByTestId('drift-legend-ok')).toHaveTextContent('< 0.1');
    expect(screen.getByTestId('drift-legend-warning')).toHaveTextContent('≥ 0.1');
    expect(screen.getByTestId('drift-legend-critical')).toHaveTextContent('≥ 0.2');
    expect(screen.getByTestId('drift-legend-none')).toHaveTextContent('no data');
  });

  test('selecting a feature shows its reference and current bins with the statistic; selecting again closes them', async () => {
    const user = userEvent.setup();
    renderDrift();
    expect(screen.queryByTestId('drift-bins')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('drift-cell-income-0'));
    const bins = screen.getByTestId('drift-bins');
    expect(within(bins).getByTestId('drift-bins-value')).toHaveTextContent('PSI 0.228');
    expect(within(bins).getByTestId('drift-bins-value').dataset.level).toBe('critical');
    expect(within(bins).getByTestId('drift-bins-summary')).toHaveTextContent('critical (≥ 0.2)n = 5,000window 1h');
    expect(within(bins).getByTestId('drift-bin-0')).toHaveTextContent('< 30k25.0% → 10.0%');
    expect(within(bins).getByTestId('drift-bin-3')).toHaveAttribute('title', '≥ 80k: reference 25.0%, current 40.0%');
    expect(screen.getByTestId('drift-row-income').dataset.selected).toBe('true');
    await user.click(screen.getByTestId('drift-select-income'));
    expect(screen.queryByTestId('drift-bins')).not.toBeInTheDocument();
  });

  test('the keyboard selects a feature: Tab to its name, Enter', async () => {
    const user = userEvent.setup();
    renderDrift();
    // Rows are sorted by name: age first, then income.
    await user.tab();
    expect(screen.getByTestId('drift-select-age')).toHaveFocus();
    await user.tab();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('drift-select-income')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('drift-bins-value')).toHaveTextContent('PSI 0.228');
  });

  test('a feature without a bins frame says which query to add', async () => {
    const user = userEvent.setup();
    renderDrift();
    await user.click(screen.getByTestId('drift-select-age'));
    expect(screen.getByTestId('drift-bins-missing')).toHaveTextContent(
      'No bin shares for age: add a Modelwatch query of type Drift bins for this feature to the panel.'
    );
  });

  test('at 300×200 the bins replace the heatmap, and the back button returns to it', async () => {
    const user = userEvent.setup();
    renderDrift(frames(), {}, { width: 300, height: 200 });
    const panel = screen.getByTestId('drift-panel');
    expect(panel.style.width).toBe('300px');
    expect(panel.style.height).toBe('200px');
    // Too narrow for the latest-value column.
    expect(screen.queryByTestId('drift-latest-income')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('drift-select-income'));
    expect(screen.queryByTestId('drift-heatmap')).not.toBeInTheDocument();
    expect(screen.getByTestId('drift-bins').style.width).toBe('284px');
    await user.click(screen.getByRole('button', { name: 'Back to heatmap' }));
    expect(screen.getByTestId('drift-heatmap')).toBeInTheDocument();
    expect(screen.queryByTestId('drift-bins')).not.toBeInTheDocument();
  });

  test('a wide panel shows heatmap and bins side by side', async () => {
    const user = userEvent.setup();
    renderDrift(frames(), {}, { width: 1000, height: 300 });
    await user.click(screen.getByTestId('drift-select-income'));
    expect(screen.getByTestId('drift-heatmap').style.width).toBe('541px');
    expect(screen.getByTestId('drift-bins').style.width).toBe('435px');
  });

  test('two versions: one row per feature and version, and the selected version’s bins', async () => {
    const user = userEvent.setup();
    renderDrift([
      driftFrame('income', [t(0)], [0.01], { version: '1' }),
      driftFrame('income', [t(0)], [0.3], { version: '2' }),
      binsFrame('income', INCOME_BINS, { version: '1', value: 0.01 }),
      binsFrame('income', INCOME_BINS, { version: '2', value: 0.3 }),
    ]);
    expect(screen.getByTestId('drift-select-income@1')).toHaveTextContent('income · v1');
    expect(screen.getByTestId('drift-cell-income@2-0').dataset.level).toBe('critical');
    await user.click(screen.getByTestId('drift-select-income@2'));
    expect(screen.getByTestId('drift-bins-value')).toHaveTextContent('PSI 0.3');
  });

  test('against last week the baseline bars are named last week; numeric bins by their reference percentiles', async () => {
    const user = userEvent.setup();
    renderDrift([
      driftFrame('income', [t(0)], [0.05], { baseline: 'lastWeek' }),
      binsFrame(
        'income',
        [
          ['0', 0.5, 0.4],
          ['1', 0.5, 0.6],
        ],
        { baseline: 'lastWeek', value: 0.04 }
      ),
    ]);
    await user.click(screen.getByTestId('drift-select-income'));
    expect(screen.getByTestId('drift-bins-summary')).toHaveTextContent('last week');
    expect(screen.getByTestId('drift-bin-1')).toHaveAttribute('title', '50–100%: last week 50.0%, current 60.0%');
  });

  test('series with different levels: the legend names the levels, each tooltip gives its own limit', () => {
    renderDrift([
      driftFrame('income', [t(0)], [0.15], { statistic: 'psi' }),
      driftFrame('income', [t(0)], [0.15], { statistic: 'jensenShannon', levels: { warning: 0.1, critical: null } }),
    ]);
    expect(screen.getByTestId('drift-statistic')).toHaveTextContent('Drift');
    expect(screen.getByTestId('drift-legend')).toHaveTextContent('levels per feature');
    expect(screen.getByTestId('drift-legend-critical')).toHaveTextContent(/^critical$/);
    expect(screen.getByTestId('drift-cell-income@jensenShannon-0')).toHaveAttribute(
      'title',
      'income · Jensen–Shannon · 2026-01-05 10:00:00 · Jensen–Shannon 0.15 · warning (≥ 0.1)'
    );
  });

  test('migrated single threshold: no warning entry in the legend, values at the threshold are critical', () => {
    renderDrift([driftFrame('income', [t(0)], [0.25])], {
      thresholds: { source: 'panel', warning: 0.25, critical: 0.25 },
    });
    expect(screen.queryByTestId('drift-legend-warning')).not.toBeInTheDocument();
    expect(screen.getByTestId('drift-legend-critical')).toHaveTextContent('≥ 0.25');
    expect(screen.getByTestId('drift-cell-income-0').dataset.level).toBe('critical');
  });

  test('selection switched off: names are plain text and cells do nothing', async () => {
    const user = userEvent.setup();
    renderDrift(frames(), { showBins: false, showLegend: false });
    expect(screen.queryByTestId('drift-select-income')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('drift-cell-income-0'));
    expect(screen.queryByTestId('drift-bins')).not.toBeInTheDocument();
    expect(screen.queryByTestId('drift-legend')).not.toBeInTheDocument();
    expect(screen.getByTestId('drift-statistic')).toHaveTextContent('PSI');
  });

  test('the light theme uses its own level colours', () => {
    const { theme } = renderDrift(frames(), {}, {}, 'light');
    expect(theme.isLight).toBe(true);
    expect(screen.getByTestId('drift-cell-income-2').style.background).toBe(cssColor(theme.colors.error.main));
  });

  test('no drift frames: says which datasource and query type to choose', () => {
    renderDrift([binsFrame('income', INCOME_BINS)]);
    expect(screen.getByTestId('drift-empty')).toHaveTextContent(
      'No Modelwatch drift series: choose the Modelwatch datasource and the Drift query type.'
    );
  });

  test('loading before any series arrived', () => {
    renderDrift([], {}, { state: LoadingState.Loading });
    expect(screen.getByTestId('drift-loading')).toHaveTextContent('Loading drift series…');
  });

  test('a failed query without data shows its message; with data, a one-line notice above the heatmap', () => {
    const errors = [{ refId: 'A', message: 'Model "lendng" has no series: check the model name' }];
    const { unmount } = renderDrift([], {}, { state: LoadingState.Error, errors });
    expect(screen.getByTestId('drift-error')).toHaveTextContent(
      'Query A failed: Model "lendng" has no series: check the model name'
    );
    unmount();
    renderDrift(frames(), {}, { state: LoadingState.Error, errors });
    expect(screen.getByTestId('drift-panel')).toBeInTheDocument();
    expect(screen.getByTestId('drift-error')).toHaveTextContent('Query A failed: Model "lendng" has no series');
  });
});
