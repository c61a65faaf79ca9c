import { describe, expect, it } from 'vitest';
import * as dishes from '../src/dishes/index';
import { isNexFitraError } from '../src/errors';

/**
 * Bad input to `@nexfitra/core/dishes` (the house rule of packages/core/test/robustness.test.ts,
 * applied to this subpath): every exported function, with junk in each argument position and the
 * other arguments valid, returns finite values or throws a NexFitraError naming fn and path —
 * never a TypeError, a ZodError or NaN.
 */
const JUNK: unknown[] = [
  undefined,
  null,
  Number.NaN,
  -1,
  Number.POSITIVE_INFINITY,
  '',
  'nope',
  {},
  [],
  [null],
  { components: null },
  { components: [{}] },
  { components: [{ foodId: '09003', minG: 'x', maxG: 1 }] },
  { foodId: 42 },
  { diet: 'vegan', allergens: 'soy' },
];

const milk = dishes.getDish('side-glass-milk');
const VALID: Record<string, () => unknown[]> = {
  getDish: () => ['side-glass-milk'],
  dishesFor: () => [{ diet: 'vegan', mealType: 'breakfast' }],
  dishTags: () => [milk],
  dishNutrients: () => [milk, { '01079': 244 }],
  defaultGrams: () => [milk.components[0]],
  defaultServing: () => [milk],
  componentMeasure: () => [milk.components[0]],
};
const PREDICATES = new Set(['hasDish']);

function finite(v: unknown, seen = new Set<unknown>()): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null || seen.has(v)) return true;
  seen.add(v);
  return Object.values(v).every((x) => finite(x, seen));
}

const fns = Object.entries(dishes).filter(
  ([, v]) => typeof v === 'function' && !('parse' in (v as object)),
) as [string, (...a: unknown[]) => unknown][];

describe('dishes subpath: junk in, finite out or NexFitraError', () => {
  it('has a valid call for every exported function', () => {
    expect(fns.map(([n]) => n).filter((n) => !VALID[n] && !PREDICATES.has(n))).toEqual([]);
  });
  for (const [name, f] of fns) {
    it(name, () => {
      if (PREDICATES.has(name)) {
        for (const j of JUNK) expect(typeof f(j)).toBe('boolean');
        return;
      }
      const valid = VALID[name]!();
      expect(finite(f(...valid))).toBe(true);
      for (let i = 0; i < Math.max(valid.length, 1); i++) {
        for (const j of JUNK) {
          const args = [...valid];
          args[i] = j;
          try {
            expect(finite(f(...args)), `${name} arg ${i} = ${JSON.stringify(j)}`).toBe(true);
          } catch (e) {
            expect(isNexFitraError(e), `${name} arg ${i} = ${JSON.stringify(j)}: ${String(e)}`).toBe(true);
            if (isNexFitraError(e)) expect(e.fn.length > 0 && e.path.length > 0).toBe(true);
          }
        }
      }
    });
  }
});
