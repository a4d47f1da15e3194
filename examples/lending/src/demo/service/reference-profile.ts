// The monitor's reference profile: a file written by `modelwatch profile`, or, when none is given, the same
// profile built at start-up from the model's training half of the data with the CLI's own code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProfile } from '@modelwatch/cli';
import type { ReferenceProfile } from '@modelwatch/stats';
import { PATHS } from '../lending-paths.js';
import { writeReferenceAttributions } from './reference-attributions.js';

/** The flags `modelwatch profile` needs for the lending data; the demo prints the same command. */
export const PROFILE_TARGET = { label: 'deny', positive: 'yes', score: 'score', protected: 'afam' } as const;

export function profileCommand(data: string, out: string, attributions?: string): string[] {
  const t = PROFILE_TARGET;
  return [
    'profile',
    '--data',
    data,
    '--label',
    t.label,
    '--positive',
    t.positive,
    '--score',
    t.score,
    '--protected',
    t.protected,
    '--out',
    out,
    ...(attributions === undefined ? [] : ['--attributions', attributions]),
  ];
}

export async function loadOrBuildProfile(
  profileFile: string | undefined,
  referenceCsv: string
): Promise<ReferenceProfile> {
  if (profileFile) {
    try {
      return JSON.parse(readFileSync(profileFile, 'utf8')) as ReferenceProfile;
    } catch (e) {
      throw new Error(
        `PROFILE=${profileFile}: cannot read the profile (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); write one with \`modelwatch ${profileCommand(referenceCsv, profileFile).join(' ')}\``
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-demo-profile-'));
  try {
    const t = PROFILE_TARGET;
    // The service records each prediction's SHAP values: its profile carries the reference ones.
    const attributions = join(dir, 'attributions.csv');
    writeReferenceAttributions(PATHS.model, referenceCsv, attributions);
    return await runProfile({
      attributions,
      data: referenceCsv,
      target: { label: t.label, positive: t.positive, score: t.score, prediction: null, threshold: null },
      columns: { categorical: [], ignore: [], protected: [t.protected] },
      out: join(dir, 'profile.json'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
