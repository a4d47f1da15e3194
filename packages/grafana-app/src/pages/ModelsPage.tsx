import React, { useMemo, useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Combobox, InlineField, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import { OVERVIEW_WINDOWS, type OverviewWindow } from '../constants';
import { ModelsTable } from '../components/ModelsOverview/ModelsTable';
import { NoDatasource, NoModels } from '../components/ModelsOverview/OverviewStates';
import { OverviewSummary } from '../components/ModelsOverview/OverviewSummary';
import { useModelOverview, type OverviewState } from '../components/ModelsOverview/useModelOverview';
import { testIds } from '../components/testIds';
import { listModelwatchDatasources, pickDatasource } from '../utils/datasources';
import { overviewWindowOf, type AppSettings } from '../utils/settings';

const WINDOW_OPTIONS: Array<SelectableValue<OverviewWindow>> = OVERVIEW_WINDOWS.map((w) => ({ label: w, value: w }));

/** The app's home: every model version with its drift, performance, fairness and SLO status. */
export function ModelsPage({ settings }: { settings: AppSettings }): ReactNode {
  const styles = useStyles2(getStyles);
  const datasources = useMemo(() => listModelwatchDatasources(), []);
  const [uid, setUid] = useState(() => pickDatasource(datasources, settings.defaultDatasourceUid)?.uid);
  const [timeWindow, setTimeWindow] = useState<OverviewWindow>(() => overviewWindowOf(settings));
  const [reload, setReload] = useState(0);
  const datasource = datasources.find((ds) => ds.uid === uid);
  const state = useModelOverview(datasource, timeWindow, reload);

  return (
    <PluginPage>
      <div data-testid={testIds.models.page} className={styles.page}>
        {datasource && (
          <div className={styles.controls}>
            {datasources.length > 1 && (
              <InlineField label="Datasource" data-testid={testIds.models.datasource}>
                <Combobox
                  width={40}
                  options={datasources.map((ds) => ({ label: ds.name, value: ds.uid }))}
                  value={datasource.uid}
                  onChange={(v) => setUid(v.value)}
                />
              </InlineField>
            )}
            <InlineField label="Last" data-testid={testIds.models.window}>
              <RadioButtonGroup options={WINDOW_OPTIONS} value={timeWindow} onChange={setTimeWindow} size="md" />
            </InlineField>
            <Button
              data-testid={testIds.models.refresh}
              variant="secondary"
              icon="sync"
              onClick={() => setReload((n) => n + 1)}
            >
              Refresh
            </Button>
          </div>
        )}
        <OverviewBody state={state} datasource={datasource?.name ?? ''} window={timeWindow} />
      </div>
    </PluginPage>
  );
}

function OverviewBody({
  state,
  datasource,
  window,
}: {
  state: OverviewState;
  datasource: string;
  window: string;
}): ReactNode {
  switch (state.kind) {
    case 'loading':
      return (
        <div data-testid={testIds.models.loading}>
          <LoadingPlaceholder text="Loading models…" />
        </div>
      );
    case 'noDatasource':
      return <NoDatasource />;
    case 'error':
      return (
        <Alert
          data-testid={testIds.models.error}
          severity="error"
          title={`Could not load the models from "${datasource}"`}
        >
          {state.message}
        </Alert>
      );
    case 'ready':
      if (state.models.length === 0) {
        return <NoModels datasource={datasource} window={window} />;
      }
      return (
        <>
          <OverviewSummary models={state.models} />
          <ModelsTable models={state.models} />
        </>
      );
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column' }),
  controls: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: theme.spacing(1) }),
});
