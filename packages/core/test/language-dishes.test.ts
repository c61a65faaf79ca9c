import { describe, expect, it } from 'vitest';
import { getDish } from '../src/dishes/index';
import { createGrammar, formatPlan, parsePlan } from '../src/language/index';
import type { MealPlanT } from '../src/schemas/meal';
import { makeRequest } from './fixtures/requests';
import { plan as fixturePlan } from './schemas.fixtures';

/*
 * Dish tokens in the meal section, on a hand-built meal: scrambled eggs on toast (catalogue
 * dish "scrambled-eggs-toast": eggs 01132, whole-wheat bread 18075, …) then a banana served on
 * its own, then a glass of milk side. Expected text written by hand from the format's rules.
 */
const mealPlan: MealPlanT = {
  schemaVersion: '1.0.0',
  days: [
    {
      meals: [
        {
          type: 'breakfast',
          items: [
            { foodId: '01132', grams: 140, dishId: 'scrambled-eggs-toast' },
            { foodId: '18075', grams: 55, dishId: 'scrambled-eggs-toast' },
            { foodId: '09040', grams: 120 },
            { foodId: '01079', grams: 250, dishId: 'side-glass-milk' },
          ],
        },
      ],
    },
  ],
};

describe('plan language: dishes', () => {
  const body = { mealPlan, workoutProgram: structuredClone(fixturePlan.workoutProgram) } as Parameters<
    typeof formatPlan
  >[0] & { mealPlan: MealPlanT };

  it('writes a dish token before each run of its items and <nodish> before dishless items', () => {
    const text = formatPlan(body);
    const meals = text.slice(text.indexOf('<meals>'));
    expect(meals).toBe(
      '<meals> <day> <meal:breakfast> dish:scrambled-eggs-toast food:01132 g:140 food:18075 g:55 <nodish> food:09040 g:120 dish:side-glass-milk food:01079 g:250 </plan>',
    );
    expect(getDish('scrambled-eggs-toast').components.map((c) => c.foodId)).toContain('01132');
  });

  it('round-trips losslessly, dish ids included', () => {
    expect(parsePlan(formatPlan(body))).toEqual(body);
  });

  it('rejects an unknown dish id with a typed error naming the item', () => {
    const bad = structuredClone(body);
    bad.mealPlan.days[0]!.meals[0]!.items[0]!.dishId = 'no-such-dish';
    expect(() => formatPlan(bad)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ENUM',
        path: ['mealPlan', 'days', 0, 'meals', 0, 'items', 0, 'dishId'],
      }),
    );
  });

  it('grammar: after a dish token only its allowed foods; no dish a vegan may not eat', () => {
    const g = createGrammar(makeRequest({ preferences: { diet: 'vegetarian', mealsPerDay: 2 } }), {
      weeks: 1,
    });
    expect(g.dishTokens).toContain('dish:scrambled-eggs-toast');
    const vegan = createGrammar(makeRequest({ preferences: { diet: 'vegan', mealsPerDay: 2 } }), {
      weeks: 1,
    });
    expect(vegan.dishTokens).not.toContain('dish:scrambled-eggs-toast');
    // Walk the workout of a 1-week fixture program is long; start from a meal state instead.
    const s0 = { ...g.start, phase: 'meal' as const, days: 1, meals: 1, items: 0 };
    const s1 = g.advance(s0, 'dish:scrambled-eggs-toast');
    const allowed = g.allowedNext(s1);
    const components = getDish('scrambled-eggs-toast').components.map((c) => `food:${c.foodId}`);
    expect([...allowed].every((t) => components.includes(t))).toBe(true);
    expect(allowed.has('food:01132')).toBe(true);
    const s2 = g.advance(g.advance(s1, 'food:01132'), 'g:140');
    const after = g.allowedNext(s2);
    expect(after.has('<nodish>')).toBe(true);
    expect(after.has('food:09040')).toBe(false); // a banana is not in the dish: <nodish> first
    expect(g.allowedNext(g.advance(s2, '<nodish>')).has('food:09040')).toBe(true);
  });
});
