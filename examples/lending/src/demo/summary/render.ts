// The live summary as text: a block of lines for a terminal that is redrawn in place, or one line for logs.
import type { DemoWindows } from '../timescale/demo-config.js';
import type { Reading } from './reading.js';

export interface Status {
  scenario: { name: string; title: string; story: string; index: number; count: number };
  /** Milliseconds into the scenario, and its length, at the demo's speed. */
  elapsedMs: number;
  durationMs: number;
  /** Milliseconds since the traffic started. */
  clockMs: number;
  reading: Reading | null;
  /** Short names of the alerts firing now, with severity; null when no Prometheus evaluates them. */
  firing: string[] | null;
  predictionsSent: number;
  failed: number;
}

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const num = (x: number | null, digits = 2): string => (x === null ? '–' : x.toFixed(digits));
const count = (x: number | null): string => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));

const LABEL_WIDTH = 24;
const row = (label: string, value: string): string => `  ${label.padEnd(LABEL_WIDTH)}${value}`;

/** `ModelwatchFeatureDriftPSI pirat (critical)` grouped by alert name, one line each. */
function firingRows(firing: readonly string[]): string[] {
  if (firing.length === 0) return [row('firing', 'nothing')];
  const byName = new Map<string, string[]>();
  for (const f of firing) {
    const space = f.indexOf(' ');
    const name = space === -1 ? f : f.slice(0, space);
    byName.set(name, [...(byName.get(name) ?? []), space === -1 ? '' : f.slice(space + 1)]);
  }
  return [...byName].map(([name, subjects], i) => row(i === 0 ? 'firing' : '', `${name} ${subjects.join(', ')}`));
}

export function statusBlock(s: Status, w: DemoWindows): string[] {
  const r = s.reading;
  const head = `${s.scenario.name} (${s.scenario.index + 1}/${s.scenario.count})  ${clock(s.elapsedMs)} of ${clock(s.durationMs)}  ${s.scenario.title}`;
  const lines = [head, `  ${s.scenario.story}`];
  if (!r) {
    lines.push('  waiting for the first evaluation…');
  } else {
    lines.push(
      row(
        `drift PSI (${w.drift})`,
        `${r.drift.map((d) => `${d.feature} ${num(d.psi)}`).join('   ') || '–'}   [${count(r.predictions)} predictions]`
      ),
      row(
        `performance (${w.performance})`,
        `F1 realized ${num(r.realizedF1)} on ${count(r.labels)} labels   estimated ${num(r.estimatedF1)}   accuracy ${num(r.realizedAccuracy)}`
      ),
      row(`fairness (${w.fairness})`, `disparate impact afam ${num(r.disparateImpact)}`),
      row(`SLO burn (${w.burn})`, r.burn.map((b) => `${b.slo} ${num(b.rate, 1)}`).join('   ') || '–')
    );
  }
  if (s.firing) lines.push(...firingRows(s.firing));
  if (s.failed > 0) lines.push(`  ${s.failed} of ${s.predictionsSent} requests failed`);
  return lines;
}

export function statusLine(s: Status): string {
  const r = s.reading;
  const parts = [`[${clock(s.clockMs)}] ${s.scenario.name} ${clock(s.elapsedMs)}/${clock(s.durationMs)}`];
  if (r) {
    parts.push(
      `PSI ${r.drift.map((d) => `${d.feature} ${num(d.psi)}`).join(' ') || '–'}`,
      `F1 realized ${num(r.realizedF1)} (${count(r.labels)} labels) estimated ${num(r.estimatedF1)}, accuracy ${num(r.realizedAccuracy)}`,
      `disparate impact ${num(r.disparateImpact)}`,
      `burn ${r.burn.map((b) => `${b.slo} ${num(b.rate, 1)}`).join(' ') || '–'}`
    );
  }
  if (s.firing) parts.push(`firing ${s.firing.length}`);
  if (s.failed > 0) parts.push(`${s.failed} failed requests`);
  return parts.join(' | ');
}
