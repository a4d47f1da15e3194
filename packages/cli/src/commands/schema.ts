import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { configJsonSchema } from '../rules/config.js';
import type { Exit } from './options.js';

/** Writes the JSON Schema of modelwatch.yaml (for editor completion). */
export function runSchema(options: { out?: string }): string {
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (options.out) {
    try {
      writeFileSync(options.out, text);
    } catch (e) {
      throw new InputError(`${options.out}: cannot write the schema (${e instanceof Error ? e.message : String(e)})`);
    }
    // On stderr, like the other generators, so it never mixes with anything a script reads from stdout.
    process.stderr.write(`wrote ${options.out}\n`);
  } else {
    process.stdout.write(text);
  }
  return text;
}

/** `modelwatch schema`. */
export function registerSchema(program: Command, exit: Exit): void {
  program
    .command('schema')
    .description('print (or write) the JSON Schema of modelwatch.yaml for editor completion')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((flags: { out?: string }) => {
      runSchema(flags);
      exit(0);
    });
}
