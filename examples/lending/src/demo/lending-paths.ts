// Where the lending example's files are. This file compiles from src/demo/ to dist/demo/, the same depth below
// examples/lending, so one relative path serves the sources (tests) and the build (the demo).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LENDING_DIR = fileURLToPath(new URL('../..', import.meta.url));

export const PATHS = {
  model: join(LENDING_DIR, 'data/model.json'),
  /** The reference profile is built from the half of the data the model was trained on. */
  reference: join(LENDING_DIR, 'data/reference.csv'),
  /** The other half: applicants the model never saw, replayed as traffic. */
  applicants: join(LENDING_DIR, 'data/current.csv'),
  demoConfig: join(LENDING_DIR, 'demo/modelwatch.yaml'),
  modelCard: join(LENDING_DIR, 'model-card.yaml'),
  service: join(LENDING_DIR, 'dist/demo/service.js'),
};

/** The `modelwatch` command of the installed @modelwatch/cli. */
export function modelwatchBin(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@modelwatch/cli')), 'bin.js');
}
