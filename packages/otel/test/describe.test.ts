// Containment describes whatever was thrown: the description itself must never throw and stays short.
import fc from 'fast-check';
import { MESSAGE_MAX_CHARS, describe as describeThrown, errorTypeOf } from '../src/safety/describe';

const hostile = fc.oneof(
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
  fc.string({ minLength: 150, maxLength: 5000 }),
  fc.constantFrom<unknown>(
    Object.create(null),
    Symbol('s'),
    10n,
    { toString: () => ({}) },
    {
      toString() {
        throw new Error('no');
      },
    },
    Object.defineProperty(new Error('x'), 'message', {
      get() {
        throw Object.create(null);
      },
    }),
    Object.defineProperty(new TypeError('x'), 'name', {
      get() {
        throw new Error('no name');
      },
    }),
    new Proxy(new Error('x'), {
      getPrototypeOf() {
        throw new Error('no prototype');
      },
    })
  )
);

/** Every operation on it throws; fast-check cannot carry it (it inspects values), so it is tried on its own. */
const revoked = ((): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
})();

it('describe() never throws and returns at most MESSAGE_MAX_CHARS characters', () => {
  fc.assert(
    fc.property(hostile, (thrown) => {
      const text = describeThrown(thrown);
      expect(typeof text).toBe('string');
      expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    })
  );
  expect(typeof describeThrown(revoked)).toBe('string');
});

it("errorTypeOf() never throws: a string as given, an Error's name, else 'error'", () => {
  fc.assert(fc.property(hostile, (thrown) => expect(typeof errorTypeOf(thrown)).toBe('string')));
  expect(errorTypeOf('timeout')).toBe('timeout');
  expect(errorTypeOf(new RangeError('x'))).toBe('RangeError');
  expect(errorTypeOf(Object.create(null))).toBe('error');
  expect(errorTypeOf(revoked)).toBe('error');
  const nameless = Object.defineProperty(new Error('x'), 'name', {
    get() {
      throw new Error('no name');
    },
  });
  expect(errorTypeOf(nameless)).toBe('Error');
});
