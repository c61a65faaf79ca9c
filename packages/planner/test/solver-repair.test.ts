import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareObjective, objective } from '../src/solver/_model';
import { normalizeProblem } from '../src/solver/_normalize';
import { roundAndRepair } from '../src/solver/_repair';
import type { PortionItem } from '../src/solver/types';

/*
 * The local search's contract, checked against an independent expectation: `objective` of
 * `../src/solver/_model` re-evaluates a plan from scratch (every band, the floor, fibre,
 * sodium and the portion pull summed anew), while the search prices moves incrementally from
 * running totals. A repaired plan must lie in every item's domain, be no worse than the plain
 * rounding it started from, and be a local optimum: no single-item step and no step of two
 * different items improves the re-evaluated objective.
 */
const itemArb = fc.record({
  kcal: fc.integer({ min: 0, max: 900 }),
  proteinG: fc.integer({ min: 0, max: 80 }),
  fatG: fc.integer({ min: 0, max: 90 }),
  carbsG: fc.integer({ min: 0, max: 80 }),
  fiberG: fc.integer({ min: 0, max: 15 }),
  sodiumMg: fc.integer({ min: 0, max: 2000 }),
  stepG: fc.constantFrom(1, 5, 10),
  loSteps: fc.integer({ min: 0, max: 4 }),
  span: fc.integer({ min: 1, max: 20 }),
  optional: fc.boolean(),
  x: fc.double({ min: -2, max: 30, noNaN: true }),
  meal: fc.integer({ min: 0, max: 3 }),
});
const problemArb = fc.record({
  items: fc.array(itemArb, { minLength: 2, maxLength: 14 }),
  kcal: fc.integer({ min: 800, max: 4000 }),
  proteinG: fc.integer({ min: 20, max: 250 }),
  fatG: fc.integer({ min: 10, max: 200 }),
  carbsG: fc.integer({ min: 0, max: 400 }),
  fiberMinG: fc.integer({ min: 0, max: 40 }),
  sodium: fc.boolean(),
  meals: fc.boolean(),
  kcalMin: fc.boolean(),
});

type Draw = typeof problemArb extends fc.Arbitrary<infer T> ? T : never;

function build(d: Draw) {
  const items: PortionItem[] = d.items.map((it, i) => ({
    id: `f${i}`,
    per100g: {
      kcal: it.kcal,
      proteinG: it.proteinG,
      fatG: it.fatG,
      carbsG: it.carbsG,
      fiberG: it.fiberG,
      sodiumMg: it.sodiumMg,
    },
    minG: it.loSteps * it.stepG,
    maxG: (it.loSteps + it.span) * it.stepG,
    stepG: it.stepG,
    optional: it.optional,
  }));
  const meals = [0, 1, 2, 3]
    .map((m) => ({ id: `m${m}`, itemIds: items.filter((_, i) => d.items[i]!.meal === m).map((x) => x.id) }))
    .filter((m) => m.itemIds.length > 0);
  const p = normalizeProblem({
    items,
    targets: {
      kcal: d.kcal,
      proteinG: d.proteinG,
      fatG: d.fatG,
      carbsG: d.carbsG,
      fiberMinG: d.fiberMinG,
      ...(d.sodium ? { sodiumMaxMg: 2300 } : {}),
      ...(d.kcalMin ? { kcalMin: Math.round(d.kcal * 0.9) } : {}),
    },
    ...(d.meals && meals.length > 1
      ? { meals: meals.map((m) => ({ ...m, kcalShare: 1 / meals.length, kcalShareTolerance: 0.05 })) }
      : {}),
  });
  return { p, x: d.items.map((it) => it.x) };
}

/** Every value of the item's domain one step away from v: {0} ∪ [lo, hi] when optional. */
function neighbours(v: number, lo: number, hi: number, optional: boolean): number[] {
  const out: number[] = [];
  if (optional && v === 0) out.push(lo);
  else if (v + 1 <= hi) out.push(v + 1);
  if (optional && v === lo) out.push(0);
  else if (v - 1 >= lo) out.push(v - 1);
  return out;
}

/** Slack for comparing sums evaluated in different orders. */
const TOL = 1e-7;
const improves = (a: readonly [number, number], b: readonly [number, number]) =>
  a[0] < b[0] - TOL || (Math.abs(a[0] - b[0]) <= TOL && a[1] < b[1] - TOL);

describe('roundAndRepair (local search)', () => {
  it('returns whole steps in each domain, no worse than plain rounding, with no improving single or pair move', () => {
    fc.assert(
      fc.property(problemArb, (d) => {
        const { p, x } = build(d);
        const n = roundAndRepair(p, x);
        p.items.forEach((it, i) => {
          const v = n[i]!;
          expect(Number.isInteger(v)).toBe(true);
          expect((it.optional && v === 0) || (v >= it.lo && v <= it.hi)).toBe(true);
        });
        const rounded = p.items.map((it, i) => {
          const xi = x[i]!;
          if (it.optional && xi < it.lo / 2) return 0;
          return Math.min(it.hi, Math.max(it.lo, Math.round(xi)));
        });
        const here = objective(p, n);
        expect(improves(objective(p, rounded), here)).toBe(false);
        const I = p.items.length;
        const moves = p.items.map((it, i) => neighbours(n[i]!, it.lo, it.hi, it.optional));
        for (let i = 0; i < I; i++) {
          for (const vi of moves[i]!) {
            const one = n.slice();
            one[i] = vi;
            expect(improves(objective(p, one), here), `single move ${i} → ${vi}`).toBe(false);
            for (let j = i + 1; j < I; j++) {
              for (const vj of moves[j]!) {
                const two = one.slice();
                two[j] = vj;
                expect(improves(objective(p, two), here), `pair ${i} → ${vi}, ${j} → ${vj}`).toBe(false);
              }
            }
          }
        }
        expect(compareObjective(here, here)).toBe(0);
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
