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
  /** Short names of the alerts firing now, with severity. */
  firing: string[];
  predictionsSent: number;
  failed: number;
}

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const num = (x: number | null, digits = 2): string => (x === null ? '–' : x.toFixed(digits));
const count = (x: number | null): string => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));

export function statusBlock(s: Status, w: DemoWindows): string[] {
  const r = s.reading;
  const head = `${s.scenario.name} (${s.scenario.index + 1}/${s.scenario.count})  ${clock(s.elapsedMs)} of ${clock(s.durationMs)}  ${s.scenario.title}`;
  const lines = [head, `  ${s.scenario.story}`];
  if (!r) {
    lines.push('  waiting for the first evaluation…');
  } else {
    const drift = r.drift.map((d) => `${d.feature} ${num(d.psi)}`).join('   ') || '–';
    const burn = r.burn.map((b) => `${b.slo} ${num(b.rate, 1)}`).join('   ') || '–';
    lines.push(
      `  drift PSI (${w.drift})${' '.repeat(Math.max(1, 14 - w.drift.length))}${drift}   [${count(r.predictions)} predictions]`,
      `  performance (${w.performance})${' '.repeat(Math.max(1, 10 - w.performance.length))}F1 realized ${num(r.realizedF1)} on ${count(r.labels)} labels   estimated ${num(r.estimatedF1)}   accuracy ${num(r.realizedAccuracy)}`,
      `  fairness (${w.fairness})${' '.repeat(Math.max(1, 13 - w.fairness.length))}disparate impact afam ${num(r.disparateImpact)}`,
      `  SLO burn (${w.burn})${' '.repeat(Math.max(1, 13 - w.burn.length))}${burn}`,
    );
  }
  lines.push(`  firing${' '.repeat(16)}${s.firing.length === 0 ? 'nothing' : s.firing.join(', ')}`);
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
      `burn ${r.burn.map((b) => `${b.slo} ${num(b.rate, 1)}`).join(' ') || '–'}`,
    );
  }
  parts.push(`firing ${s.firing.length}`);
  if (s.failed > 0) parts.push(`${s.failed} failed requests`);
  return parts.join(' | ');
}
