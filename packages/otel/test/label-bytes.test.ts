// The byte cap counts UTF-8 as the exporter writes it: checked against Node's own encoder on arbitrary strings,
// lone surrogates included (both write them as U+FFFD, three bytes).
import fc from 'fast-check';
import { fitsLabel, utf8Bytes } from '../src/attributes/label-bytes';

const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), maxLength: 80 })
);

it('utf8Bytes is Buffer.byteLength', () => {
  fc.assert(fc.property(anyString, (s) => utf8Bytes(s) === Buffer.byteLength(s, 'utf8')));
});

it('fitsLabel(s, max) is byteLength <= max, for every max in the allowed range', () => {
  fc.assert(
    fc.property(anyString, fc.integer({ min: 16, max: 256 }), (s, max) => {
      expect(fitsLabel(s, max)).toBe(Buffer.byteLength(s, 'utf8') <= max);
    })
  );
});

it('counting stops past the limit (a huge string costs what a short one does)', () => {
  expect(utf8Bytes('x'.repeat(10_000_000), 256)).toBe(257);
});
