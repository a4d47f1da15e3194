// The live tests' traffic service (service/traffic-service.ts) as a child process on a metrics port nobody else
// holds. It prints one JSON line when ready and exits when its stdin closes, so it never outlives the test.
import { ChildProcess, withFreePort } from '@modelwatch/local-prometheus';

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
