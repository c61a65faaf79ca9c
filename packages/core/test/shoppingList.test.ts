import { describe, expect, it } from 'vitest';
import { FOODS } from '../src/foods/index';
import { formatCount, shoppingList, storeSection } from '../src/nutrition/shoppingList';
import type { MealPlanT } from '../src/schemas/meal';

/*
 * A hand-built two-day plan from the catalogue. Hand-summed totals:
 *   brown rice 20037: 195 + 195 + 97.5 = 487.5 g; its measure "1 cup" 195 g → 2.5 cups → "2½"
 *   chicken breast 05064: 150 + 120 = 270 g; "1 cup, chopped or diced" 140 g → 1.93 → 2 (¼ steps)
 *   banana 09040: 120 g; of its measures within 50–300 g the nearest to √(50·300) ≈ 122 g is
 *     "1 small" 101 g (ln 122.5/101 = 0.19 < ln 150/122.5 = 0.20) → 1.19 → 1¼
 *   olive oil 04053: 10 + 10 = 20 g; "1 tablespoon" 13.5 g → 1.48 → 1½
 *   salt 02047: 1 + 1 = 2 g; "1 tsp" 6 g → 0.33 → ¼
 *   whole milk 01077: 244 g → "1 cup" 244 g → 1
 */
const plan: MealPlanT = {
  schemaVersion: '1.0.0',
  days: [
    {
      meals: [
        {
          type: 'breakfast',
          items: [
            { foodId: '09040', grams: 120 },
            { foodId: '01077', grams: 244 },
          ],
        },
        {
          type: 'lunch',
          items: [
            { foodId: '05064', grams: 150, dishId: 'chicken-rice-broccoli' },
            { foodId: '20037', grams: 195, dishId: 'chicken-rice-broccoli' },
            { foodId: '04053', grams: 10, dishId: 'chicken-rice-broccoli' },
            { foodId: '02047', grams: 1, dishId: 'chicken-rice-broccoli' },
          ],
        },
      ],
    },
    {
      meals: [
        { type: 'lunch', items: [{ foodId: '20037', grams: 195, dishId: 'red-lentil-dal-rice' }] },
        {
          type: 'dinner',
          items: [
            { foodId: '05064', grams: 120, dishId: 'chicken-rice-broccoli' },
            { foodId: '20037', grams: 97.5, dishId: 'chicken-rice-broccoli' },
            { foodId: '04053', grams: 10, dishId: 'chicken-rice-broccoli' },
            { foodId: '02047', grams: 1, dishId: 'chicken-rice-broccoli' },
          ],
        },
      ],
    },
  ],
};

describe('shoppingList', () => {
  const list = shoppingList(plan, FOODS);
  const item = (id: string) => list.sections.flatMap((s) => s.items).find((x) => x.foodId === id)!;

  it('totals each food over the plan, as summed by hand', () => {
    expect(list.itemCount).toBe(6);
    expect(item('20037')).toMatchObject({
      grams: 487.5,
      count: 2.5,
      serving: { label: '1 cup', grams: 195 },
    });
    expect(item('20037').text).toBe('2½ × 1 cup Brown rice, cooked (487.5 g)');
    // Chicken breast is counted in SR24's "0.5 breast" (86 g): 270 / 86 = 3.14 → 3¼ to the quarter.
    expect(item('05064')).toMatchObject({
      grams: 270,
      count: 3.25,
      serving: { label: '0.5 breast, bone and skin removed', grams: 86 },
    });
    expect(item('09040')).toMatchObject({ grams: 120, count: 1.25 });
    expect(item('04053')).toMatchObject({ grams: 20, count: 1.5 });
    expect(item('02047')).toMatchObject({ grams: 2, count: 0.25 });
    expect(item('01077')).toMatchObject({ grams: 244, count: 1 });
  });

  it('lists the dishes each food is for, in plan order', () => {
    expect(item('20037').dishIds).toEqual(['chicken-rice-broccoli', 'red-lentil-dal-rice']);
    expect(item('09040').dishIds).toEqual([]);
  });

  it('groups by store section in walking order', () => {
    expect(list.sections.map((s) => s.section)).toEqual([
      'produce',
      'meat & fish',
      'dairy, eggs & chilled',
      'pantry',
      'spices & condiments',
    ]);
    expect(list.sections[0]!.items.map((x) => x.foodId)).toEqual(['09040']);
    const food = (id: string) => FOODS.find((f) => f.id === id)!;
    expect(storeSection(food('16126'))).toBe('dairy, eggs & chilled'); // tofu is sold chilled
    expect(storeSection(food('18075'))).toBe('bakery');
  });

  it('formats counts with fractions', () => {
    expect([0.25, 0.5, 0.75, 1, 2.5, 3.75, 12].map(formatCount)).toEqual([
      '¼',
      '½',
      '¾',
      '1',
      '2½',
      '3¾',
      '12',
    ]);
  });

  it('rejects an unknown food with a typed error naming the item', () => {
    const bad = structuredClone(plan);
    bad.days[0]!.meals[0]!.items[0]!.foodId = '99999';
    expect(() => shoppingList(bad, FOODS)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ENUM',
        path: ['mealPlan', 'days', 0, 'meals', 0, 'items', 0, 'foodId'],
      }),
    );
  });
});
