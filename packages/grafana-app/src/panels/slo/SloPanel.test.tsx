import React from 'react';
import { screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';
import { cssColor, panelProps, renderInTheme, type PropsOverrides } from '../common/testing';
import { DEFAULT_SLO_OPTIONS, type SloOptions } from './options';
import { SloPanel } from './SloPanel';
import { budgetFrame, BURNING, BURNING_BUDGET, windowsFrame } from './testFrames';

const frames = () => [windowsFrame(BURNING), budgetFrame(BURNING_BUDGET)];

function renderSlo(
  series = frames(),
  options: Partial<SloOptions> = {},
  overrides: PropsOverrides = {},
  mode: 'dark' | 'light' = 'dark'
) {
  return renderInTheme(<SloPanel {...panelProps({ ...DEFAULT_SLO_OPTIONS, ...options }, series, overrides)} />, mode);
}

describe('SloPanel', () => {
  test('budget left with its bar, burn rate and time to exhaustion (hand-computed in testFrames.ts)', () => {
    renderSlo();
    expect(screen.getByTestId('slo-availability')).toHaveTextContent(/^Availability99\.9% over 30d/);
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('62.0%');
    expect(screen.getByTestId('slo-budget').dataset.level).toBe('ok');
    expect(screen.getByTestId('slo-budget-bar')).toHaveAttribute('aria-valuenow', '62');
    expect((screen.getByTestId('slo-budget-bar').firstChild as HTMLElement).style.width).toBe('62%');
    expect(screen.getByTestId('slo-burn-rate')).toHaveTextContent('15.2×');
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent('1 d 5 h');
  });

  test('each window pair: threshold, both burn rates, firing only when both exceed the threshold', () => {
    const { theme } = renderSlo();
    const page = screen.getByTestId('slo-window-1h-5m');
    expect(page.dataset.state).toBe('firing');
    expect(within(page).getByTestId('slo-window-threshold')).toHaveTextContent('14.4×');
    expect(within(page).getByTestId('slo-window-long')).toHaveTextContent('15.2×');
    expect(within(page).getByTestId('slo-window-short')).toHaveTextContent('16×');
    expect(within(page).getByTestId('slo-window-state')).toHaveTextContent('firing');
    expect(within(page).getByTestId('slo-window-long').style.color).toBe(cssColor(theme.colors.error.text));

    const slow = screen.getByTestId('slo-window-6h-30m');
    expect(slow.dataset.state).toBe('ok');
    expect(within(slow).getByTestId('slo-window-long').dataset.above).toBe('false');
    expect(within(slow).getByTestId('slo-window-short').dataset.above).toBe('true');
    expect(within(slow).getByTestId('slo-window-state')).toHaveTextContent('ok');
    expect(screen.getByTestId('slo-window-1d-2h').dataset.state).toBe('firing');
    expect(screen.getByTestId('slo-window-3d-6h').dataset.state).toBe('ok');
    expect(screen.getByTestId('slo-availability').dataset.firing).toBe('true');
  });

  test('an overspent budget stays negative, is critical and reads exhausted', () => {
    const { theme } = renderSlo([
      budgetFrame({ budgetRemaining: 1 - 0.00135 / 0.001, burnRate: 2, timeToExhaustion: 0 }),
    ]);
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('-35.0% overspent');
    expect(screen.getByTestId('slo-budget').dataset.level).toBe('critical');
    expect(screen.getByTestId('slo-budget').style.color).toBe(cssColor(theme.colors.error.text));
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent(/^exhausted$/);
    expect((screen.getByTestId('slo-budget-bar').firstChild as HTMLElement).style.width).toBe('100%');
  });

  test('a budget that is not burning, and one below the warning share', () => {
    const { unmount } = renderSlo([budgetFrame({ budgetRemaining: 1, burnRate: 0, timeToExhaustion: Infinity })]);
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent('not burning');
    expect(screen.getByTestId('slo-burn-rate')).toHaveTextContent('0×');
    unmount();
    // 0.2 left burning at 1×: 0.2 · 30 d = 6 d.
    renderSlo([budgetFrame({ budgetRemaining: 0.2, burnRate: 1, timeToExhaustion: 0.2 * 30 * 86400 })]);
    expect(screen.getByTestId('slo-budget').dataset.level).toBe('warning');
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent('6 d');
  });

  test('the warning share is an option', () => {
    renderSlo(frames(), { budgetWarning: 0.7 });
    expect(screen.getByTestId('slo-budget').dataset.level).toBe('warning');
  });

  test('parts can be hidden', () => {
    renderSlo(frames(), { showWindows: false, showExhaustion: false });
    expect(screen.queryByTestId('slo-window-1h-5m')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slo-exhaustion')).not.toBeInTheDocument();
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('62.0%');
  });

  test('at 300×200 the parts stack and the severity column is dropped', () => {
    renderSlo(frames(), {}, { width: 300, height: 200 });
    expect(screen.getByTestId('slo-panel').style.width).toBe('300px');
    expect(screen.getByTestId('slo-panel').style.height).toBe('200px');
    expect(screen.queryByText('severity')).not.toBeInTheDocument();
    expect(screen.getByTestId('slo-window-1h-5m').dataset.state).toBe('firing');
  });

  test('several SLOs and versions: one section each', () => {
    renderSlo([
      windowsFrame(BURNING, { version: '1' }),
      budgetFrame(BURNING_BUDGET, { version: '1' }),
      budgetFrame(
        { budgetRemaining: 0.9, burnRate: 0.5, timeToExhaustion: 0.9 * 30 * 86400 * 2 },
        { sloKind: 'latency', objective: 0.99, latencyThreshold: 0.25, version: '2' }
      ),
    ]);
    expect(screen.getByTestId('slo-availability@1').dataset.firing).toBe('true');
    const latency = screen.getByTestId('slo-latency@2');
    expect(latency).toHaveTextContent(/^Latency ≤ 250 ms · v299% over 30d/);
    expect(within(latency).getByTestId('slo-budget')).toHaveTextContent('90.0%');
    // 0.9 · 2,592,000 · 2 = 4,665,600 s = 54 d.
    expect(within(latency).getByTestId('slo-exhaustion')).toHaveTextContent('54 d');
  });

  test('burn rates without their budget say so', () => {
    renderSlo([windowsFrame(BURNING)]);
    expect(screen.getByTestId('slo-budget-missing')).toHaveTextContent('No error budget in the response');
  });

  test('the light theme renders with its own colours', () => {
    const { theme } = renderSlo(frames(), {}, {}, 'light');
    expect(within(screen.getByTestId('slo-window-1h-5m')).getByTestId('slo-window-long').style.color).toBe(
      cssColor(theme.colors.error.text)
    );
  });

  test('no SLO frames, loading, and a failed query each tell the user what to do', () => {
    const { unmount } = renderSlo([]);
    expect(screen.getByTestId('slo-empty')).toHaveTextContent(
      'No Modelwatch SLO data: choose the Modelwatch datasource and the SLO query type.'
    );
    unmount();
    const loading = renderSlo([], {}, { state: LoadingState.Loading });
    expect(screen.getByTestId('slo-loading')).toHaveTextContent('Loading SLO burn rates…');
    loading.unmount();
    renderSlo(
      [],
      {},
      {
        state: LoadingState.Error,
        errors: [{ refId: 'A', message: 'objective: 1.5 is not in (0, 1); use e.g. 0.999' }],
      }
    );
    expect(screen.getByTestId('slo-error')).toHaveTextContent(
      'Query A failed: objective: 1.5 is not in (0, 1); use e.g. 0.999'
    );
  });
});
