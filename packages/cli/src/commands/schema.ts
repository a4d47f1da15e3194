import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { readTextFile } from '../data/read-text.js';
import { configJsonSchema } from '../rules/config.js';
import { configMarkdown } from '../rules/config-docs.js';
import type { Exit } from './options.js';
import { writeTextFile } from '../data/write-text.js';

export interface SchemaOptions {
  out?: string;
  /** The configuration reference (docs/configuration.md) instead of the JSON Schema. */
  markdown?: boolean;
  /** A config the reference shows as its example. */
  example?: string;
}

/** Writes the JSON Schema of modelwatch.yaml (for editor completion), or its Markdown reference. */
export function runSchema(options: SchemaOptions): string {
  const text = options.markdown
    ? configMarkdown(options.example ? { path: options.example, text: readTextFile(options.example) } : undefined)
    : `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (options.out) {
    try {
      writeTextFile(options.out, text);
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
    .option('--markdown', 'write the configuration reference (Markdown) instead')
    .option('--example <file>', 'with --markdown: a modelwatch.yaml to show as the example')
    .action((flags: SchemaOptions) => {
      runSchema(flags);
      exit(0);
    });
}
