import { describe, expect, it } from 'vitest';
import { solvePortions } from '../src/index';
import { item, OATS, WHEY as PLAIN_WHEY } from './_twoFood';

/*
 * The two-food problem of test/_twoFood.ts (oats + whey; by hand 350 g oats + 150 g whey hit
 * 2,000 kcal, 155 g protein, 25 g fat, 252.5 g carbs exactly), with sodium added and the oats
 * split into an unsalted and a salted item of the same macros.
 */
const WHEY = { ...PLAIN_WHEY, sodiumMg: 100 };
const targets = { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 };
const inBands = (t: { kcal: number; proteinG: number; fatG: number; carbsG: number }) =>
  Math.abs(t.kcal - 2000) <= 60 &&
  Math.abs(t.proteinG - 155) <= 5 &&
  Math.abs(t.fatG - 25) <= 5 &&
  Math.abs(t.carbsG - 252.5) <= 5;

describe('solvePortions: sodium cap', () => {
  it('keeps the salted item under the cap when an unsalted twin can take its place', async () => {
    // Salted oats pulled towards 350 g: uncapped they carry 3,500 mg + whey 150 mg.
    const items = [
      item('oats', OATS, { typicalG: 1 }),
      item('salted', { ...OATS, sodiumMg: 1000 }, { typicalG: 350 }),
      item('whey', WHEY),
    ];
    const free = await solvePortions({ items, targets });
    expect(free.totals.sodiumMg).toBeGreaterThan(2000);
    // Cap 500 mg: whey ≈ 150 g brings ≈ 150 mg, so by hand at most ≈ 35 g salted oats fit.
    const capped = await solvePortions({ items, targets: { ...targets, sodiumMaxMg: 500 } });
    expect(capped.status).toBe('optimal');
    expect(capped.totals.sodiumMg).toBeLessThanOrEqual(500 + 1e-6);
    expect(inBands(capped.totals)).toBe(true);
    expect(capped.misses).toEqual([]);
  });

  it('gives up sodium, never energy or macros, when no in-band plan meets the cap (soft miss)', async () => {
    // Only salted oats: the bands need ≈ 335–365 g of them, i.e. ≥ 3,350 mg by hand.
    const items = [item('salted', { ...OATS, sodiumMg: 1000 }), item('whey', WHEY)];
    const plan = await solvePortions({ items, targets: { ...targets, sodiumMaxMg: 2300 } });
    expect(plan.status).toBe('optimal');
    expect(inBands(plan.totals)).toBe(true);
    const miss = plan.misses.find((m) => m.field === 'sodiumMaxMg');
    expect(miss).toMatchObject({ direction: 'over', hard: false, target: 2300 });
    expect(miss!.value).toBeCloseTo(plan.totals.sodiumMg, 6);
    expect(plan.totals.sodiumMg).toBeGreaterThanOrEqual(3350 + 100);
  });

  it('totals sodium from the grams (hand sum)', async () => {
    const plan = await solvePortions({ items: [item('oats', OATS), item('whey', WHEY)], targets });
    const g = Object.fromEntries(plan.portions.map((p) => [p.id, p.grams]));
    expect(plan.totals.sodiumMg).toBeCloseTo((g.whey! * 100) / 100, 9);
  });
});
