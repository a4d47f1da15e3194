import { cells, columns, FLAG_NOTE, policyLines, rateLine, title } from './format.js';
import type { AuditReport } from './types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every text that reaches the page passes here: category names and column names are user data. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.25rem .6rem}
td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}tr.flag td{background:#fde8e8}
tr.excluded td{color:#666}caption{text-align:left;font-weight:600;padding:.25rem 0}`;

/** The audit as one self-contained page (no external requests): the same content as the table. */
export function renderAuditHtml(report: AuditReport): string {
  const e = escapeHtml;
  const body: string[] = [`<h1>${e(title(report))}</h1>`, `<p>${e(rateLine(report))}</p>`];
  for (const line of policyLines(report)) body.push(`<p>${e(line)}</p>`);
  const head = `<tr>${columns(report)
    .map((c) => `<th scope="col">${e(c)}</th>`)
    .join('')}</tr>`;
  for (const [name, a] of Object.entries(report.attributes)) {
    const rows = Object.entries(a.categories).map(([category, c]) => {
      const cls = c.excluded ? ' class="excluded"' : c.belowThreshold ? ' class="flag"' : '';
      return `<tr${cls}>${cells(report, category, c)
        .map((x) => `<td>${e(x)}</td>`)
        .join('')}</tr>`;
    });
    body.push(
      `<table><caption>${e(`${name} (unknown: ${a.unknown})`)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
    );
  }
  body.push(`<p>${e(FLAG_NOTE)}</p>`);
  if (report.violations.length === 0) body.push('<p>No violations.</p>');
  else {
    body.push(`<h2>${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}</h2><ul>`);
    for (const v of report.violations) body.push(`<li>${e(`${v.severity}: ${v.message}`)}</li>`);
    body.push('</ul>');
  }
  for (const note of report.notes) body.push(`<p>${e(`note: ${note}`)}</p>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title(report))}</title><style>${STYLE}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}
