import React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoadingState } from '@grafana/data';
import { cssColor, panelProps, renderInTheme, type PropsOverrides } from '../common/testing';
import { FairnessPanel } from './FairnessPanel';
import { DEFAULT_FAIRNESS_OPTIONS, type FairnessOptions } from './options';
import { fairnessFrame, LENDING_DI, LENDING_ROWS } from './testFrames';

const frames = () => [fairnessFrame(LENDING_ROWS, { disparateImpact: LENDING_DI })];

function renderFairness(
  series = frames(),
  options: Partial<FairnessOptions> = {},
  overrides: PropsOverrides = {},
  mode: 'dark' | 'light' = 'dark'
) {
  return renderInTheme(
    <FairnessPanel {...panelProps({ ...DEFAULT_FAIRNESS_OPTIONS, ...options }, series, overrides)} />,
    mode
  );
}

describe('FairnessPanel', () => {
  test('every group with its rates and Wilson intervals; the reference group is marked', () => {
    renderFairness();
    const section = screen.getByTestId('fairness-section-afam');
    expect(
      within(section)
        .getAllByRole('row')
        .map((r) => r.dataset.testid)
    ).toEqual([undefined, 'fairness-row-no', 'fairness-row-yes', 'fairness-row-asian', 'fairness-row-unknown']);
    // 30 of 100 at 95%: [0.2189488, 0.3958486] by hand (fairnessModel.test.ts).
    expect(screen.getByTestId('fairness-cell-yes-selectionRate')).toHaveTextContent('0.300 [0.219, 0.396]');
    expect(screen.getByTestId('fairness-cell-yes-selectionRate')).toHaveAttribute(
      'title',
      'yes · Selection rate 0.300 · 95% interval 0.219–0.396 · n = 100'
    );
    expect(screen.getByTestId('fairness-cell-no-tpr')).toHaveTextContent(/^0\.800 \[/);
    expect(screen.getByTestId('fairness-row-no').dataset.reference).toBe('true');
    expect(screen.getByTestId('fairness-reference-no')).toHaveTextContent('ref');
    expect(screen.queryByTestId('fairness-reference-yes')).not.toBeInTheDocument();
  });

  test('the disparate-impact band: value, level, verdict and the four-fifths line', () => {
    const { theme } = renderFairness();
    const di = screen.getByTestId('fairness-di');
    expect(di).toHaveTextContent('0.750');
    expect(di.dataset.level).toBe('warning');
    expect(di.style.color).toBe(cssColor(theme.colors.warning.text));
    expect(screen.getByTestId('fairness-band')).toHaveTextContent(
      'Disparate impact 0.750 below the four-fifths rule (0.8)'
    );
    const line = screen.getByTestId('fairness-policy-line');
    expect(line.dataset.value).toBe('0.8');
    expect(line.style.left).toBe('80%');
    expect(screen.queryByTestId('fairness-critical-line')).not.toBeInTheDocument();
  });

  test('groups below the policy line are flagged in the ratio column; the reference and small groups are not judged', () => {
    renderFairness();
    expect(screen.getByTestId('fairness-ratio-yes')).toHaveTextContent('0.75');
    expect(screen.getByTestId('fairness-ratio-yes').dataset.level).toBe('warning');
    expect(screen.getByTestId('fairness-ratio-yes')).toHaveAttribute(
      'title',
      "Selection rate of yes over no's: 0.750, below 0.8"
    );
    expect(screen.getByTestId('fairness-ratio-asian').dataset.level).toBe('ok');
    expect(screen.getByTestId('fairness-ratio-no').dataset.level).toBe('none');
    expect(screen.getByTestId('fairness-ratio-unknown').dataset.level).toBe('none');
  });

  test('a group below the minimum size is marked inconclusive, and the mark says why', async () => {
    const user = userEvent.setup();
    renderFairness();
    const row = screen.getByTestId('fairness-row-unknown');
    expect(row.dataset.inconclusive).toBe('true');
    const mark = screen.getByTestId('fairness-inconclusive-unknown');
    expect(mark).toHaveTextContent('inconclusive');
    const reason =
      'Inconclusive: 12 predictions, fewer than the minimum group size of 30, so the group is left out of the disparities';
    expect(mark).toHaveAttribute('aria-label', reason);
    await user.hover(mark);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(screen.queryByTestId('fairness-inconclusive-yes')).not.toBeInTheDocument();
  });

  test('a metric inconclusive for one group only (too few labels) is marked on that cell', () => {
    renderFairness();
    expect(screen.getByTestId('fairness-row-asian').dataset.inconclusive).toBe('false');
    const cell = screen.getByTestId('fairness-cell-asian-tpr');
    expect(cell.dataset.inconclusive).toBe('true');
    expect(cell.getAttribute('title')).toContain(
      'Inconclusive: 20 labelled predictions, fewer than the minimum group size of 30'
    );
    expect(screen.getByTestId('fairness-cell-asian-selectionRate').dataset.inconclusive).toBe('false');
  });

  test('the policy line is configurable: the panel’s 0.7 instead of the query’s 0.8', () => {
    renderFairness(frames(), { policy: { source: 'panel', line: 0.7, critical: 0 } });
    expect(screen.getByTestId('fairness-policy-line').dataset.value).toBe('0.7');
    expect(screen.getByTestId('fairness-policy-line').style.left).toBe('70%');
    expect(screen.getByTestId('fairness-di').dataset.level).toBe('ok');
    expect(screen.getByTestId('fairness-band')).toHaveTextContent('meets the policy line 0.7');
    expect(screen.getByTestId('fairness-ratio-yes').dataset.level).toBe('ok');
  });

  test('a critical level from the query: its line and zone, and a critical verdict', () => {
    renderFairness([fairnessFrame(LENDING_ROWS, { disparateImpact: 0.55, levels: { warning: 0.8, critical: 0.6 } })]);
    expect(screen.getByTestId('fairness-critical-line').dataset.value).toBe('0.6');
    expect(screen.getByTestId('fairness-zone-critical').style.width).toBe('60%');
    expect(screen.getByTestId('fairness-di').dataset.level).toBe('critical');
    expect(screen.getByTestId('fairness-band')).toHaveTextContent('below the critical level 0.6');
  });

  test('at 300×200 one metric shows at a time and the buttons step through them', async () => {
    const user = userEvent.setup();
    renderFairness(frames(), {}, { width: 300, height: 200 });
    expect(screen.getByTestId('fairness-panel').style.width).toBe('300px');
    expect(screen.getByTestId('fairness-metric-picker')).toBeInTheDocument();
    expect(screen.getByTestId('fairness-metric-selectionRate')).toHaveTextContent('Selection rate');
    expect(screen.queryByTestId('fairness-cell-yes-tpr')).not.toBeInTheDocument();
    // Narrow cells show the value; the interval stays in the title.
    expect(screen.getByTestId('fairness-cell-yes-selectionRate')).toHaveTextContent(/^0\.300$/);
    await user.click(screen.getByRole('button', { name: 'Next metric' }));
    expect(screen.getByTestId('fairness-metric-tpr')).toHaveTextContent('TPR');
    expect(screen.getByTestId('fairness-cell-yes-tpr')).toHaveTextContent('0.600');
    // Too narrow for the ratio column and the long inconclusive label; the mark stays.
    expect(screen.queryByTestId('fairness-ratio-yes')).not.toBeInTheDocument();
    expect(screen.getByTestId('fairness-inconclusive-unknown')).not.toHaveTextContent('inconclusive');
  });

  test('parts can be hidden', () => {
    renderFairness(frames(), { showBand: false, showIntervals: false, showRatio: false });
    expect(screen.queryByTestId('fairness-band')).not.toBeInTheDocument();
    expect(screen.queryByTestId('fairness-ratio-yes')).not.toBeInTheDocument();
    expect(screen.getByTestId('fairness-cell-yes-selectionRate')).toHaveTextContent(/^0\.300$/);
  });

  test('two model versions: a section each, named with the version', () => {
    renderFairness([
      fairnessFrame(LENDING_ROWS, { version: '1', disparateImpact: 0.85 }),
      fairnessFrame(LENDING_ROWS, { version: '2', disparateImpact: 0.75 }),
    ]);
    expect(within(screen.getByTestId('fairness-section-afam@1')).getByTestId('fairness-di').dataset.level).toBe('ok');
    expect(within(screen.getByTestId('fairness-section-afam@2')).getByTestId('fairness-di').dataset.level).toBe(
      'warning'
    );
    expect(screen.getByTestId('fairness-section-afam@2')).toHaveTextContent(/^afam · v2/);
  });

  test('the light theme renders with its own colours', () => {
    const { theme } = renderFairness(frames(), {}, {}, 'light');
    expect(screen.getByTestId('fairness-di').style.color).toBe(cssColor(theme.colors.warning.text));
  });

  test('no fairness frames, loading, and a failed query each tell the user what to do', () => {
    const { unmount } = renderFairness([]);
    expect(screen.getByTestId('fairness-empty')).toHaveTextContent(
      'No Modelwatch fairness rows: choose the Modelwatch datasource and the Fairness query type, with a protected attribute the model reports.'
    );
    unmount();
    const loading = renderFairness([], {}, { state: LoadingState.Loading });
    expect(screen.getByTestId('fairness-loading')).toHaveTextContent('Loading fairness…');
    loading.unmount();
    renderFairness(
      [],
      {},
      {
        state: LoadingState.Error,
        errors: [{ refId: 'B', message: "attribute: 'race' is not a protected attribute of lending; choose afam" }],
      }
    );
    expect(screen.getByTestId('fairness-error')).toHaveTextContent(
      "Query B failed: attribute: 'race' is not a protected attribute of lending; choose afam"
    );
  });
});
