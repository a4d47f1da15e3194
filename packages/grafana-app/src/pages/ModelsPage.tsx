import React, { useMemo, useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { SelectableValue } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { OVERVIEW_WINDOWS, type OverviewWindow } from '../constants';
import { ModelsTable } from '../components/ModelsOverview/ModelsTable';
import { NoDatasource, NoModels } from '../components/ModelsOverview/OverviewStates';
import { OverviewSummary } from '../components/ModelsOverview/OverviewSummary';
import { useModelOverview, type OverviewState } from '../components/ModelsOverview/useModelOverview';
import { testIds } from '../components/testIds';
import { PageControls } from '../components/PageControls/PageControls';
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
          <PageControls
            datasources={datasources}
            datasource={datasource}
            onDatasource={setUid}
            windows={WINDOW_OPTIONS}
            window={timeWindow}
            onWindow={setTimeWindow}
            onRefresh={() => setReload((n) => n + 1)}
            ids={testIds.models}
          />
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

const getStyles = () => ({
  page: css({ display: 'flex', flexDirection: 'column' }),
});
