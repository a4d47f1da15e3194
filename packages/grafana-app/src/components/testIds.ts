/** Test ids of the app's pages, shared by the Jest tests and the browser test. */
export const testIds = {
  appConfig: {
    form: 'mw-config-form',
    datasource: 'mw-config-datasource',
    window: 'mw-config-window',
    submit: 'mw-config-submit',
    saveError: 'mw-config-save-error',
  },
  models: {
    page: 'mw-models-page',
    loading: 'mw-models-loading',
    error: 'mw-models-error',
    noDatasource: 'mw-models-no-datasource',
    noModels: 'mw-models-empty',
    summary: 'mw-models-summary',
    table: 'mw-models-table',
    /** One per model version, with `data-model`, `data-version` and `data-status` (the worst of the four). */
    row: 'mw-model-row',
    /** Cells of a row, each with `data-status`. */
    cell: {
      traffic: 'mw-cell-traffic',
      drift: 'mw-cell-drift',
      performance: 'mw-cell-performance',
      fairness: 'mw-cell-fairness',
      slo: 'mw-cell-slo',
      alerts: 'mw-cell-alerts',
    },
    details: 'mw-model-details',
    refresh: 'mw-models-refresh',
    window: 'mw-models-window',
    datasource: 'mw-models-datasource',
  },
  compliance: {
    page: 'mw-compliance-page',
    loading: 'mw-compliance-loading',
    error: 'mw-compliance-error',
    empty: 'mw-compliance-empty',
    /**
     * One per model version, with `data-model`, `data-version`, `data-status` (the worst of its tables),
     * `data-settings` (`rules` or `defaults`) and `data-favourable`.
     */
    model: 'mw-compliance-model',
    /** A model's line naming the class counted as selected and the window. */
    selection: 'mw-compliance-selection',
    /** A model's one-line reason when its tables cannot be computed. */
    modelError: 'mw-compliance-model-error',
    /** One per pack and attribute, with `data-policy`, `data-attribute`, `data-status` and the options it is judged with (`data-threshold`, `data-exclude-below`, `data-min-group-size`). */
    table: 'mw-compliance-table',
    /** One per category, with `data-category`, `data-status` and the exact numbers in `data-rate`, `data-impact-ratio`, `data-count`. */
    row: 'mw-compliance-row',
    window: 'mw-compliance-window',
    datasource: 'mw-compliance-datasource',
    refresh: 'mw-compliance-refresh',
  },
} as const;
