import { oneLine } from '../errors.js';
import { grid } from '../report/table.js';
import { cells, columns, FLAG_NOTE, policyLines, rateLine, title } from './format.js';
import type { AuditReport } from './types.js';

function sections(report: AuditReport): string[] {
  const out: string[] = [title(report), rateLine(report), ...policyLines(report)];
  for (const [name, a] of Object.entries(report.attributes)) {
    out.push('', oneLine(`${name} (unknown: ${a.unknown})`));
    // A category holding a line break would otherwise split its row in two.
    const rows = Object.entries(a.categories).map(([category, c]) => cells(report, oneLine(category), c));
    out.push(...grid(columns(report), rows));
  }
  out.push('', FLAG_NOTE);
  return out;
}

/** The pack's tables without its violations, for a report that lists them already (`check --format table`). */
export function renderAuditSections(report: AuditReport): string {
  return `${sections(report).join('\n')}\n`;
}

/** The audit as plain text: what an auditor pastes into a published summary. */
export function renderAuditTable(report: AuditReport): string {
  const out = [...sections(report), ''];
  if (report.violations.length === 0) out.push('No violations.');
  else {
    out.push(`${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}:`);
    for (const v of report.violations) out.push(`  ${v.severity.toUpperCase().padEnd(8)} ${oneLine(v.message)}`);
  }
  for (const note of report.notes) out.push(`note: ${oneLine(note)}`);
  return `${out.join('\n')}\n`;
}
