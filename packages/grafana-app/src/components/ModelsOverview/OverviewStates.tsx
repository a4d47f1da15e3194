import React, { type ReactNode } from 'react';
import { config } from '@grafana/runtime';
import { EmptyState, LinkButton, TextLink } from '@grafana/ui';
import { DATASOURCE_PLUGIN_ID } from '../../constants';
import { testIds } from '../testIds';

/** No Modelwatch datasource: tell the user to add one, and where. */
export function NoDatasource(): ReactNode {
  return (
    <div data-testid={testIds.models.noDatasource}>
      <EmptyState
        variant="call-to-action"
        message="Add a Modelwatch datasource to see your models"
        button={
          <LinkButton href={`${config.appSubUrl ?? ''}/connections/datasources/${DATASOURCE_PLUGIN_ID}`} icon="plus">
            Add a Modelwatch datasource
          </LinkButton>
        }
      >
        Point it at the Prometheus that scrapes your inference services (or at an existing Prometheus datasource).
      </EmptyState>
    </div>
  );
}

/** A datasource without Modelwatch series in the window: tell the user how models get there. */
export function NoModels({ datasource, window }: { datasource: string; window: string }): ReactNode {
  return (
    <div data-testid={testIds.models.noModels}>
      <EmptyState variant="not-found" message={`No models reported to "${datasource}" in the last ${window}`}>
        Record predictions with <code>ModelMonitor</code> from <code>@modelwatch/otel</code>, export them to this
        Prometheus (for example through <code>@opentelemetry/exporter-prometheus</code>), and check that Prometheus
        scrapes the service.{' '}
        <TextLink href="https://github.com/modelwatch/modelwatch#readme" external>
          Getting started
        </TextLink>
      </EmptyState>
    </div>
  );
}
