import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PythonRandom } from '../../src/detectors/python-random.js';

const { pythonRandom } = JSON.parse(readFileSync(join(__dirname, '../fixtures/river-detectors.json'), 'utf8')) as {
  pythonRandom: {
    samples: { seed: number; n: number; k: number; first: number[]; second: number[] }[];
    words: { seed: number; getrandbits32: number[] }[];
  };
};

describe('PythonRandom reproduces CPython random.Random', () => {
  it.each(pythonRandom.words.map((w) => [w.seed, w] as const))('seed %d: raw 32-bit outputs', (_seed, w) => {
    const rng = new PythonRandom(w.seed);
    const outputs: number[] = [];
    for (let i = 0; i < 700; i++) outputs.push(rng.nextUint32());
    expect(outputs.filter((_, i) => i % 50 === 0)).toEqual(w.getrandbits32);
  });

  it.each(pythonRandom.samples.map((s) => [s.seed, s.n, s.k, s] as const))(
    'seed %d: sample(range(%d), %d) twice',
    (_seed, _n, _k, s) => {
      const rng = new PythonRandom(s.seed);
      expect(Array.from(rng.sample(s.n, s.k))).toEqual(s.first);
      expect(Array.from(rng.sample(s.n, s.k))).toEqual(s.second);
    }
  );

  it('rejects seeds CPython would hash or negate', () => {
    expect(() => new PythonRandom(-1)).toThrow(RangeError);
    expect(() => new PythonRandom(0.5)).toThrow(RangeError);
    expect(() => new PythonRandom(2 ** 53)).toThrow(RangeError);
  });

  it('rejects impossible samples', () => {
    expect(() => new PythonRandom(0).sample(3, 4)).toThrow(RangeError);
  });
});
