/**
 * Whether Prometheus accepts a pattern as the value of a `=~` / `!~` matcher: Go's RE2 syntax (`regexp/syntax`
 * with Perl flags), which has no lookaround, backreferences, possessive quantifiers or atomic groups.
 *
 * The check is conservative: what it accepts Go compiles, while a few exotic forms Go would take (a Unicode script
 * class outside the list below, a repetition straight after a flag group) are refused with a reason. A rule file
 * with one bad regex stops Prometheus loading every rule, so refusing early is the cheaper mistake.
 */

/** Longest pattern accepted: version selectors are short, and Go limits the compiled program's size. */
export const MAX_REGEX_LENGTH = 1000;
/** Go refuses counted repetitions whose nested counts multiply past this. */
const MAX_REPEAT = 1000;
/** Go's parser refuses nesting past 1000; far less is plenty here. */
const MAX_DEPTH = 100;

const POSIX_CLASSES = new Set([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);

/** Unicode general categories Go knows, `Any`, and the most used scripts. */
const UNICODE_CLASSES = new Set([
  'Any',
  ...['C', 'Cc', 'Cf', 'Co', 'Cs'],
  ...['L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu'],
  ...['M', 'Mc', 'Me', 'Mn'],
  ...['N', 'Nd', 'Nl', 'No'],
  ...['P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps'],
  ...['S', 'Sc', 'Sk', 'Sm', 'So'],
  ...['Z', 'Zl', 'Zp', 'Zs'],
  ...['Arabic', 'Cyrillic', 'Devanagari', 'Greek', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Katakana', 'Latin'],
  ...['Thai', 'Common', 'Inherited'],
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

class Problem extends Error {}

/** A group being parsed: its largest nested repetition count, and whether it has anything to repeat yet. */
interface Frame {
  weight: number;
}

class Parser {
  private i = 0;
  private readonly frames: Frame[] = [{ weight: 1 }];
  /** What a repetition operator would apply to: null at the start, after `(`, `|` or a flag group. */
  private last: { weight: number; repeated: boolean } | null = null;

  constructor(private readonly s: string) {}

  run(): void {
    while (this.i < this.s.length) this.step();
    if (this.frames.length > 1) throw new Problem('missing closing )');
  }

  private fail(why: string): never {
    throw new Problem(why);
  }

  private peek(k = 0): string | undefined {
    return this.s[this.i + k];
  }

  private atom(weight = 1): void {
    this.last = { weight, repeated: false };
    const top = this.frames[this.frames.length - 1]!;
    top.weight = Math.max(top.weight, weight);
  }

  private step(): void {
    const c = this.s[this.i]!;
    switch (c) {
      case '(':
        return this.open();
      case ')': {
        if (this.frames.length === 1) this.fail('unexpected ) without a matching (');
        this.i++;
        const frame = this.frames.pop()!;
        return this.atom(frame.weight);
      }
      case '|':
        this.i++;
        this.last = null;
        return;
      case '*':
      case '+':
      case '?':
        this.i++;
        return this.repeat(c, 0);
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
        if (!m) {
          this.i++;
          return this.atom();
        }
        this.i += m[0].length;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max))
          this.fail(`invalid repeat count ${m[0]} (at most ${MAX_REPEAT}, minimum not above maximum)`);
        return this.repeat(m[0], max === 0 ? 0 : max > 0 ? max : min);
      }
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      default:
        this.i++;
        return this.atom();
    }
  }

  /** `*`, `+`, `?`, `{n,m}`, each optionally followed by `?` (lazy); Go refuses any other stacking. */
  private repeat(op: string, count: number): void {
    if (this.last === null) this.fail(`missing argument to repetition operator ${op}`);
    if (this.last.repeated)
      this.fail(`invalid nested repetition operator ${op} (no possessive or stacked quantifiers)`);
    if (this.peek() === '?') this.i++;
    const weight = count > 0 ? this.last.weight * count : this.last.weight;
    if (weight > MAX_REPEAT) this.fail(`invalid repeat count: nested counts multiply past ${MAX_REPEAT}`);
    const top = this.frames[this.frames.length - 1]!;
    top.weight = Math.max(top.weight, weight);
    this.last = { weight, repeated: true };
  }

  private open(): void {
    this.i++;
    if (this.peek() !== '?') return this.push();
    this.i++;
    if (this.peek() === 'P' && this.peek(1) === '<') {
      const m = /^P<([A-Za-z0-9_]+)>/.exec(this.s.slice(this.i));
      if (!m) this.fail('invalid named capture: (?P<name> with a name of letters, digits and _');
      this.i += m[0].length;
      return this.push();
    }
    // Flags: (?i) (?i-s:...) (?:...) — anything else after (? is Perl syntax Go does not support.
    let negated = false;
    let sawFlag = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('missing closing )');
      this.i++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        continue;
      }
      if (c === '-' && !negated) {
        negated = true;
        sawFlag = false;
        continue;
      }
      if ((c === ':' || c === ')') && !(negated && !sawFlag)) {
        if (c === ':') return this.push();
        this.last = null;
        return;
      }
      if (c === '<' && /^[A-Za-z0-9_]/.test(this.peek() ?? ''))
        this.fail('invalid named capture (?<name>: older Prometheus versions only take (?P<name>…)');
      this.fail(
        `invalid or unsupported Perl syntax (?${c}: Prometheus regexes (RE2) have no lookaround, atomic groups or conditionals`
      );
    }
  }

  private push(): void {
    if (this.frames.length > MAX_DEPTH) this.fail(`groups nested deeper than ${MAX_DEPTH}`);
    this.frames.push({ weight: 1 });
    this.last = null;
  }

  /** An escape outside a class. */
  private escape(): void {
    const c = this.peek(1);
    if (c === undefined) this.fail('trailing backslash at end of expression');
    if ('AzbB'.includes(c)) {
      this.i += 2;
      return this.atom();
    }
    if (c === 'Q') {
      // Prometheus anchors the pattern as ^(?:…)$: an open \Q would swallow the closing parenthesis.
      const end = this.s.indexOf('\\E', this.i + 2);
      if (end < 0) this.fail('\\Q without \\E (Prometheus wraps the pattern in ^(?:…)$)');
      const literal = end + 2;
      const empty = literal === this.i + 2 || literal === this.i + 4;
      this.i = literal;
      // An empty \Q\E leaves nothing to repeat; Go would apply a following operator to what came before.
      if (empty) this.last = null;
      else this.atom();
      return;
    }
    if (this.classEscape()) return this.atom();
    this.literalEscape();
    this.atom();
  }

  /** `\d \D \s \S \w \W \pL \p{Greek} \PL \P{^Greek}`; false when the escape is not one of these. */
  private classEscape(): boolean {
    const c = this.peek(1)!;
    if ('dDsSwW'.includes(c)) {
      this.i += 2;
      return true;
    }
    if (c !== 'p' && c !== 'P') return false;
    const next = this.peek(2);
    if (next === undefined) this.fail(`invalid character class range \\${c}`);
    let name: string;
    if (next === '{') {
      const end = this.s.indexOf('}', this.i + 3);
      if (end < 0) this.fail(`invalid character class range \\${c}{ (missing })`);
      name = this.s.slice(this.i + 3, end).replace(/^\^/, '');
      this.i = end + 1;
    } else {
      name = next;
      this.i += 3;
    }
    if (!UNICODE_CLASSES.has(name))
      this.fail(`unknown or unsupported Unicode class \\${c}{${name}} (use a general category such as L or N)`);
    return true;
  }

  /** A literal escape: punctuation, \a \f \n \r \t \v, octal, \x hex. Consumes it. */
  private literalEscape(): void {
    const c = this.peek(1);
    if (c === undefined) this.fail('trailing backslash at end of expression');
    if (c.length === 1 && c.charCodeAt(0) < 0x80 && !isAlnum(c)) {
      this.i += 2;
      return;
    }
    if ('afnrtv'.includes(c)) {
      this.i += 2;
      return;
    }
    if (c >= '1' && c <= '7' && !isOctal(this.peek(2)))
      this.fail(`invalid escape \\${c}: backreferences are not supported`);
    if (isOctal(c)) {
      this.i += 2;
      for (let k = 0; k < 2 && isOctal(this.peek()); k++) this.i++;
      return;
    }
    if (c === 'x') {
      if (this.peek(2) === '{') {
        const m = /^x\{([0-9a-fA-F]+)\}/.exec(this.s.slice(this.i + 1));
        if (!m || parseInt(m[1]!, 16) > 0x10ffff) this.fail('invalid escape \\x{…}: hex digits up to 10FFFF');
        this.i += 1 + m[0].length;
        return;
      }
      if (!isHex(this.peek(2)) || !isHex(this.peek(3))) this.fail('invalid escape \\x: two hex digits or \\x{…}');
      this.i += 4;
      return;
    }
    this.fail(`invalid escape \\${c}`);
  }

  /** A bracketed class `[...]`, `[^...]`. */
  private charClass(): void {
    this.i++;
    if (this.peek() === '^') this.i++;
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('missing closing ]');
      if (c === ']' && !first) {
        this.i++;
        return this.atom();
      }
      first = false;
      // Like Go, `[:` up to the next `:]` is a POSIX class name, whatever lies between.
      const close = c === '[' && this.peek(1) === ':' ? this.s.indexOf(':]', this.i + 2) : -1;
      if (close >= 0) {
        const name = this.s.slice(this.i + 2, close).replace(/^\^/, '');
        if (!POSIX_CLASSES.has(name)) this.fail(`invalid character class range [:${name}:]`);
        this.i = close + 2;
        continue;
      }
      if (c === '\\' && this.peek(1) !== undefined && 'dDsSwWpP'.includes(this.peek(1)!)) {
        this.classEscape();
        continue;
      }
      const lo = this.classChar();
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.i++;
        if (this.peek() === '\\' && 'dDsSwWpP'.includes(this.peek(1) ?? ''))
          this.fail('invalid character class range: a class cannot end a range');
        const hi = this.classChar();
        if (hi < lo) this.fail('invalid character class range: its end comes before its start');
      }
    }
  }

  /** One character of a class, literal or escaped; returns its code point. */
  private classChar(): number {
    const c = this.peek()!;
    if (c !== '\\') {
      const cp = this.s.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const start = this.i;
    this.literalEscape();
    return escapedCodePoint(this.s.slice(start, this.i));
  }
}

/** The code point a literal escape stands for. */
function escapedCodePoint(escape: string): number {
  const c = escape[1]!;
  const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (c in simple) return simple[c]!;
  if (c === 'x') return parseInt(escape.slice(2).replace(/[{}]/g, ''), 16);
  if (isDigit(c)) return parseInt(escape.slice(1), 8);
  return escape.codePointAt(1)!;
}

/** Why Prometheus would refuse `pattern` as a regex matcher, or null when it accepts it. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `longer than ${MAX_REGEX_LENGTH} characters`;
  if (/[\uD800-\uDFFF]/u.test(pattern)) return 'contains a lone surrogate (not valid UTF-8)';
  try {
    new Parser(pattern).run();
    return null;
  } catch (e) {
    if (e instanceof Problem) return e.message;
    throw e;
  }
}
