import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { INTERSECTION_SEPARATOR as X, POLICY } from '@modelwatch/semconv';
import { complianceOptions } from '../../datasource/options/resolve';
import { complianceModels } from '../../datasource/processors/compliance';
import { vector } from '../../datasource/testing/prometheus-json';
import { testIds } from '../testIds';
import { ModelCompliance } from './ModelCompliance';

const labels = (attribute: string, group: string, cls: string) => ({
  model_name: 'credit',
  model_version: 'v1',
  group_attribute: attribute,
  group_value: group,
  prediction_class: cls,
});

// sex: F 36 of 120 (0.30), M 80 of 200 (0.40), X 4 of 5 (under 2%), 5 unknown; sex × race: two cells.
const SAMPLES: Array<[ReturnType<typeof labels>, number]> = [
  [labels('sex', 'F', 'yes'), 36],
  [labels('sex', 'F', 'no'), 84],
  [labels('sex', 'M', 'yes'), 80],
  [labels('sex', 'M', 'no'), 120],
  [labels('sex', 'X', 'yes'), 4],
  [labels('sex', 'X', 'no'), 1],
  [labels('sex', '__missing__', 'no'), 5],
  [labels(`sex${X}race`, `F${X}A`, 'yes'), 40],
  [labels(`sex${X}race`, `F${X}A`, 'no'), 60],
  [labels(`sex${X}race`, `M${X}A`, 'yes'), 45],
  [labels(`sex${X}race`, `M${X}A`, 'no'), 55],
];

function model() {
  const o = complianceOptions({ refId: 'A', queryType: 'compliance' }, 'exporter-prometheus');
  return complianceModels(o, vector(SAMPLES))[0]!;
}

describe('ModelCompliance', () => {
  it("shows each pack with its legal reference, the threshold's source and a table per attribute", () => {
    render(<ModelCompliance model={model()} />);
    const card = screen.getByTestId(testIds.compliance.model);
    expect(card.dataset.status).toBe('belowThreshold');
    expect(card).toHaveTextContent(POLICY.fourFifths.reference);
    expect(card).toHaveTextContent(POLICY.nycLl144.reference);
    expect(card).toHaveTextContent("the organisation's policy; the law sets no pass level");
    expect(card).toHaveTextContent('No policy rules are recorded for this model');
    const tables = screen.getAllByTestId(testIds.compliance.table);
    expect(tables.map((t) => `${t.dataset.policy}:${t.dataset.attribute}:${t.dataset.status}`)).toEqual([
      'four-fifths:sex:belowThreshold',
      'nyc-ll144:sex:belowThreshold',
      `nyc-ll144:sex${X}race:ok`,
    ]);
    const nycSex = tables[1]!;
    expect(nycSex).toHaveTextContent('330 predictions, 5 with an unknown category');
    const rows = within(nycSex).getAllByTestId(testIds.compliance.row);
    expect(rows.map((r) => [r.dataset.category, r.dataset.status, r.dataset.impactRatio])).toEqual([
      ['F', 'belowThreshold', String(0.3 / 0.4)],
      ['M', 'ok', '1'],
      ['X', 'excluded', ''],
    ]);
    expect(rows[0]).toHaveTextContent('0.750');
    expect(rows[2]).toHaveTextContent('Excluded');
  });

  it('shows only the packs its rules record, without the note', () => {
    const o = complianceOptions({ refId: 'A', queryType: 'compliance' }, 'exporter-prometheus');
    const configured = vector([[{ model_name: 'credit', model_version: 'v1', policy: 'nyc-ll144' }, 1]]);
    const alerts = vector([
      [
        {
          alertname: 'ModelwatchPolicyImpactRatio',
          alertstate: 'firing',
          model_name: 'credit',
          model_version: 'v1',
          policy: 'nyc-ll144',
          group_attribute: 'sex',
          group_value: 'F',
        },
        1,
      ],
    ]);
    render(<ModelCompliance model={complianceModels(o, vector(SAMPLES), configured, alerts)[0]!} />);
    const card = screen.getByTestId(testIds.compliance.model);
    expect(card).not.toHaveTextContent('No policy rules are recorded');
    expect(card).not.toHaveTextContent(POLICY.fourFifths.reference);
    expect(screen.getAllByTestId(testIds.compliance.table).map((t) => t.dataset.policy)).toEqual([
      'nyc-ll144',
      'nyc-ll144',
    ]);
    const withAlert = screen.getAllByTestId(testIds.compliance.row).filter((r) => r.dataset.alert !== '');
    expect(withAlert.map((r) => [r.dataset.category, r.dataset.alert])).toEqual([['F', 'firing']]);
    expect(withAlert[0]).toHaveTextContent('Alert firing');
  });

  it("shows a model's one-line reason instead of its tables", () => {
    render(
      <ModelCompliance
        model={{
          model: 'm',
          version: 'v',
          window: '1d',
          packs: 'all',
          settings: 'defaults',
          favourable: 'positive',
          classes: null,
          status: 'ok',
          tables: [],
          error: 'one line',
        }}
      />
    );
    expect(screen.getByTestId(testIds.compliance.modelError)).toHaveTextContent('one line');
    expect(screen.queryAllByTestId(testIds.compliance.table)).toEqual([]);
  });
});
