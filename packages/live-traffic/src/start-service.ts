// The traffic service (service.ts) as a child process on a metrics port nobody else holds. It prints one JSON
// line when ready and exits when its stdin closes, so it never outlives the test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ChildProcess, withFreePort } from '@modelwatch/local-prometheus';

/**
 * The built service program, which runs under plain Node. Found through the package's own name because this
 * file is also loaded from src/ (Jest) and bundled into other programs (the browser harness), where a path
 * relative to this file would point elsewhere; resolving package.json rather than the entry point lets callers
 * report a missing build themselves instead of failing on import.
 */
export const TRAFFIC_SERVICE_PROGRAM = join(
  dirname(createRequire(import.meta.url).resolve('@modelwatch/live-traffic/package.json')),
  'dist/service.js'
);

export interface TrafficService {
  child: ChildProcess;
  metricsPort: number;
  controlUrl: string;
}

async function startOn(script: string, planFile: string, metricsPort: number): Promise<TrafficService> {
  const child = ChildProcess.start('traffic service', process.execPath, [script, planFile, String(metricsPort)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let failure: string;
  try {
    const [line] = await child.waitForLine(/^\{.*\}$/, 30_000);
    const ready = JSON.parse(line) as { ready: boolean; controlPort?: number; error?: string };
    if (ready.ready === true) return { child, metricsPort, controlUrl: `http://127.0.0.1:${ready.controlPort}` };
    failure = String(ready.error);
  } catch (e) {
    failure = `${String(e)}\n${child.output}`;
  }
  await child.stop();
  throw new Error(`the traffic service did not start: ${failure}`);
}

/** Starts the traffic service, on another port if the one it was given was taken meanwhile. */
export function startTrafficService(script: string, planFile: string): Promise<TrafficService> {
  return withFreePort((metricsPort) => startOn(script, planFile, metricsPort));
}
