import React, { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setTemplateSrv } from '@grafana/runtime';
import type { MlDataSource } from '../datasource';
import { ModelwatchError } from '../errors';
import { scopedTemplateSrv } from '../testing/template-srv';
import type { MlQuery } from '../types';
import { QueryEditor } from './QueryEditor';
import { fixedCatalog } from './testing/fixed-catalog';
import { fixedLayout } from './testing/jsdom-layout';

let restore: () => void;
beforeAll(() => {
  restore = fixedLayout();
});
afterAll(() => restore());
beforeEach(() => setTemplateSrv(scopedTemplateSrv({ model: 'credit' })));

/** The editor as a panel holds it: the query in state, every change and run recorded. */
function Harness({
  initial,
  catalog,
  changes,
  runs,
}: {
  initial: MlQuery;
  catalog: ReturnType<typeof fixedCatalog>;
  changes: MlQuery[];
  runs: number[];
}) {
  const [query, setQuery] = useState(initial);
  const datasource = { catalog } as unknown as MlDataSource;
  return (
    <QueryEditor
      datasource={datasource}
      query={query}
      onChange={(q) => {
        changes.push(q);
        setQuery(q);
      }}
      onRunQuery={() => runs.push(runs.length)}
    />
  );
}

function setup(initial: Partial<MlQuery>, catalog = fixedCatalog()) {
  const changes: MlQuery[] = [];
  const runs: number[] = [];
  render(<Harness initial={{ refId: 'A', ...initial }} catalog={catalog} changes={changes} runs={runs} />);
  return { changes, runs, catalog, last: () => changes[changes.length - 1]! };
}

async function optionsOf(label: string): Promise<string[]> {
  await userEvent.click(screen.getByLabelText(label));
  await waitFor(() => expect(screen.queryAllByRole('option').length).toBeGreaterThan(0));
  return screen.getAllByRole('option').map((o) => o.textContent ?? '');
}

