import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { DataSourceInstanceSettings, GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Button, Combobox, InlineField, RadioButtonGroup, useStyles2 } from '@grafana/ui';

/** The test ids of one page's controls. */
export interface PageControlIds {
  datasource: string;
  window: string;
  refresh: string;
}

interface Props<W extends string> {
  datasources: readonly DataSourceInstanceSettings[];
  datasource: DataSourceInstanceSettings;
  onDatasource: (uid: string) => void;
  windows: Array<SelectableValue<W>>;
  window: W;
  onWindow: (window: W) => void;
  onRefresh: () => void;
  ids: PageControlIds;
}

/** The row above an app page: the datasource (when there is a choice), the time window and Refresh. */
export function PageControls<W extends string>(props: Props<W>): ReactNode {
  const styles = useStyles2(getStyles);
  const { datasources, datasource, ids } = props;
  return (
    <div className={styles.controls}>
      {datasources.length > 1 && (
        <InlineField label="Datasource" data-testid={ids.datasource}>
          <Combobox
            width={40}
            options={datasources.map((ds) => ({ label: ds.name, value: ds.uid }))}
            value={datasource.uid}
            onChange={(v) => props.onDatasource(v.value)}
          />
        </InlineField>
      )}
      <InlineField label="Last" data-testid={ids.window}>
        <RadioButtonGroup options={props.windows} value={props.window} onChange={props.onWindow} size="md" />
      </InlineField>
      <Button data-testid={ids.refresh} variant="secondary" icon="sync" onClick={props.onRefresh}>
        Refresh
      </Button>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  controls: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: theme.spacing(1) }),
});
