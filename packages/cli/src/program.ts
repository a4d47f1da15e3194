import { Command, CommanderError } from 'commander';
import { InputError, oneLine } from './errors.js';
import { registerAlerts } from './commands/alerts.js';
import { registerAudit } from './commands/audit.js';
import { registerCheck } from './commands/check.js';
import { registerDashboards } from './commands/dashboards.js';
import { registerDetect } from './commands/detect.js';
import type { Exit, RegisterCommand } from './commands/options.js';
import { registerProfile } from './commands/profile.js';
import { registerReport } from './commands/report.js';
import { registerRules } from './commands/rules.js';
import { registerSchema } from './commands/schema.js';
import { registerThresholds } from './commands/thresholds.js';

// In the order `modelwatch --help` lists them.
const COMMANDS: readonly RegisterCommand[] = [
  registerProfile,
  registerCheck,
  registerAudit,
  registerDetect,
  registerRules,
  registerThresholds,
  registerAlerts,
  registerReport,
  registerDashboards,
  registerSchema,
];

/** The `modelwatch` command tree. `exit` receives the exit code the contract gives each outcome. */
export function buildProgram(exit: Exit): Command {
  const program = new Command('modelwatch')
    .description('Reference profiles, drift, performance and fairness checks for machine-learning models.')
    .version('0.1.0')
    .exitOverride()
    // A usage mistake is one line, like every other error, with the way to the usage in it.
    .configureOutput({ outputError: (text, write) => write(`${text.split('\n')[0]} (run with --help for usage)\n`) });
  for (const register of COMMANDS) register(program, exit);
  return program;
}

/** Runs the CLI; never throws, returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; usage mistakes are bad input.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`modelwatch: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`modelwatch: internal error: ${message.split('\n')[0]} (please report this)\n`);
    return 3;
  }
}
