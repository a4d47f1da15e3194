import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findBinary, requireBinary, runTool } from '@modelwatch/local-prometheus';

describe("Debian's Prometheus programs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-prometheus-bin-'));
    writeFileSync(join(dir, 'promtool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'promtool'), 0o755);
    // Present but not executable: not a program.
    writeFileSync(join(dir, 'amtool'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds an executable in the first directory of the search path that has one', () => {
    expect(findBinary('promtool', [join(dir, 'none'), dir].join(delimiter))).toBe(join(dir, 'promtool'));
    expect(findBinary('amtool', dir)).toBeNull();
  });

  it('looks in /usr/bin and on PATH by default', () => {
    expect(findBinary('prometheus')).toBe('/usr/bin/prometheus');
  });

  it('names the Debian package that installs a missing program', () => {
    expect(() => requireBinary('prometheus', dir)).toThrow(
      `prometheus is missing (not in ${dir}): install Debian's 'prometheus' package (apt-get install -y prometheus)`
    );
    expect(() => requireBinary('promtool', join(dir, 'none'))).toThrow('(apt-get install -y prometheus)');
    expect(() => requireBinary('amtool', dir)).toThrow(
      "install Debian's 'prometheus-alertmanager' package (apt-get install -y prometheus-alertmanager)"
    );
  });

  it('runs a program to its end with its exit code and output', () => {
    const version = runTool('promtool', ['--version']);
    expect(version.code).toBe(0);
    expect(version.output).toMatch(/^promtool, version \d+\.\d+/);
    const wrong = runTool('promtool', ['check', 'rules', join(dir, 'absent.yml')]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toContain('absent.yml');
  });
});
