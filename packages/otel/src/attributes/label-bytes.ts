/**
 * UTF-8 length of a string as the exporter will write it (a lone surrogate becomes U+FFFD, 3 bytes), counted
 * without encoding it. Stops counting once past `limit`, so a megabyte value costs no more than a short one.
 */
export function utf8Bytes(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether a string fits in `maxBytes` of UTF-8; O(1) for most strings (by their length alone). */
export function fitsLabel(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return false; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= maxBytes) return true; // and at most three
  return utf8Bytes(text, maxBytes) <= maxBytes;
}

/**
 * The byte cap on run-time label values of one monitor. `onOverlong` is where a value that does not fit is
 * counted (the monitor's containment); it is connected once the monitor's containment exists.
 */
export class LabelLimit {
  private report: (what: string) => void = () => undefined;

  constructor(readonly maxBytes: number) {}

  connect(report: (what: string) => void): void {
    this.report = report;
  }

  /** True when the value fits; otherwise counts it (as `what`, e.g. "a value of segment 'channel'") and returns false. */
  admits(text: string, what: string): boolean {
    if (fitsLabel(text, this.maxBytes)) return true;
    this.report(what);
    return false;
  }
}
