import React, { useMemo, useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { SelectableValue } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, EmptyState, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { DEFAULTS } from '@modelwatch/semconv';
import { COMPLIANCE_WINDOWS } from '../constants';
import { ModelCompliance } from '../components/Compliance/ModelCompliance';
import { useCompliance, type ComplianceState } from '../components/Compliance/useCompliance';
import { NoDatasource } from '../components/ModelsOverview/OverviewStates';
import { testIds } from '../components/testIds';
import { PageControls } from '../components/PageControls/PageControls';
import { listModelwatchDatasources, pickDatasource } from '../utils/datasources';
import type { AppSettings } from '../utils/settings';

/** '' reads each model over its rules' window (modelwatch:policy_settings:info), the default window without rules. */
const RULES_WINDOW = '';
const WINDOW_OPTIONS: Array<SelectableValue<string>> = [
  { label: "Rules' window", value: RULES_WINDOW, description: "The window each model's policy rules judge over" },
  ...COMPLIANCE_WINDOWS.map((w) => ({ label: w, value: w })),
];

/**
 * Policy packs per model: each pack's impact-ratio table per protected attribute and intersection, from the live
 * counters, as `modelwatch audit` reports them in batch.
 */
export function CompliancePage({ settings }: { settings: AppSettings }): ReactNode {
  const styles = useStyles2(getStyles);
  const datasources = useMemo(() => listModelwatchDatasources(), []);
  const [uid, setUid] = useState(() => pickDatasource(datasources, settings.defaultDatasourceUid)?.uid);
  const [timeWindow, setTimeWindow] = useState<string>(RULES_WINDOW);
  const [reload, setReload] = useState(0);
  const datasource = datasources.find((ds) => ds.uid === uid);
  const state = useCompliance(datasource, timeWindow, reload);

  return (
    <PluginPage>
      <div data-testid={testIds.compliance.page} className={styles.page}>
        {datasource && (
          <PageControls
            datasources={datasources}
            datasource={datasource}
            onDatasource={setUid}
            windows={WINDOW_OPTIONS}
            window={timeWindow}
            onWindow={setTimeWindow}
            onRefresh={() => setReload((n) => n + 1)}
            ids={testIds.compliance}
          />
        )}
        <ComplianceBody state={state} datasource={datasource?.name ?? ''} window={timeWindow} />
      </div>
    </PluginPage>
  );
}

function ComplianceBody({
  state,
  datasource,
  window,
}: {
  state: ComplianceState;
  datasource: string;
  window: string;
}): ReactNode {
  switch (state.kind) {
    case 'loading':
      return (
        <div data-testid={testIds.compliance.loading}>
          <LoadingPlaceholder text="Computing the policy packs…" />
        </div>
      );
    case 'noDatasource':
      return <NoDatasource />;
    case 'error':
      return (
        <Alert
          data-testid={testIds.compliance.error}
          severity="error"
          title={`Could not compute the policy packs from "${datasource}"`}
        >
          {state.message}
        </Alert>
      );
    case 'ready':
      if (state.models.length === 0) {
        return (
          <div data-testid={testIds.compliance.empty}>
            <EmptyState
              variant="not-found"
              message={`No group predictions in "${datasource}" in the last ${window || DEFAULTS.policies.window}`}
            >
              Policy packs compare selection rates across the categories of protected attributes: declare them with{' '}
              <code>protectedAttributes</code> (and <code>intersections</code>) on <code>ModelMonitor</code>.
            </EmptyState>
          </div>
        );
      }
      return (
        <>
          {state.models.map((m) => (
            <ModelCompliance key={`${m.model}\u0000${m.version}`} model={m} />
          ))}
        </>
      );
  }
}

const getStyles = () => ({
  page: css({ display: 'flex', flexDirection: 'column' }),
});
