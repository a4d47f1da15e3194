import fc from 'fast-check';
import { isMissing, parseNumber } from '../../src/index';

// The definition parseNumber had before its digit-by-digit fast path: a plain decimal, read by Number().
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function byDefinition(cell: string): number {
  if (!DECIMAL.test(cell)) return Number.NaN;
  const x = Number(cell);
  return Number.isFinite(x) ? x : Number.NaN;
}

const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
const decimalText = fc
  .tuple(fc.constantFrom('', '-', '+'), digits(20), fc.boolean(), digits(25), fc.constantFrom('', 'e5', 'E-3', 'e+300'))
  .map(([sign, int, dot, frac, exp]) => `${sign}${int}${dot ? '.' : ''}${frac}${exp}`);

describe('parseNumber', () => {
  it('gives exactly what Number() gives for every plain decimal, and NaN for everything else', () => {
    fc.assert(
      fc.property(decimalText, (cell) => {
        expect(Object.is(parseNumber(cell), byDefinition(cell))).toBe(true);
      }),
      { numRuns: 20_000 }
    );
    fc.assert(
      fc.property(fc.string(), (cell) => {
        expect(Object.is(parseNumber(cell), byDefinition(cell))).toBe(true);
      }),
      { numRuns: 5_000 }
    );
  });

  it('reads the texts a data file holds', () => {
    expect(parseNumber('-12.3456')).toBe(-12.3456);
    expect(parseNumber('0.1')).toBe(0.1);
    expect(Object.is(parseNumber('-0'), -0)).toBe(true);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('123456789012345678')).toBe(123456789012345678);
    expect(parseNumber('1e3')).toBe(1000);
    for (const text of ['0x1A', '0b1', 'Infinity', '1_000', ' 1', '.', '-', '', '1e400'])
      expect(parseNumber(text)).toBeNaN();
  });
});

describe('isMissing', () => {
  it('knows the missing tokens and nothing else', () => {
    for (const t of ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', null, undefined])
      expect(isMissing(t)).toBe(true);
    for (const t of ['0', 'No', 'n', 'none', 'Nan', 'NA ', 'web']) expect(isMissing(t)).toBe(false);
  });
});
