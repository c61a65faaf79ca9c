import { describe, expect, it } from 'vitest';
import { solvePortionsWith } from '../src/index';
import { item, OATS, WHEY as PLAIN_WHEY } from './_twoFood';

/*
 * `solvePortionsWith(…, { hardBands })`: how much of the hard search runs before the soft LP.
 * The two-food problem of test/_twoFood.ts (oats + whey; by hand 350 g oats + 150 g whey hit
 * 2,000 kcal, 155 g protein, 25 g fat, 252.5 g carbs exactly), with sodium as in
 * solver-sodium.test.ts.
 */
const WHEY = { ...PLAIN_WHEY, sodiumMg: 100 };
const targets = { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5, sodiumMaxMg: 2300 };

describe('solvePortionsWith: hardBands', () => {
  it('none: a reachable day lands inside every band from the soft LP alone (350 g oats + 150 g whey by hand)', async () => {
    const items = [item('oats', OATS), item('whey', WHEY)];
    const plan = await solvePortionsWith({ items, targets }, { closest: 'lp', hardBands: 'none' });
    expect(plan.status).toBe('optimal');
    expect(plan.misses).toEqual([]);
    const g = Object.fromEntries(plan.portions.map((p) => [p.id, p.grams]));
    // The bands are ±60 kcal and ±5 g: by hand, oats within a few grams of 350 and whey of 150.
    expect(Math.abs(g.oats! - 350)).toBeLessThanOrEqual(10);
    expect(Math.abs(g.whey! - 150)).toBeLessThanOrEqual(10);
  });

  it('none and capped: an unreachable day gets the same closest plan as the whole search, not claimed proved', async () => {
    // Whey capped at 50 g (40 g protein), oats up to 2 kg: each target alone is reachable within
    // the bounds (protein up to 240 g), but with energy at most 2,060 kcal (515 g of food) protein
    // stays under 40 + 46.5 ≈ 87 g, far from 150 g (by hand): only an LP can tell.
    const items = [item('oats', OATS, { maxG: 2000 }), item('whey', WHEY, { maxG: 50 })];
    const whole = await solvePortionsWith({ items, targets }, { closest: 'lp' });
    expect(whole.status).toBe('infeasible-closest');
    expect(whole.misses.some((m) => m.field === 'proteinG' && m.direction === 'under')).toBe(true);
    // The soft LP is the whole search's last step, so the plan is the same. `none` proves
    // nothing; `capped` proves it with the capped LP's dual ray (the cap is slack here: whey's
    // 50 mg at most, so the ray holds without the cap's row: solver-farkas.test.ts).
    const none = await solvePortionsWith({ items, targets }, { closest: 'lp', hardBands: 'none' });
    expect(none.portions).toEqual(whole.portions);
    expect(none.status).toBe('time-limit');
    const capped = await solvePortionsWith({ items, targets }, { closest: 'lp', hardBands: 'capped' });
    expect(capped.portions).toEqual(whole.portions);
    expect(capped.status).toBe('infeasible-closest');
  });

  it('both (the default) is what solvePortions does', async () => {
    const items = [
      item('oats', OATS),
      item('salted', { ...OATS, sodiumMg: 1000 }, { typicalG: 350 }),
      item('whey', WHEY),
    ];
    const a = await solvePortionsWith(
      { items, targets: { ...targets, sodiumMaxMg: 500 }, timeLimitMs: 0 },
      { closest: 'lp', hardBands: 'both' },
    );
    const b = await solvePortionsWith(
      { items, targets: { ...targets, sodiumMaxMg: 500 }, timeLimitMs: 0 },
      { closest: 'lp' },
    );
    expect(a.portions).toEqual(b.portions);
    // The cap as a constraint (solver-sodium.test.ts: about 35 g of salted oats fit under 500 mg).
    expect(a.totals.sodiumMg).toBeLessThanOrEqual(500 + 1e-6);
  });
});
