// The traffic generator's command line: replays the scenarios against a running service.
import { PATHS } from '../lending-paths.js';
import { SCENARIOS } from '../scenarios/catalogue.js';
import { selectScenarios, totalSeconds } from '../scenarios/selection.js';
import { ServiceClient } from './service-client.js';
import { runTraffic } from './traffic-runner.js';

export const TRAFFIC_HELP = `Usage: node examples/lending/dist/demo/traffic.js [options]

Replays held-out HMDA applicants against the lending demo service through the demo's scenarios, then starts
over (unless --once).

Options:
  --target <url>        the service (default: $TARGET, else http://127.0.0.1:8080)
  --speed <n>           run n times faster, for a config whose windows were divided by n (default 1)
  --scenarios <a,b>     run only these, in catalogue order (${SCENARIOS.map((s) => s.name).join(', ')})
  --seed <n>            seed of the replay order and every random choice
  --once                stop after the last scenario
  -h, --help            this help
`;

interface TrafficArgs {
  target: string;
  speed: number;
  scenarios: string[] | undefined;
  seed: number | undefined;
  once: boolean;
  help: boolean;
}

export function parseTrafficArgs(argv: readonly string[], env: NodeJS.ProcessEnv): TrafficArgs {
  const args: TrafficArgs = {
    target: env.TARGET || 'http://127.0.0.1:8080',
    speed: 1,
    scenarios: undefined,
    seed: undefined,
    once: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value (run with --help for usage)`);
      return v;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--once') args.once = true;
    else if (flag === '--target') args.target = value();
    else if (flag === '--scenarios')
      args.scenarios = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--speed') args.speed = positive(flag, value());
    else if (flag === '--seed') args.seed = Math.trunc(positive(flag, value()));
    else throw new Error(`unknown option ${flag} (run with --help for usage)`);
  }
  return args;
}

function positive(flag: string, text: string): number {
  const x = Number(text);
  if (!Number.isFinite(x) || x <= 0) throw new Error(`${flag} ${text}: must be a number above 0`);
  return x;
}

export async function trafficMain(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const args = parseTrafficArgs(argv, env);
  if (args.help) {
    process.stdout.write(TRAFFIC_HELP);
    return;
  }
  const scenarios = selectScenarios(args.scenarios);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const say = (line: string): void => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  const probe = new ServiceClient(args.target);
  say(`waiting for the service at ${probe.base}`);
  await probe.waitUntilUp(120_000, controller.signal);
  probe.close();
  say(
    `replaying ${scenarios.length} scenarios (${Math.round(totalSeconds(scenarios, args.speed))} s per pass at speed ${args.speed})${args.once ? '' : ', over and over'}`
  );
  await runTraffic({
    target: args.target,
    applicantsCsv: PATHS.applicants,
    scenarios,
    speed: args.speed,
    seed: args.seed,
    loop: !args.once,
    signal: controller.signal,
    onScenarioStart: (run) =>
      say(
        `scenario ${run.scenario.name}: ${run.scenario.title.toLowerCase()} for ${Math.round(run.scenario.durationSeconds / args.speed)} s`
      ),
    onScenarioEnd: (run) =>
      say(
        `scenario ${run.scenario.name} done: ${run.predictions} predictions, ${run.failed} failed, ${run.labels} outcomes posted (${run.labelsMatched} joined)`
      ),
    onProblem: (message) => say(message),
  });
}
