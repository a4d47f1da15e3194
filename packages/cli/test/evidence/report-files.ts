import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, EXAMPLE, ROOT } from '../run-cli';

export const REFERENCE = join(EXAMPLE, 'reference.csv');
export const CARD = join(ROOT, 'examples/lending/model-card.yaml');

/** The lending example's evidence report from files, with its model card and a policy pack's results. */
export function lendingReport(dir: string, format: 'html' | 'json' | 'pdf', audit: unknown): string {
  const auditFile = join(dir, 'audit.json');
  writeFileSync(auditFile, JSON.stringify(audit));
  const out = join(dir, `report.${format}`);
  const args = ['report', '--reference', REFERENCE, '--current', join(EXAMPLE, 'current-drifted.csv')];
  args.push('--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam');
  args.push('--model-card', CARD, '--audit', auditFile, '--format', format, '--out', out);
  const r = cli(args);
  if (r.code !== 0) throw new Error(`modelwatch report exited ${r.code}: ${r.stderr}`);
  return out;
}

/** A policy pack's result in the public contract of `modelwatch audit`, made by hand. */
export const AUDIT = {
  policy: 'four-fifths',
  rate: 'selection',
  rows: 1187,
  attributes: {
    afam: {
      unknown: 0,
      categories: {
        no: { count: 1016, selected: 86, rate: 86 / 1016, impactRatio: 1, excluded: false },
        yes: { count: 171, selected: 54, rate: 54 / 171, impactRatio: 0.268, excluded: false },
      },
    },
  },
  violations: [],
};

/** The section headings every files report has, in order. */
export const SECTIONS = [
  'Summary',
  'Model card',
  'Performance',
  'Drift',
  'Fairness',
  'Policy packs',
  'Violations',
  'Inputs',
];
