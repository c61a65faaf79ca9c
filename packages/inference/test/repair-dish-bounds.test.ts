/**
 * The repair keeps a dish's components near the dish's authored serving (datasets/dishes/dishes.txt):
 * half the minimum (¾ for a protein food) to 1.5× the maximum, seasonings, sauces and drinks at
 * most their authored maximum, always inside the food's catalogue portion. Expected ranges are
 * computed by hand from the authored lines quoted in each case and the catalogue portions.
 */
import { isFoodAllowed, type MealDayT, type TargetsSummaryT } from '@nexfitra/core';
import { FOODS, getFood } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { foodsById } from '../src/plan/_catalogues';
import { componentBounds, mealItemBounds } from '../src/plan/_dayProblem';
import { repairMealDay } from '../src/plan/repairMeals';

describe('componentBounds', () => {
  it('scales each role of the authored serving as documented, on the language gram grid', () => {
    // silken-tofu-mango-smoothie: "beverage 16120 150-250 Soy milk" (catalogue 100–750 g):
    // ½ × 150 = 75 raised to the catalogue's 100; a drink keeps its authored top, 250.
    expect(componentBounds('silken-tofu-mango-smoothie', getFood('16120'))).toEqual({
      minG: 100,
      maxG: 250,
      stepG: 5,
    });
    // "protein 16127 100-150 Tofu, soft" (catalogue 50–300 g): ¾ × 100 = 75, 1.5 × 150 = 225.
    expect(componentBounds('silken-tofu-mango-smoothie', getFood('16127'))).toEqual({
      minG: 75,
      maxG: 225,
      stepG: 5,
    });
    // burrito-bowl-black-beans: "starch 20037 150-220 Brown rice" (catalogue 75–400 g): 75–330.
    expect(componentBounds('burrito-bowl-black-beans', getFood('20037'))).toEqual({
      minG: 75,
      maxG: 330,
      stepG: 5,
    });
    // "seasoning 09160 5-10 Lime juice" (catalogue 5–60 g): whole grams, 5–10.
    expect(componentBounds('burrito-bowl-black-beans', getFood('09160'))).toEqual({
      minG: 5,
      maxG: 10,
      stepG: 1,
    });
    // "dairy? 01009 15-30 Cheddar" (catalogue 15–120 g): 7.5 raised to 15, 45.
    expect(componentBounds('burrito-bowl-black-beans', getFood('01009'))).toEqual({
      minG: 15,
      maxG: 45,
      stepG: 5,
    });
    // Tofu is not a component of that bowl: the catalogue portion applies (undefined here).
    expect(componentBounds('burrito-bowl-black-beans', getFood('16127'))).toBeUndefined();
    expect(componentBounds('no-such-dish', getFood('01009'))).toBeUndefined();
  });

  it('keeps a side at its authored range: its name states the amount', () => {
    // "side-avocado | Half an avocado": "fat 09037 55-100 Avocado" (catalogue 50–300 g): 55 on
    // the 5 g grid, 100 — not the 150 g a main dish's component may stretch to.
    expect(componentBounds('side-avocado', getFood('09037'))).toEqual({ minG: 55, maxG: 100, stepG: 5 });
    // "A slice or two of whole-wheat bread": "starch 18075 28-70" → 30–70 g on the 5 g grid.
    expect(componentBounds('side-whole-wheat-bread', getFood('18075'))).toEqual({
      minG: 30,
      maxG: 70,
      stepG: 5,
    });
  });
});

