import { dateTimeFormat } from '@grafana/data';

const DAY = 86_400_000;

/** Axis labels: the clock when the range fits in a day, the date too when it does not. */
export function axisTimeFormat(start: number, end: number): string {
  return end - start < DAY ? 'HH:mm' : 'MM-DD HH:mm';
}

export function formatTime(time: number, timeZone: string | undefined, format = 'YYYY-MM-DD HH:mm:ss'): string {
  return dateTimeFormat(time, { format, timeZone });
}

/** A column's span for a tooltip: one time, or "from – to" when points were merged. */
export function formatSpan(start: number, end: number, timeZone: string | undefined): string {
  return start === end ? formatTime(start, timeZone) : `${formatTime(start, timeZone)} – ${formatTime(end, timeZone)}`;
}
