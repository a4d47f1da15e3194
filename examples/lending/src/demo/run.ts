// node examples/lending/dist/demo/run.js — the whole demo on this machine (see run/demo-run.ts); `npm run demo`.
import { runDemo } from './run/demo-run.js';
import { RUN_HELP, parseRunOptions } from './run/run-options.js';

async function main(): Promise<number> {
  const options = parseRunOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  return runDemo(options, process.stdout);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`lending demo: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  }
);
