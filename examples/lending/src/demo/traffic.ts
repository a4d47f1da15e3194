// node examples/lending/dist/demo/traffic.js — the demo's traffic generator (see traffic/traffic-runner.ts).
import { trafficMain } from './traffic/traffic-main.js';

trafficMain(process.argv.slice(2), process.env).catch((e: unknown) => {
  process.stderr.write(`lending demo traffic: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  process.exit(2);
});