describe('repairMealDay keeps dishes recognisable', () => {
  it('a smoothie of 700 g soy milk and a burrito bowl of 50 g beans and 400 g rice come back inside their dish ranges', async () => {
    // The shapes the default model proposed and the repair used to keep (a "smoothie" that was a
    // pitcher of soy milk, a bean bowl that was a plate of rice).
    const day: MealDayT = {
      meals: [
        {
          type: 'breakfast',
          items: [
            { foodId: '16127', grams: 50, dishId: 'silken-tofu-mango-smoothie' },
            { foodId: '16120', grams: 700, dishId: 'silken-tofu-mango-smoothie' },
            { foodId: '09176', grams: 50, dishId: 'silken-tofu-mango-smoothie' },
          ],
        },
        {
          type: 'lunch',
          items: [
            { foodId: '16015', grams: 50, dishId: 'burrito-bowl-black-beans' },
            { foodId: '20037', grams: 400, dishId: 'burrito-bowl-black-beans' },
            { foodId: '11821', grams: 180, dishId: 'burrito-bowl-black-beans' },
            { foodId: '09037', grams: 50, dishId: 'burrito-bowl-black-beans' },
          ],
        },
        {
          type: 'dinner',
          items: [
            { foodId: '05064', grams: 150 },
            { foodId: '11090', grams: 150 },
            { foodId: '20045', grams: 200 },
          ],
        },
      ],
    };
    const targets: TargetsSummaryT = { kcal: 2000, proteinG: 100, fatG: 60, carbsG: 260, fiberG: 28 };
    const prefs = {
      diet: 'omnivore',
      allergens: [],
      dislikedFoodIds: [],
      cuisines: [],
      mealsPerDay: 3,
    } as const;
    const r = await repairMealDay({
      day,
      dayIndex: 0,
      targets,
      sex: 'male',
      foodsById: foodsById(),
      allowed: FOODS.filter((f) => isFoodAllowed(f, prefs as never)),
      seed: 1,
      timeLimitMs: 0,
    });
    const grams = (meal: number, foodId: string) =>
      r.mealDay.meals[meal]!.items.find((i) => i.foodId === foodId)?.grams;
    // By hand from the authored lines: soy milk 100–250, tofu 75–225, beans 90–270
    // ("protein 16015 120-180"), rice 75–330, red pepper 30–150 ("vegetable 11821 50-100").
    expect(grams(0, '16120')).toBeLessThanOrEqual(250);
    expect(grams(0, '16127')).toBeGreaterThanOrEqual(75);
    expect(grams(1, '16015')).toBeGreaterThanOrEqual(90);
    expect(grams(1, '20037')).toBeLessThanOrEqual(330);
    expect(grams(1, '11821')).toBeLessThanOrEqual(150);
    expect(r.inBand).toBe(true);
  });
});

describe('mealItemBounds', () => {
  it("caps a meal's added fats at 30 g together and a condiment at 30 g, within the house range", () => {
    // Loose olive oil (SR24 04053, catalogue 5–50 g in 5 g steps, household serving 1 tablespoon
    // 13.5 g): the house range ¼–3 × 13.5 = 3.4–40.5 g, on the 5 g grid 5–40; butter (01001,
    // 1 tbsp 14.2 g) the same 5–40. Two added fats in one meal share the rule planner's 30 g: 15
    // each. Alone, the oil may take the whole 30. Soy sauce (16123, a condiment: no lower house
    // bound; 1 tbsp 16 g, 3 × 16 = 48 → 45 on the grid) is capped at 30 g.
    const [oil, butter, soy] = ['04053', '01001', '16123'].map((id) => ({ food: getFood(id) }));
    expect(mealItemBounds([oil!, butter!, soy!])).toEqual([
      { minG: 5, maxG: 15, stepG: 5 },
      { minG: 5, maxG: 15, stepG: 5 },
      { minG: 5, maxG: 30, stepG: 5 },
    ]);
    expect(mealItemBounds([oil!])).toEqual([{ minG: 5, maxG: 30, stepG: 5 }]);
  });

  it('gives a breakfast its protein food: the item that becomes one at the smallest share of its top', () => {
    // Soft tofu (16127: 6.55 g protein, 61 kcal /100 g) is a protein food from ⌈600 / 6.55⌉ = 92 g,
    // 95 on the 5 g grid; soy milk (16120: 3.27 g, 54 kcal) from ⌈600 / 3.27⌉ = 184 g, 185 (24 %
    // of its energy from protein). Loose, their house ranges are 50–300 g (tofu: 1 piece 120 g,
    // catalogue 50–300) and 100–725 g (1 cup 243 g, catalogue 100–750): soy milk needs 185 / 725
    // = 26 % of its top, tofu 95 / 300 = 32 %, so soy milk's minimum becomes 185. In the smoothie
    // dish (tofu 75–225, soy milk 100–250 above) tofu needs 42 % and soy milk 74 %: tofu, 95. A
    // lunch is left as it is, and so is a breakfast that has a protein food at its smallest.
    const [tofu, soy, mango] = ['16127', '16120', '09176'].map((id) => ({ food: getFood(id) }));
    expect(mealItemBounds([tofu!, soy!, mango!], true)).toEqual([
      { minG: 50, maxG: 300, stepG: 5 },
      { minG: 185, maxG: 725, stepG: 5 },
      { minG: 50, maxG: 300, stepG: 5 },
    ]);
    expect(mealItemBounds([tofu!, soy!, mango!])[1]).toEqual({ minG: 100, maxG: 725, stepG: 5 });
    const dish = 'silken-tofu-mango-smoothie';
    expect(
      mealItemBounds(
        [
          { ...tofu!, dishId: dish },
          { ...soy!, dishId: dish },
        ],
        true,
      ),
    ).toEqual([
      { minG: 95, maxG: 225, stepG: 5 },
      { minG: 100, maxG: 250, stepG: 5 },
    ]);
    const egg = { food: getFood('01123') };
    const withEgg = mealItemBounds([egg, soy!], true);
    expect(withEgg[1]).toEqual({ minG: 100, maxG: 725, stepG: 5 });
  });
});
