import { checkNumber } from './_check';
import { NexFitraError } from './errors';

/**
 * A small seeded pseudo-random generator, so planners and dataset samplers give the same output
 * for the same seed on every platform (Math.random cannot be seeded).
 *
 * Algorithm: SplitMix32 — the 32-bit variant of Steele, Lea & Flood's SplitMix (OOPSLA 2014),
 * with the mixing constants of Java's SplittableRandom/`mix32` (MurmurHash3 fmix32 finaliser).
 * Statistically adequate for sampling and tie-breaking; not cryptographic.
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A new independent generator derived from this one's stream. */
  fork(): Rng;
}

function checkArray<T>(fn: string, items: readonly T[]): readonly T[] {
  if (Array.isArray(items)) return items;
  throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['items'], value: items, allowed: 'an array' });
}

/**
 * Creates a seeded generator.
 * @param seed any integer in [0, 2^32)
 * @example createRng(42).int(1, 6) // same value on every run and platform
 */
export function createRng(seed: number): Rng {
  let state = checkNumber('createRng', 'seed', seed, { min: 0, max: 2 ** 32 - 1, integer: true }) >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const rng: Rng = {
    next: () => nextU32() / 2 ** 32,
    int(min, max) {
      checkNumber('Rng.int', 'min', min, { integer: true });
      checkNumber('Rng.int', 'max', max, { integer: true, min });
      return min + Math.floor(rng.next() * (max - min + 1));
    },
    pick(items) {
      checkArray('Rng.pick', items);
      checkNumber('Rng.pick', 'items.length', items.length, { min: 1, integer: true });
      return items[Math.floor(rng.next() * items.length)]!;
    },
    shuffle(items) {
      const out = checkArray('Rng.shuffle', items).slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: () => createRng(nextU32()),
  };
  return rng;
}
