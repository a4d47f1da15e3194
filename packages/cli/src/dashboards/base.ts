import {
  AnnotationQueryBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { alertsQuery, MODEL, VERSION, type AlertsSelection } from '@modelwatch/promql';
import { LABEL } from '@modelwatch/semconv';
import { legendOf } from './contract.js';
import type { DatasourceRef } from './panels.js';

/** What every Modelwatch dashboard shares: read-only (generated), shared crosshair, a minute's refresh. */
export function baseDashboard(o: {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  from: string;
}): DashboardBuilder {
  return new DashboardBuilder(o.title)
    .uid(o.uid)
    .description(o.description)
    .tags(o.tags)
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .timezone('browser')
    .time({ from: o.from, to: 'now' })
    .refresh('1m')
    .annotation(
      new AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .type('dashboard')
        .builtIn(1)
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
    );
}

/** Labels that say what an alert is about, written one after another in an annotation's text. */
const ALERT_DETAIL = [LABEL.feature, LABEL.statistic, LABEL.slo];

/** Modelwatch alerts that Prometheus evaluates, marked on every time series while they fire. */
export function firingAlertsAnnotation(
  ds: DatasourceRef,
  selection: Omit<AlertsSelection, 'state'>
): AnnotationQueryBuilder {
  return new AnnotationQueryBuilder()
    .name('Modelwatch alerts')
    .datasource(ds)
    .enable(true)
    .iconColor('red')
    .expr(alertsQuery({ ...selection, state: 'firing' }))
    .step('60s')
    .titleFormat(`${legendOf(LABEL.alertName)} (${legendOf(LABEL.severity)})`)
    .textFormat(`${legendOf(MODEL, VERSION)} ${ALERT_DETAIL.map((l) => legendOf(l)).join('')}`)
    .tagKeys([LABEL.severity, MODEL, VERSION].join(','));
}

/**
 * A variable read from Prometheus labels, e.g. `label_values(modelwatch_predictions_total, model_name)`.
 * Multi-valued ones offer "All", sent as `.*` so every selector can use `=~`.
 */
export function labelVariable(o: {
  name: string;
  label: string;
  ds: DatasourceRef;
  query: string;
  multi: boolean;
  description: string;
}): QueryVariableBuilder {
  const v = new QueryVariableBuilder(o.name)
    .label(o.label)
    .description(o.description)
    .datasource(o.ds)
    .query(o.query)
    .definition(o.query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.NaturalAsc);
  if (o.multi) v.multi(true).includeAll(true).allValue('.*').current({ selected: true, text: 'All', value: '$__all' });
  return v;
}

/** A link to another dashboard by uid, keeping the time range and, with `includeVars`, the variables. */
export function dashboardLink(o: {
  title: string;
  uid: string;
  tooltip: string;
  includeVars: boolean;
  query?: string;
}): DashboardLinkBuilder {
  return new DashboardLinkBuilder(o.title)
    .type(DashboardLinkType.Link)
    .url(`/d/${o.uid}${o.query ? `?${o.query}` : ''}`)
    .tooltip(o.tooltip)
    .icon('dashboard')
    .keepTime(true)
    .includeVars(o.includeVars)
    .targetBlank(false)
    .asDropdown(false);
}

/** A menu of every dashboard with a tag (the per-model dashboards). */
export function taggedLinks(o: { title: string; tag: string; tooltip: string }): DashboardLinkBuilder {
  return new DashboardLinkBuilder(o.title)
    .type(DashboardLinkType.Dashboards)
    .tags([o.tag])
    .tooltip(o.tooltip)
    .asDropdown(true)
    .keepTime(true)
    .includeVars(false)
    .targetBlank(false);
}
