import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runTool } from '@modelwatch/local-prometheus';
import { regexProblem } from '@modelwatch/promql';
import { goString } from './support/promtool';

/**
 * Which patterns promtool refuses as a `=~` matcher: all are checked in one `promtool check rules` run, one
 * recording rule per pattern, and the rules promtool names in its errors are the refused ones.
 */
function refusedByPromtool(patterns: readonly string[]): Set<number> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-regex-'));
  try {
    const rules = patterns.map((p, i) => ({ record: `r_${i}`, expr: `up{job=~${goString(p)}}` }));
    writeFileSync(join(dir, 'rules.yml'), JSON.stringify({ groups: [{ name: 'regex', rules }] }));
    const r = runTool('promtool', ['check', 'rules', join(dir, 'rules.yml')]);
    const refused = new Set([...r.output.matchAll(/"r_(\d+)": could not parse/g)].map((m) => Number(m[1])));
    if (r.code !== 0 && refused.size === 0) throw new Error(`promtool failed on its own:\n${r.output}`);
    return refused;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Patterns people write for version selectors and what Go's RE2 accepts beyond them.
const VALID = [
  'v1',
  'v1|v2',
  '2\\.3\\..*',
  'v[0-9]+',
  '(v1|v2)-canary',
  '(?i)prod-.*',
  '(?i:a)b',
  '(?P<major>\\d+)\\.\\d+',
  '(?P<n>a)(?P<n>b)',
  '[[:digit:]]+',
  '[^a-z]',
  '[]a]',
  '[a-]',
  '\\pL+',
  '\\p{Greek}',
  '\\P{^N}',
  'a{2,5}',
  'a{3}?',
  'a{,2}',
  'x{',
  '\\x41\\x{263a}',
  '\\012',
  '\\Qa.b\\E',
  'a*?',
  '',
  '()',
  'a|',
  '\\_\\ \\-',
  '^v1$',
  '\\Av1\\z',
  '\\bv\\B',
  'café',
];

// Each of these is what a user copies from a PCRE or JavaScript habit; Prometheus refuses all.
const INVALID: [string, RegExp][] = [
  ['v(?=1)', /lookaround/],
  ['v(?!1)', /lookaround/],
  ['(?<=v)1', /lookaround/],
  ['(?>v)', /atomic/],
  ['(a)\\1', /backreference/],
  ['a++', /possessive/],
  ['a**', /nested repetition/],
  ['a{2}{3}', /nested repetition/],
  ['*v', /missing argument/],
  ['(|*)', /missing argument/],
  ['v(1', /missing closing \)/],
  ['v1)', /without a matching/],
  ['[v1', /missing closing \]/],
  ['[z-a]', /range/],
  ['[[:word2:]]', /character class/],
  ['[[:a]b:]]', /character class/],
  ['\\d\\', /trailing backslash/],
  ['\\Qa.b', /\\Q without \\E/],
  ['\\e', /invalid escape/],
  ['\\Z', /invalid escape/],
  ['\\C', /invalid escape/],
  ['\\x4', /invalid escape/],
  ['\\x{110000}', /invalid escape/],
  ['\\p{Nope}', /Unicode class/],
  ['a{1001}', /repeat count/],
  ['a{3,2}', /repeat count/],
  ['(a{100}){11}', /repeat count/],
  ['(?P<>a)', /named capture/],
  ['(?i-)a', /Perl syntax/],
  ['\ud800', /surrogate/],
];

// Refused on purpose although some Go versions take them: (?<name> only since Go 1.22 (older Prometheus refuses
// it), and a repetition right after a flag group, which Go applies to whatever came before the group.
const CONSERVATIVE: [string, RegExp][] = [
  ['(?<major>\\d+)', /\(\?P<name>/],
  ['a(?i)*', /missing argument/],
];

describe('regexProblem', () => {
  it.each(VALID)('accepts %j, as promtool does', (pattern) => {
    expect(regexProblem(pattern)).toBeNull();
  });

  it.each(INVALID)('refuses %j with the reason', (pattern, reason) => {
    expect(regexProblem(pattern)).toMatch(reason);
  });

  it.each(CONSERVATIVE)('refuses %j, which not every Prometheus takes', (pattern, reason) => {
    expect(regexProblem(pattern)).toMatch(reason);
  });

  it('agrees with promtool on every listed pattern (the lists are checked, not assumed)', () => {
    const all = [...VALID, ...INVALID.map(([p]) => p).filter((p) => !/[\uD800-\uDFFF]/u.test(p))];
    const refused = refusedByPromtool(all);
    const wrong = all.filter((p, i) => refused.has(i) === (regexProblem(p) === null));
    expect(wrong).toEqual([]);
  });

  it('never accepts a pattern promtool refuses (random patterns over regex syntax, one promtool run)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...['(', ')', '(?:', '(?i)', '(?=', '(?P<a>', '(?P<b>', '|', '*', '+', '?', '{2}', '{1,3}', '{0}', '{', '}'],
        ...['[', ']', '[^', '-', '^', '$', '.', '\\', '\\d', '\\1', '\\x4', '\\x{41}', '\\pL', '\\p{', '\\Q', '\\E'],
        ...['[:alpha:]', '\\b', '\\z', '\\Z', 'a', 'z', '0', '9', '"', ' ', 'é', '😀', ':', '<', '>', '=', '!']
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 2 })
    );
    const patterns = fc.sample(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
      { numRuns: 3000, seed: 20261205 }
    );
    // Newlines end a PromQL string literal; patterns never hold one (a selector is one line).
    const candidates = [...new Set(patterns.filter((p) => !p.includes('\n')))];
    const refused = refusedByPromtool(candidates);
    const acceptedWrongly = candidates.filter((p, i) => refused.has(i) && regexProblem(p) === null);
    expect(acceptedWrongly).toEqual([]);
    // The check is meant to be close, not only safe: most of what promtool takes is taken.
    const valid = candidates.filter((_, i) => !refused.has(i));
    const refusedWrongly = valid.filter((p) => regexProblem(p) !== null);
    expect(refusedWrongly.length).toBeLessThan(valid.length * 0.05);
  });
});
