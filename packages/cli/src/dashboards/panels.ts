import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  FieldColorBuilder,
  FieldColorModeId,
  type DataTransformerConfig,
  type Threshold,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import { DataqueryBuilder, PromQueryFormat, QueryEditorMode } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { thresholds } from './thresholds.js';

export interface DatasourceRef {
  type: string;
  uid: string;
}

/** One PromQL query of a panel. `instant` asks for the value at the end of the range (tables, bar gauges). */
export interface PromTarget {
  expr: string;
  legend?: string;
  instant?: boolean;
  /** Table format: one row per series with its labels as columns (merged across queries by the table). */
  table?: boolean;
}

/** Query ids A, B, C… in the order given; table columns are named after them (`Value #A`). */
export function refId(index: number): string {
  return String.fromCharCode(65 + index);
}

function promTarget(ds: DatasourceRef, target: PromTarget, index: number): DataqueryBuilder {
  const q = new DataqueryBuilder()
    .refId(refId(index))
    .datasource(ds)
    .editorMode(QueryEditorMode.Code)
    .expr(target.expr);
  if (target.legend !== undefined) q.legendFormat(target.legend);
  if (target.table) q.format(PromQueryFormat.Table);
  return target.instant ? q.instant() : q.range();
}

interface PanelBase {
  title: string;
  description: string;
  ds: DatasourceRef;
  targets: PromTarget[];
  /** Grid width of 24 and height in rows. */
  w: number;
  h: number;
  unit?: string;
  steps?: Threshold[] | null;
  min?: number;
  max?: number;
}

/** What every panel builder of the SDK takes; each returns its own type. */
interface PanelCommon<B> {
  title(title: string): B;
  description(description: string): B;
  datasource(ds: DatasourceRef): B;
  targets(targets: DataqueryBuilder[]): B;
  span(width: number): B;
  height(height: number): B;
}

/** Title, description, datasource, queries and grid size: the same on every panel. */
function framed<B extends PanelCommon<B>>(p: B, o: PanelBase): B {
  return p
    .title(o.title)
    .description(o.description)
    .datasource(o.ds)
    .targets(o.targets.map((t, i) => promTarget(o.ds, t, i)))
    .span(o.w)
    .height(o.h);
}

const legend = (): common.VizLegendOptionsBuilder =>
  new common.VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(common.LegendDisplayMode.List)
    .placement(common.LegendPlacement.Bottom)
    .calcs([]);

/** A time series; thresholds, when given, are drawn as dashed lines (the alert levels). */
export function timeSeries(o: PanelBase): timeseries.PanelBuilder {
  const p = framed(new timeseries.PanelBuilder(), o)
    .legend(legend())
    .tooltip(
      new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending)
    )
    .lineWidth(1)
    .fillOpacity(0)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false);
  if (o.unit) p.unit(o.unit);
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  if (o.steps) {
    p.thresholds(thresholds(o.steps)).thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed)
    );
  }
  return p;
}

const lastValue = (): common.ReduceDataOptionsBuilder =>
  new common.ReduceDataOptionsBuilder().values(false).calcs(['lastNotNull']);

/** Big numbers, coloured by the thresholds. */
export function statPanel(o: PanelBase): stat.PanelBuilder {
  const p = framed(new stat.PanelBuilder(), o)
    .reduceOptions(lastValue())
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.Area)
    .textMode(common.BigValueTextMode.ValueAndName);
  if (o.unit) p.unit(o.unit);
  if (o.steps) p.thresholds(thresholds(o.steps)).colorScheme(thresholdColors());
  return p;
}

/** Horizontal bars, one per series, at the end of the range (e.g. drift per feature, rate per group). */
export function barGauge(o: PanelBase): bargauge.PanelBuilder {
  const p = framed(new bargauge.PanelBuilder(), o)
    .reduceOptions(lastValue())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .valueMode(common.BarGaugeValueMode.Color)
    .showUnfilled(true);
  if (o.unit) p.unit(o.unit);
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  if (o.steps) p.thresholds(thresholds(o.steps)).colorScheme(thresholdColors());
  return p;
}

/** A series per row of the heat map (bins of a feature over time), values as they are, not bucketed again. */
export function heatMap(o: PanelBase): heatmap.PanelBuilder {
  const p = framed(new heatmap.PanelBuilder(), o)
    .calculate(false)
    .rowsFrame(new heatmap.RowsHeatmapOptionsBuilder().layout(common.HeatmapCellLayout.Unknown))
    .color(
      new heatmap.HeatmapColorOptionsBuilder()
        .mode(heatmap.HeatmapColorMode.Scheme)
        .scheme('Blues')
        .scale(heatmap.HeatmapColorScale.Linear)
        .steps(64)
    )
    .cellGap(1)
    .showLegend();
  if (o.unit) p.cellValues(new heatmap.CellValuesBuilder().unit(o.unit));
  return p;
}

/**
 * A table of instant queries merged into one row per label set: each query becomes a column, renamed by
 * `columns` (refId → title) in the order given; the Time column is dropped.
 */
export function mergedTable(
  o: PanelBase & { columns: string[]; hide?: string[]; first?: string[] }
): table.PanelBuilder {
  const renameByName: Record<string, string> = {};
  const indexByName: Record<string, number> = {};
  let index = 0;
  for (const name of o.first ?? []) indexByName[name] = index++;
  o.columns.forEach((title, i) => {
    const source = o.columns.length === 1 ? 'Value' : `Value #${refId(i)}`;
    renameByName[source] = title;
    indexByName[source] = index++;
  });
  const excludeByName: Record<string, boolean> = { Time: true };
  for (const name of o.hide ?? []) excludeByName[name] = true;
  const transformations: DataTransformerConfig[] = [
    { id: 'merge', options: {} },
    { id: 'organize', options: { excludeByName, indexByName, renameByName } },
  ];
  const p = framed(new table.PanelBuilder(), {
    ...o,
    targets: o.targets.map((t) => ({ ...t, instant: true, table: true })),
  })
    .transformations(transformations)
    .cellHeight(common.TableCellHeight.Sm)
    .showHeader(true);
  if (o.unit) p.unit(o.unit);
  return p;
}

/** Fields coloured by their thresholds rather than by a palette. */
function thresholdColors(): FieldColorBuilder {
  return new FieldColorBuilder().mode(FieldColorModeId.Thresholds);
}
