import React, { useState, type FormEvent } from 'react';
import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps, SelectableValue } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, RadioButtonGroup, Stack } from '@grafana/ui';
import { DATASOURCE_PLUGIN_ID, OVERVIEW_WINDOWS, type OverviewWindow } from '../../constants';
import { errorMessage } from '../../utils/errors';
import { overviewWindowOf, type AppSettings } from '../../utils/settings';
import { testIds } from '../testIds';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<AppSettings>>;

const WINDOW_OPTIONS: Array<SelectableValue<OverviewWindow>> = OVERVIEW_WINDOWS.map((w) => ({ label: w, value: w }));

/** Saves the settings through Grafana's API, then reloads the page; keeps the error when saving fails. */
function useSaveSettings(plugin: AppConfigProps['plugin']) {
  const { enabled, pinned } = plugin.meta;
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const save = async (settings: AppSettings) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await lastValueFrom(
        getBackendSrv().fetch({
          url: `/api/plugins/${plugin.meta.id}/settings`,
          method: 'POST',
          data: { enabled, pinned, jsonData: settings },
        })
      );
      // Grafana hands plugin settings to the app only when it loads, so the new ones take effect on a reload.
      window.location.reload();
    } catch (error) {
      setSaveError(errorMessage(error));
      setSaving(false);
    }
  };
  return { saving, saveError, save };
}

/** The app's settings: which Modelwatch datasource the overview opens with, and how far back it looks. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const { jsonData } = plugin.meta;
  const [datasourceUid, setDatasourceUid] = useState(jsonData?.defaultDatasourceUid);
  const [timeWindow, setTimeWindow] = useState<OverviewWindow>(overviewWindowOf(jsonData));
  const { saving, saveError, save } = useSaveSettings(plugin);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await save({ ...jsonData, defaultDatasourceUid: datasourceUid, overviewWindow: timeWindow });
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.form}>
      <FieldSet label="Models overview">
        <Field
          label="Default datasource"
          description="The Modelwatch datasource the overview opens with. Without one, it opens the first Modelwatch datasource."
          data-testid={testIds.appConfig.datasource}
        >
          <DataSourcePicker
            pluginId={DATASOURCE_PLUGIN_ID}
            current={datasourceUid ?? null}
            noDefault
            width={40}
            onChange={(ds) => setDatasourceUid(ds.uid)}
          />
        </Field>
        <Field
          label="Time window"
          description="How far back the overview computes drift, performance, fairness and error rates."
          data-testid={testIds.appConfig.window}
        >
          <RadioButtonGroup options={WINDOW_OPTIONS} value={timeWindow} onChange={setTimeWindow} />
        </Field>
        <Stack direction="column" gap={2}>
          {saveError !== undefined && (
            <Alert severity="error" title="The settings were not saved" data-testid={testIds.appConfig.saveError}>
              {saveError}
            </Alert>
          )}
          <div>
            <Button type="submit" data-testid={testIds.appConfig.submit} disabled={saving}>
              Save settings
            </Button>
          </div>
        </Stack>
      </FieldSet>
    </form>
  );
};

export default AppConfig;
