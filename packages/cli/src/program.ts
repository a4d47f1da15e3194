import { Command, CommanderError } from 'commander';
import { InputError, oneLine } from './errors.js';
import type { Exit, RegisterCommand } from './commands/options.js';

/**
 * Every command, in the order `modelwatch --help` lists them, with the way to load its module. A run loads
 * only the module of the command it names: importing all of them costs most of a second of CPU (charts,
 * Arrow, the rules generator) that `check` on a CI runner would pay before reading a row.
 */
export const COMMANDS: readonly { name: string; load: () => Promise<RegisterCommand> }[] = [
  { name: 'profile', load: async () => (await import('./commands/profile.js')).registerProfile },
  { name: 'check', load: async () => (await import('./commands/check.js')).registerCheck },
  { name: 'audit', load: async () => (await import('./commands/audit.js')).registerAudit },
  { name: 'detect', load: async () => (await import('./commands/detect.js')).registerDetect },
  { name: 'rules', load: async () => (await import('./commands/rules.js')).registerRules },
  { name: 'thresholds', load: async () => (await import('./commands/thresholds.js')).registerThresholds },
  { name: 'alerts', load: async () => (await import('./commands/alerts.js')).registerAlerts },
  { name: 'report', load: async () => (await import('./commands/report.js')).registerReport },
  { name: 'dashboards', load: async () => (await import('./commands/dashboards.js')).registerDashboards },
  { name: 'schema', load: async () => (await import('./commands/schema.js')).registerSchema },
];

const VERSION_FLAGS = new Set(['-V', '--version']);
const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * The commands a run needs. The program has no options of its own that take a value, so the first word that is
 * not a flag names the command. A named command needs only itself (its help and usage errors do not mention the
 * others); a bare `--version` needs none; anything else (the program's help, `help <command>`, an unknown
 * command and its suggestion) needs them all.
 */
export function commandsFor(argv: readonly string[]): readonly string[] {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word !== undefined && COMMANDS.some((c) => c.name === word)) return [word];
  if (word === undefined && argv.some((a) => VERSION_FLAGS.has(a)) && !argv.some((a) => HELP_FLAGS.has(a))) return [];
  return COMMANDS.map((c) => c.name);
}

/**
 * The `modelwatch` command tree with the named commands (all of them by default), in help order. `exit` receives
 * the exit code the contract gives each outcome.
 */
export async function buildProgram(
  exit: Exit,
  names: readonly string[] = COMMANDS.map((c) => c.name)
): Promise<Command> {
  const program = new Command('modelwatch')
    .description('Reference profiles, drift, performance and fairness checks for machine-learning models.')
    .version('0.1.0')
    .exitOverride()
    // A usage mistake is one line, like every other error, with the way to the usage in it.
    .configureOutput({ outputError: (text, write) => write(`${text.split('\n')[0]} (run with --help for usage)\n`) });
  const chosen = COMMANDS.filter((c) => names.includes(c.name));
  const registers = await Promise.all(chosen.map((c) => c.load()));
  for (const register of registers) register(program, exit);
  return program;
}

/** Runs the CLI; never throws, returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  try {
    const program = await buildProgram((c) => {
      code = c;
    }, commandsFor(argv));
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
