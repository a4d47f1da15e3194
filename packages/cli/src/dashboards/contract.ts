import { BINARY_PERFORMANCE } from '@modelwatch/semconv';

/**
 * How the dashboards write the contract's names into Grafana's own syntax: legends, data links and variable
 * queries name Prometheus labels through these, never as text.
 */

/** `{{l1}} {{l2}}`: label values in a legend or an annotation's text. */
export function legendOf(...labels: readonly string[]): string {
  return labels.map((l) => `{{${l}}}`).join(' ');
}

/** `${__data.fields.<label>}`: a label's value in a table cell's data link. */
export function dataField(label: string): string {
  return `\${__data.fields.${label}}`;
}

/** `label_values(<series>, <label>)`: the values a variable offers. */
export function labelValues(series: string, label: string): string {
  return `label_values(${series}, ${label})`;
}

/** The performance metrics the fleet and the overview show, in their order. */
export const HEADLINE_METRICS = [BINARY_PERFORMANCE.f1, BINARY_PERFORMANCE.accuracy] as const;

/** `accuracy` → `Accuracy`: a name of the catalogue at the start of a title. */
export function capitalize(text: string): string {
  return text.replace(/^./, (c) => c.toUpperCase());
}
