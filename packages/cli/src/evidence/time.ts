import { InputError } from '../errors.js';

/** RFC 3339 (with a zone) or seconds since the epoch, as Prometheus' API takes them; returns seconds. */
export function parseTime(value: string, flag: string): number {
  const text = value.trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  throw new InputError(
    `${flag}: '${value}' is not a time; give RFC 3339 with a zone (2026-01-31T00:00:00Z) or seconds since the epoch`
  );
}
