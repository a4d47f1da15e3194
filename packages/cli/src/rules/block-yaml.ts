/**
 * The block-style YAML the `yaml` library writes (lineWidth 0) for the plain shapes the generators emit, without
 * building its document model: for a fleet of thousands of models that model, not the text, is what costs the
 * time and the memory. Only what is proven byte-identical to the library is written here (the property test in
 * test/rules/block-yaml.test.ts draws values against it); for anything else the answer is null and the caller
 * uses the library, so an unusual value costs time, never a different file.
 */
import { Document } from 'yaml';

/** Characters the library double-quotes (controls, lone surrogates) or the writer escapes afterwards (see write.ts). */
const SPECIAL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\uD800-\uDFFF]/u;
/** The library's test for a string that cannot be written plain (stringifyString.js, plainString). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Where the library's choice depends on the indentation (document markers at a line start). */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
/** The library quotes the key of a pair whose implicit key is longer than this. */
const MAX_IMPLICIT_KEY = 1024;

/** Plain text the YAML 1.2 core schema would read as something else (null, a boolean, a number), as the library tests it. */
const NOT_STRING = new Document(null).schema.tags.flatMap((tag) =>
  'test' in tag && tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : []
);
const readsAsOther = (text: string): boolean => NOT_STRING.some((test) => test.test(text));

/** How a string is written: plain, quoted, or by the library (null from the writer). */
const PLAIN = 0;
const QUOTE = 1;
const LIBRARY = 2;
type Style = typeof PLAIN | typeof QUOTE | typeof LIBRARY;

/** The style by the library's own tests: the reference, and the answer for text beyond printable ASCII. */
function styleByRegex(text: string): Style {
  if (SPECIAL.test(text)) return LIBRARY;
  if (NOT_PLAIN.test(text)) return QUOTE;
  if (DOCUMENT_MARKER.test(text)) return LIBRARY;
  return readsAsOther(text) ? QUOTE : PLAIN;
}

/** Anything but printable ASCII and tab: text holding it is styled by the library's own tests. */
const BEYOND_ASCII = /[^\t\x20-\x7e]/;
/** NOT_PLAIN's alternatives that may match anywhere, without the newline (it is beyond ASCII here). */
const NOT_PLAIN_INSIDE = /:[ \t]|[ \t]#/;
/** NOT_PLAIN's first alternative without the newline. */
const NOT_PLAIN_START = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-](?:$|[ \t])/;
/**
 * Every text the core schema reads as other than a string (null, booleans, numbers) is one word over these
 * characters; for any other text its tests need not run.
 */
const CORE_WORD = /^[~.+\-0-9A-Za-z]+$/;

/**
 * styleByRegex for the printable ASCII (and tab) that generated rules are made of, with fewer and simpler
 * scans: rule files are mostly long PromQL, and the library's tests (one in Unicode mode, one of seven
 * alternatives) cost more than the rest of the writer. Anything else goes to those tests, so the two cannot
 * differ on it.
 */
function style(text: string): Style {
  if (text.length === 0 || BEYOND_ASCII.test(text)) return styleByRegex(text);
  if (NOT_PLAIN_START.test(text) || NOT_PLAIN_INSIDE.test(text)) return QUOTE;
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x20 || last === 0x09 || last === 0x3a) return QUOTE;
  if (text.startsWith('---') || text.startsWith('...')) return LIBRARY;
  return CORE_WORD.test(text) && readsAsOther(text) ? QUOTE : PLAIN;
}

/** A string value as the library writes it in block context, or null where that is not certain. */
function scalar(text: string): string | null {
  const s = style(text);
  return s === PLAIN ? text : s === QUOTE ? quoted(text) : null;
}

/** The library's quotedString for one-line text without controls: single quotes when only `"` occurs. */
function quoted(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

/** Keys are written only when plain: a quoted key is rare enough to leave to the library. */
function key(text: string): string | null {
  if (text.length > MAX_IMPLICIT_KEY) return null;
  return style(text) === PLAIN ? text : null;
}

function leaf(value: unknown): string | null {
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) return null;
    const text = JSON.stringify(value);
    return /e/i.test(text) ? null : text;
  }
  return null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
};

const isEmpty = (value: unknown[] | Record<string, unknown>): boolean =>
  Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;

/**
 * Appends a collection in block style at `indent` to `out` (its lines after the first start with the
 * indentation); false where the library must write it. One list of pieces joined once: joining per level
 * copied a rule file's text once per level of nesting.
 */
function collection(value: unknown, indent: string, out: string[]): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return true;
    }
    const inner = `${indent}  `;
    const next = `\n${indent}- `;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (Array.isArray(item)) return false;
      out.push(i === 0 ? '- ' : next);
      if (isPlainObject(item)) {
        if (!collection(item, inner, out)) return false;
      } else {
        const text = leaf(item);
        if (text === null) return false;
        out.push(text);
      }
    }
    return true;
  }
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 0) {
    out.push('{}');
    return true;
  }
  const inner = `${indent}  `;
  const between = `\n${indent}`;
  const nested = `:\n${inner}`;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const name = key(k);
    const v = value[k];
    if (name === null || v === undefined) return false;
    if (i > 0) out.push(between);
    out.push(name);
    if (Array.isArray(v) || isPlainObject(v)) {
      if (isEmpty(v)) {
        out.push(': ');
        if (!collection(v, inner, out)) return false;
      } else {
        out.push(nested);
        if (!collection(v, inner, out)) return false;
      }
    } else {
      const l = leaf(v);
      if (l === null) return false;
      out.push(': ', l);
    }
  }
  return true;
}

/** The document text (with its final newline) of a non-empty mapping, or null where the library must write it. */
export function blockYaml(value: unknown): string | null {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return null;
  const out: string[] = [];
  if (!collection(value, '', out)) return null;
  out.push('\n');
  return out.join('');
}