async function pick(label: string, option: string): Promise<void> {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('query editor', () => {
  test('the model picker lists the models from Prometheus, after the dashboard variables', async () => {
    const { changes, runs } = setup({});
    expect(await optionsOf('Model')).toEqual(['$model', 'churn', 'credit']);
    await userEvent.click(screen.getByRole('option', { name: 'churn' }));
    expect(changes[changes.length - 1]).toMatchObject({ model: 'churn', version: undefined });
    expect(runs.length).toBe(1);
  });

  test('versions are those of the chosen model; a template variable in the model is replaced first', async () => {
    const { catalog, last } = setup({ model: '$model' });
    expect(await optionsOf('Version')).toEqual(['$model', 'v1', 'v2']);
    expect(catalog.calls).toContain('versions(credit)');
    await userEvent.click(screen.getByRole('option', { name: 'v2' }));
    expect(last().version).toBe('v2');
  });

  test('drift: features, statistic, window, and the offset once the baseline is last week', async () => {
    const { last } = setup({ model: 'credit', queryType: 'drift' });
    expect(await optionsOf('Feature')).toEqual(['$model', 'age', 'income', 'purpose']);
    await userEvent.click(screen.getByRole('option', { name: 'income' }));
    expect(last().feature).toBe('income');
    await userEvent.click(screen.getByRole('radio', { name: 'KS' }));
    expect(last().statistic).toBe('ks');
    expect(screen.queryByLabelText('Offset')).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: 'Last week' }));
    expect(last().baseline).toBe('lastWeek');
    const offset = screen.getByLabelText('Offset');
    expect(offset).toHaveAttribute('placeholder', '1w');
    await userEvent.type(screen.getByLabelText('Window'), '30m');
    await userEvent.tab();
    expect(last().window).toBe('30m');
  });

  test('changing the query type keeps the model and shows that type’s options', async () => {
    const { last } = setup({ model: 'credit', queryType: 'drift' });
    await userEvent.click(screen.getByRole('radio', { name: 'Fairness' }));
    expect(last()).toMatchObject({ queryType: 'fairness', model: 'credit' });
    expect(screen.getByLabelText('Attribute')).toBeInTheDocument();
    expect(screen.getByLabelText('Min group size')).toHaveAttribute('placeholder', '30');
    expect(screen.getByLabelText('Window')).toHaveAttribute('placeholder', '1d');
  });

  test('fairness: reference groups are the groups of the chosen attribute', async () => {
    const { catalog, last } = setup({ model: 'credit', queryType: 'fairness' });
    expect(await optionsOf('Attribute')).toEqual(['$model', 'race', 'sex']);
    await userEvent.click(screen.getByRole('option', { name: 'sex' }));
    expect(last().attribute).toBe('sex');
    expect(await optionsOf('Reference group')).toEqual(['$model', 'F', 'M', 'X']);
    expect(catalog.calls).toContain('groups(credit, sex)');
    await userEvent.click(screen.getByRole('option', { name: 'M' }));
    expect(last().referenceGroup).toBe('M');
    await userEvent.type(screen.getByLabelText('Min group size'), '50{Enter}');
    expect(last().minGroupSize).toBe(50);
    expect(await optionsOf('Positive class')).toEqual(['$model', 'no', 'yes']);
  });

  test('compliance: the packs, threshold and exclusion share default to the contract’s', async () => {
    const { last } = setup({ model: 'credit', queryType: 'drift' });
    await userEvent.click(screen.getByRole('radio', { name: 'Compliance' }));
    expect(last()).toMatchObject({ queryType: 'compliance', model: 'credit' });
    expect(screen.getByLabelText('Threshold')).toHaveAttribute('placeholder', '0.8');
    expect(screen.getByLabelText('Exclude below')).toHaveAttribute('placeholder', '0.02');
    expect(screen.getByLabelText('Window')).toHaveAttribute('placeholder', '1d');
    expect(screen.getByLabelText('Model')).toHaveAttribute('placeholder', 'all models');
    await userEvent.type(screen.getByLabelText('Threshold'), '0.9{Enter}');
    expect(last().threshold).toBe(0.9);
    await userEvent.click(screen.getByRole('radio', { name: 'Negative class' }));
    expect(last().favourable).toBe('negative');
  });

  test('drift: per segment, every value unless one is picked', async () => {
    const { last } = setup({ model: 'credit', queryType: 'drift' });
    expect(screen.getByLabelText('Segment')).toHaveAttribute('placeholder', 'whole model');
    expect(screen.queryByLabelText('Value')).toBeNull();
    await pick('Segment', 'region');
    expect(last()).toMatchObject({ queryType: 'drift', segmentName: 'region' });
    expect(screen.getByLabelText('Value')).toHaveAttribute('placeholder', 'all values');
    expect(await optionsOf('Value')).toEqual(['$model', 'north', 'south']);
  });

  test('performance: a segment value picker appears for the chosen segment', async () => {
    const { last } = setup({ model: 'credit', queryType: 'performance' });
    expect(screen.queryByLabelText('Value')).toBeNull();
    await pick('Segment', 'region');
    expect(last().segmentName).toBe('region');
    expect(await optionsOf('Value')).toEqual(['$model', 'north', 'south']);
  });

  test('regression: the four metrics by default, a window, no class or segment fields', async () => {
    const { last } = setup({ model: 'price', queryType: 'regression' });
    expect(screen.queryByLabelText('Segment')).toBeNull();
    expect(screen.queryByLabelText('Positive class')).toBeNull();
    await userEvent.type(screen.getByLabelText('Window'), '6h');
    await userEvent.tab();
    expect(last().window).toBe('6h');
    expect(await optionsOf('Metrics')).toEqual(['MAE', 'RMSE', 'MAPE', 'bias (mean error)']);
  });

  test('explanation drift: nDCG or importance, and a window', async () => {
    const { last } = setup({ model: 'credit', queryType: 'attributions' });
    expect(screen.queryByLabelText('Feature')).toBeNull();
    expect(await optionsOf('Statistic')).toEqual(expect.arrayContaining(['ndcg', 'importance']));
    await userEvent.click(screen.getByRole('option', { name: 'importance' }));
    expect(last().attributionStatistic).toBe('importance');
    await userEvent.type(screen.getByLabelText('Window'), '6h');
    await userEvent.tab();
    expect(last().window).toBe('6h');
  });

  test('SLO: latency thresholds from the histogram boundaries; burn windows default to the generator’s four', async () => {
    const { last } = setup({ model: 'credit', queryType: 'slo' });
    expect(screen.queryByLabelText('Threshold (s)')).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: 'Latency' }));
    expect(last().sloKind).toBe('latency');
    expect(await optionsOf('Threshold (s)')).toEqual(['$model', '0.1', '0.25', '1']);
    await userEvent.click(screen.getByRole('option', { name: '0.25' }));
    expect(last().latencyThreshold).toBe(0.25);
    expect(screen.getAllByLabelText('long').map((i) => (i as HTMLInputElement).value)).toEqual([
      '1h',
      '6h',
      '1d',
      '3d',
    ]);
    await userEvent.click(screen.getAllByRole('button', { name: 'Remove this window pair' })[0]!);
    expect(last().burnWindows).toEqual([
      { severity: 'page', long: '6h', short: '30m', burnRate: 6 },
      { severity: 'ticket', long: '1d', short: '2h', burnRate: 3 },
      { severity: 'ticket', long: '3d', short: '6h', burnRate: 1 },
    ]);
    await userEvent.type(screen.getByLabelText('Objective'), '0.999');
    await userEvent.tab();
    expect(last().objective).toBe(0.999);
  });

  test('a failed lookup shows its one line under the field', async () => {
    setup(
      {},
      fixedCatalog({
        models: () =>
          Promise.reject(
            new ModelwatchError('Cannot reach Prometheus at http://prometheus:9090 (502 Bad Gateway): check the URL')
          ),
      })
    );
    await userEvent.click(screen.getByLabelText('Model'));
    expect(
      await screen.findByText('Cannot reach Prometheus at http://prometheus:9090 (502 Bad Gateway): check the URL')
    ).toBeInTheDocument();
  });
});
