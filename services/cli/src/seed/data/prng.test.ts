import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { mulberry32, pickWeighted, rngFor, sample, shuffle } from './prng.ts';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, rng);

describe('seeded PRNG', () => {
  it('repeats its sequence for the same seed and not for another', () => {
    expect(draw(mulberry32(42), 20)).toEqual(draw(mulberry32(42), 20));
    expect(draw(mulberry32(42), 20)).not.toEqual(draw(mulberry32(43), 20));
  });

  it('gives each label a stream of its own', () => {
    expect(draw(rngFor(1, 'issues'), 5)).not.toEqual(draw(rngFor(1, 'enterprises'), 5));
  });

  test.prop([fc.integer()])('stays within [0, 1)', (seed) => {
    for (const x of draw(mulberry32(seed), 200)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  test.prop([fc.integer(), fc.array(fc.integer(), { maxLength: 30 })])('shuffles to a permutation', (seed, items) => {
    const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(sort(shuffle(mulberry32(seed), items))).toEqual(sort(items));
  });

  test.prop([fc.integer(), fc.integer({ min: 0, max: 10 })])('samples distinct items', (seed, k) => {
    const picked = sample(mulberry32(seed), ['a', 'b', 'c', 'd', 'e', 'f'], k);
    expect(new Set(picked).size).toBe(Math.min(k, 6));
  });

  test.prop([fc.integer()])('never picks an entry of weight zero', (seed) => {
    const rng = mulberry32(seed);
    for (let i = 0; i < 50; i++)
      expect(
        pickWeighted(rng, [
          ['a', 1],
          ['never', 0],
          ['b', 3],
        ]),
      ).not.toBe('never');
  });
});
