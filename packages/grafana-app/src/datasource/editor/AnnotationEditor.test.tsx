import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setTemplateSrv } from '@grafana/runtime';
import type { MlDataSource } from '../datasource';
import { scopedTemplateSrv } from '../testing/template-srv';
import type { MlQuery } from '../types';
import { AnnotationEditor } from './AnnotationEditor';
import { fixedCatalog } from './testing/fixed-catalog';
import { fixedLayout } from './testing/jsdom-layout';

let restore: () => void;
beforeAll(() => {
  restore = fixedLayout();
  setTemplateSrv(scopedTemplateSrv());
});
afterAll(() => restore());

function Harness({ changes }: { changes: MlQuery[] }) {
  const [query, setQuery] = useState<MlQuery>({ refId: 'Anno' });
  return (
    <AnnotationEditor
      datasource={{ catalog: fixedCatalog() } as unknown as MlDataSource}
      query={query}
      onChange={(q) => {
        changes.push(q);
        setQuery(q);
      }}
      onRunQuery={() => {}}
    />
  );
}

test('annotations choose whose alerts to show and always run as alert queries', async () => {
  const changes: MlQuery[] = [];
  render(<Harness changes={changes} />);
  expect(screen.queryByRole('radio', { name: 'Drift' })).toBeNull();
  expect(screen.getByLabelText('Model')).toHaveAttribute('placeholder', 'all models');
  await userEvent.click(screen.getByLabelText('Model'));
  await userEvent.click(await screen.findByRole('option', { name: 'credit' }));
  expect(changes[changes.length - 1]).toEqual({
    refId: 'Anno',
    model: 'credit',
    version: undefined,
    queryType: 'alerts',
  });
  await userEvent.click(screen.getByLabelText('Version'));
  await userEvent.click(await screen.findByRole('option', { name: 'v2' }));
  expect(changes[changes.length - 1]).toMatchObject({ model: 'credit', version: 'v2', queryType: 'alerts' });
});
