import { cli } from './run-cli';

// A run loads only the module of the command it names; these pin that what a user sees does not depend on it.
const NAMES = [
  'profile',
  'check',
  'audit',
  'detect',
  'rules',
  'thresholds',
  'alerts',
  'report',
  'dashboards',
  'schema',
];

describe('each run loads only the command it names', () => {
  it('the program help lists every command, in order', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    const listed = [...r.stdout.slice(r.stdout.indexOf('Commands:')).matchAll(/^ {2}(\w+) \[/gm)].map((m) => m[1]);
    expect(listed).toEqual([...NAMES, 'help']);
  });

  // `help <command>` builds the whole tree; `<command> --help` builds only that command.
  it.each(NAMES)('%s --help is the same alone as in the whole tree', (name) => {
    const alone = cli([name, '--help']);
    const whole = cli(['help', name]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain(`Usage: modelwatch ${name} [options]`);
    expect(alone.stdout).toBe(whole.stdout);
  });

  it('a usage mistake in a named command is one line naming the way to the usage', () => {
    const r = cli(['check', '--format', 'xml', '--reference', 'a.csv', '--current', 'b.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are json, table. (run with --help for usage)\n"
    );
  });

  it('an unknown command still gets the suggestion, which needs every name', () => {
    const r = cli(['chek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown command 'chek' (run with --help for usage)\n");
  });

  it('--version alone, and before a command', () => {
    expect(cli(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    expect(cli(['-V', 'check'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
