import { chartsOf } from './chart-specs.js';
import { renderCharts } from './charts.js';
import { renderHtml } from './html.js';
import { htmlToPdf } from './pdf.js';
import type { EvidenceReport } from './types.js';

export type ReportFormat = 'html' | 'json' | 'pdf';

/** The JSON format: the report object, keys in their fixed order. */
export function renderJson(report: EvidenceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The bytes of the report in a format. */
export async function renderReport(report: EvidenceReport, format: ReportFormat): Promise<string | Uint8Array> {
  if (format === 'json') return renderJson(report);
  const html = renderHtml(report, await renderCharts(chartsOf(report)));
  return format === 'html' ? html : htmlToPdf(html);
}
