// Alertmanager's webhook notification (version 4) in one log line: the group's status and each alert's name.
import { LABEL } from '@modelwatch/semconv';
import { shortAlertName, type Labels } from '../alerts/alert-identity.js';
import { printable } from './printable.js';

interface WebhookAlert {
  status?: unknown;
  labels?: unknown;
  startsAt?: unknown;
}

function labelsOf(value: unknown): Labels {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * One line per notification; a body that is not a notification is named as such, never thrown. Everything taken
 * from the body is escaped, so a label holding a newline cannot forge a second log line.
 */
export function notificationLine(body: unknown): string {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { alerts?: unknown }).alerts)) {
    return 'alert notification without an "alerts" list (expected Alertmanager\'s webhook format, version 4)';
  }
  const { status, receiver, alerts } = body as { status?: unknown; receiver?: unknown; alerts: WebhookAlert[] };
  const described = alerts.map((a) => {
    const labels = labelsOf(a.labels);
    const severity = labels[LABEL.severity];
    return `${a.status === 'resolved' ? 'resolved' : 'firing'} ${shortAlertName(labels)}${severity ? ` (${severity})` : ''}`;
  });
  const to = typeof receiver === 'string' ? ` to ${receiver}` : '';
  const state = typeof status === 'string' ? status.toUpperCase() : 'UNKNOWN';
  return printable(
    `alert notification${to}: ${state}, ${alerts.length} alert${alerts.length === 1 ? '' : 's'}: ${described.join('; ')}`
  );
}
