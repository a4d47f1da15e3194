import React from 'react';
import { render, screen } from '@testing-library/react';
import { FieldType, LoadingState, getDefaultTimeRange, toDataFrame, type PanelProps } from '@grafana/data';
import { DriftPanel } from './module';

test('renders PSI from @modelwatch/stats', () => {
  const frame = toDataFrame({
    fields: [
      { name: 'bin', type: FieldType.string, values: ['a', 'b'] },
      { name: 'reference', type: FieldType.number, values: [50, 50] },
      { name: 'current', type: FieldType.number, values: [90, 10] },
    ],
  });
  const props = {
    data: { series: [frame], state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    options: { threshold: 0.2 },
    width: 300,
    height: 200,
  } as unknown as PanelProps<{ threshold: number }>;
  render(<DriftPanel {...props} />);
  expect(screen.getByTestId('drift-psi').textContent).toMatch(/^PSI 0\.\d{4}$/);
  expect(screen.getByText('drift')).toBeInTheDocument();
});
