// The demo's command line.
import { SCENARIOS } from '../scenarios/catalogue.js';

export const MAX_SPEED = 8;
export const FAST_SPEED = 4;

export interface RunOptions {
  speed: number;
  scenarios: string[] | undefined;
  prometheus: boolean;
  report: string | undefined;
  evidence: string | undefined;
  plain: boolean;
  help: boolean;
}

export const RUN_HELP = `Usage: npm run demo -- [options]      (or: node examples/lending/dist/demo/run.js [options])

Runs the lending demo on this machine: the mortgage-approval model behind an HTTP service instrumented with
@modelwatch/otel, traffic through ${SCENARIOS.length} scenarios (${SCENARIOS.map((s) => s.name).join(', ')}),
and, when Prometheus is installed, a private Prometheus that evaluates the rules \`modelwatch rules\`
generates from examples/lending/demo/modelwatch.yaml. Shows what Modelwatch sees and names each alert as it
fires; ends with what each scenario raised.

Options:
  --fast                 run ${FAST_SPEED} times faster (windows, scenarios and label delays ${FAST_SPEED} times shorter)
  --speed <n>            run n times faster, 1 to ${MAX_SPEED} (default 1: about 5 minutes)
  --scenarios <a,b>      run only these scenarios, in the order above
  --no-prometheus        summarize from the service's monitor.snapshot() even if Prometheus is installed
  --report <file>        also write the run's report as JSON (scenario times, alert history, verdicts)
  --evidence <file>      also write an evidence report of the run from Prometheus (modelwatch report), with the
                         lending model card; HTML, or JSON or PDF when the file name ends so
  --plain                print plain status lines even on a terminal
  -h, --help             this help

Exit status: 0 when every scenario raised what it should (or without Prometheus, when the run completed),
1 when one did not, 2 on a usage or start-up error, 130 when interrupted.
`;

export function parseRunOptions(argv: readonly string[]): RunOptions {
  const o: RunOptions = {
    speed: 1,
    scenarios: undefined,
    prometheus: true,
    report: undefined,
    evidence: undefined,
    plain: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value (run with --help for usage)`);
      return v;
    };
    if (flag === '-h' || flag === '--help') o.help = true;
    else if (flag === '--fast') o.speed = FAST_SPEED;
    else if (flag === '--speed') {
      const text = value();
      const speed = Number(text);
      if (!Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED)
        throw new Error(`--speed ${text}: must be a number from 1 to ${MAX_SPEED}`);
      o.speed = speed;
    } else if (flag === '--scenarios')
      o.scenarios = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--no-prometheus') o.prometheus = false;
    else if (flag === '--report') o.report = value();
    else if (flag === '--evidence') o.evidence = value();
    else if (flag === '--plain') o.plain = true;
    else throw new Error(`unknown option ${flag} (run with --help for usage)`);
  }
  return o;
}
