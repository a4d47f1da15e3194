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

/** A string value as the library writes it in block context, or null where that is not certain. */
function scalar(text: string): string | null {
  if (SPECIAL.test(text)) return null;
  if (NOT_PLAIN.test(text)) return quoted(text);
  if (DOCUMENT_MARKER.test(text)) return null;
  return readsAsOther(text) ? quoted(text) : text;
}

/** The library's quotedString for one-line text without controls: single quotes when only `"` occurs. */
function quoted(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

/** Keys are written only when plain: a quoted key is rare enough to leave to the library. */
function key(text: string): string | null {
  if (text.length > MAX_IMPLICIT_KEY || SPECIAL.test(text) || NOT_PLAIN.test(text) || DOCUMENT_MARKER.test(text))
    return null;
  return readsAsOther(text) ? null : text;
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

/** A collection in block style at `indent`: its lines after the first start with the indentation. */
function collection(value: unknown, indent: string): string | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    const lines: string[] = [];
    for (const item of value) {
      if (Array.isArray(item)) return null;
      const text = isPlainObject(item) ? collection(item, inner) : leaf(item);
      if (text === null) return null;
      lines.push(`- ${text}`);
    }
    return lines.join(`\n${indent}`);
  }
  if (!isPlainObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const k of keys) {
    const name = key(k);
    const v = value[k];
    if (name === null || v === undefined) return null;
    let text: string | null;
    if (Array.isArray(v) || isPlainObject(v)) {
      const body = collection(v, inner);
      if (body === null) return null;
      text = body === '[]' || body === '{}' ? ` ${body}` : `\n${inner}${body}`;
    } else {
      const l = leaf(v);
      if (l === null) return null;
      text = ` ${l}`;
    }
    lines.push(`${name}:${text}`);
  }
  return lines.join(`\n${indent}`);
}

/** The document text (with its final newline) of a non-empty mapping, or null where the library must write it. */
export function blockYaml(value: unknown): string | null {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return null;
  const text = collection(value, '');
  return text === null ? null : `${text}\n`;
}
