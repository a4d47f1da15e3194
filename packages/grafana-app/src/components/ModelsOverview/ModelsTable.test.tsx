import React from 'react';
import { render, screen, within } from '@testing-library/react';
import type { ModelOverview } from '../../shared/overview';
import { testIds } from '../testIds';
import { ModelsTable } from './ModelsTable';

const base: ModelOverview = {
  model: 'mortgage-approval',
  version: '2.0.0',
  predictionRate: 0.355,
  errorRatio: 0.005,
  drift: { status: 'critical', worstFeature: 'pirat', worstPsi: 1.2512 },
  performance: { status: 'ok', realized: 0.468, estimated: 0.5439, metric: 'f1' },
  fairness: { status: 'critical', disparateImpact: 0.2703, attribute: 'afam' },
  slo: { status: 'critical', budgetRemaining: -19 },
  alerts: [
    { name: 'ModelwatchFeatureDriftPSI', state: 'firing', severity: 'critical' },
    { name: 'ModelwatchFeatureDriftPSI', state: 'firing', severity: 'critical' },
    { name: 'ModelwatchFairness', state: 'pending', severity: 'warning' },
  ],
};

describe('ModelsTable', () => {
  it('shows each version with its statuses, key numbers, grouped alerts and a link to its dashboard', () => {
    const older: ModelOverview = {
      ...base,
      version: '1.10.0',
      drift: { status: 'ok', worstFeature: 'chist', worstPsi: 0.028 },
      slo: { status: 'unknown', budgetRemaining: Number.NaN },
      alerts: [],
    };
    render(<ModelsTable models={[base, older]} />);
    const rows = screen.getAllByTestId(testIds.models.row);
    // Versions compare part by part as numbers: 1.10.0 comes before 2.0.0.
    expect(rows.map((r) => r.getAttribute('data-version'))).toEqual(['1.10.0', '2.0.0']);
    const row = rows[1]!;
    expect(row.getAttribute('data-status')).toBe('critical');
    const cell = (id: string) => within(row).getByTestId(id);
    expect(cell(testIds.models.cell.drift).getAttribute('data-status')).toBe('critical');
    expect(cell(testIds.models.cell.drift).textContent).toBe('CriticalPSI 1.251pirat');
    expect(cell(testIds.models.cell.performance).textContent).toBe('OKF1 0.468estimated 0.544');
    expect(cell(testIds.models.cell.fairness).textContent).toBe('CriticalDI 0.270afam');
    expect(cell(testIds.models.cell.slo).textContent).toBe('Criticalbudget -1900.0%error budget spent');
    expect(cell(testIds.models.cell.traffic).textContent).toBe('0.355/serrors 0.50%');
    expect(cell(testIds.models.cell.alerts).textContent).toBe(
      'ModelwatchFeatureDriftPSI ×2ModelwatchFairness (pending)'
    );
    expect(within(row).getByText('mortgage-approval').getAttribute('href')).toBe(
      '/d/modelwatch-model?var-model=mortgage-approval&var-version=2.0.0'
    );
    const first = rows[0]!;
    expect(within(first).getByTestId(testIds.models.cell.slo).textContent).toBe('No databudget –error budget left');
    expect(within(first).getByTestId(testIds.models.cell.alerts).textContent).toBe('none');
  });

  it('shows the explanation nDCG beside the worst drift of a model that records attributions', () => {
    const explained: ModelOverview = { ...base, drift: { ...base.drift, explanationNdcg: 0.7674 } };
    render(<ModelsTable models={[explained]} />);
    const row = screen.getAllByTestId(testIds.models.row)[0]!;
    expect(within(row).getByTestId(testIds.models.cell.drift).textContent).toBe(
      'CriticalPSI 1.251pirat · explanation nDCG 0.767'
    );
  });

  it('shows MAE, RMSE, MAPE and signed bias for a regression model instead of F1 and its estimate', () => {
    const price: ModelOverview = {
      ...base,
      model: 'price',
      performance: {
        status: 'ok',
        realized: Number.NaN,
        estimated: Number.NaN,
        metric: 'accuracy',
        regression: { mae: 12.5, rmse: 15.25, mape: 0.0625, bias: 3.5 },
      },
    };
    const quiet: ModelOverview = {
      ...price,
      version: '1.0.0',
      performance: {
        ...price.performance,
        status: 'unknown',
        regression: { mae: Number.NaN, rmse: Number.NaN, mape: Number.NaN, bias: Number.NaN },
      },
    };
    render(<ModelsTable models={[price, quiet]} />);
    const [first, second] = screen.getAllByTestId(testIds.models.row);
    expect(within(second!).getByTestId(testIds.models.cell.performance).textContent).toBe(
      'OKMAE 12.500RMSE 15.250 · MAPE 6.3% · bias +3.500'
    );
    expect(within(first!).getByTestId(testIds.models.cell.performance).textContent).toBe(
      'No dataMAE –RMSE – · MAPE – · bias –'
    );
  });
});
