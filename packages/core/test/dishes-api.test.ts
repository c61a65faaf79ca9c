import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  componentMeasure,
  DISHES,
  defaultGrams,
  dishesFor,
  dishNutrients,
  dishTags,
  getDish,
  hasDish,
  KETO_DISH_MAX_NET_CARBS_G,
} from '../src/dishes/index';
import { isNexFitraError } from '../src/errors';
import { FOODS, getFood } from '../src/foods/index';
import { foodConflicts } from '../src/nutrition/foodRules';
import { ALLERGENS, DIET_TYPES, MEAL_TYPES } from '../src/schemas/vocab';

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isNexFitraError(e)) return { code: e.code, fn: e.fn, path: e.path };
    throw e;
  }
  throw new Error('did not throw');
};

describe('dishTags: derived from the component foods (expected values read by hand from each food tag in catalogue.generated.ts)', () => {
  it('a cheese omelette with toast is vegetarian, not vegan, and carries eggs and milk (omelet: eggs+milk; cheddar: milk; bread: gluten, wheat, soy)', () => {
    const t = dishTags(getDish('cheese-omelette'));
    expect(t.diets).toEqual(['omnivore', 'pescatarian', 'vegetarian']);
    expect(t.allergens).toEqual(['gluten', 'wheat', 'eggs', 'soy', 'milk']);
  });
  it('a tofu stir-fry with soy sauce is vegan and carries soy, wheat and gluten (soy sauce: gluten, wheat, soy; sesame oil: sesame)', () => {
    const t = dishTags(getDish('tofu-vegetable-stir-fry-rice'));
    expect(t.diets).toEqual(['omnivore', 'pescatarian', 'vegetarian', 'vegan']);
    expect(t.allergens).toEqual(['gluten', 'wheat', 'soy', 'sesame']);
  });
  it('a dish with wheat bread carries gluten and wheat; peanut butter toast is vegan', () => {
    const t = dishTags(getDish('peanut-butter-toast-soy-milk'));
    expect(t.allergens).toEqual(expect.arrayContaining(['gluten', 'wheat', 'peanuts', 'soy']));
    expect(t.diets).toContain('vegan');
  });
  it('a meat dish is omnivore only; a fish dish adds pescatarian', () => {
    expect(dishTags(getDish('spaghetti-bolognese')).diets).toEqual(['omnivore']);
    expect(dishTags(getDish('salmon-potatoes-green-beans')).diets).toEqual(['omnivore', 'pescatarian']);
  });
  it('keto needs every food keto-tagged AND net carbs ≤ the cap at default grams', () => {
    // Steak, asparagus, butter, salt, chives: all keto-tagged; net carbs by hand ≈ 2.5 g.
    expect(dishTags(getDish('steak-asparagus-butter')).diets).toContain('keto');
    // Black pepper (optional) is not keto-tagged (net 39 g/100 g), so bacon and eggs as written is not keto...
    expect(dishTags(getDish('bacon-eggs')).diets).not.toContain('keto');
    // ...but dishesFor serves it to a keto eater without the pepper.
    const served = dishesFor({ diet: 'keto', mealType: 'breakfast' }).find((d) => d.id === 'bacon-eggs');
    expect(served?.components.map((c) => c.foodId)).toEqual(['01128', '10862', '11529']);
    expect(KETO_DISH_MAX_NET_CARBS_G).toBe(12);
  });
  it('a keto-tagged food list over the net-carb cap is not keto (custom food source)', () => {
    const d = getDish('steak-asparagus-butter');
    const asparagus = getFood('11012');
    const sweet = { ...asparagus, per100g: { ...asparagus.per100g, carbs: 30, fiber: 0 } };
    const foods = FOODS.map((f) => (f.id === '11012' ? sweet : f));
    // 140 g × 30 g/100 g = 42 g net carbs > 12 g.
    expect(dishTags(d, foods).diets).not.toContain('keto');
  });
});

describe('dishNutrients', () => {
  it('a glass of 2 % milk at 244 g is 122 kcal (SR24 01079: 50 kcal and 3.3 g protein per 100 g; hand calculation)', () => {
    const n = dishNutrients(getDish('side-glass-milk'), { '01079': 244 });
    expect(n.kcal).toBeCloseTo(122, 6);
    expect(n.protein).toBeCloseTo(8.052, 6);
  });
  it('a side salad at default grams is 103.45 kcal (hand sum of SR24 per-100 g values: romaine 80 g × 17, tomato 75 g × 18, cucumber 60 g × 15, vinaigrette 15 g × 449)', () => {
    // 13.6 + 13.5 + 9 + 67.35 = 103.45 kcal; fat 0.24 + 0.15 + 0.066 + 7.515 = 7.971 g.
    const n = dishNutrients(getDish('side-green-salad'));
    expect(n.kcal).toBeCloseTo(103.45, 6);
    expect(n.fat).toBeCloseTo(7.971, 6);
  });
  it('counts the salt: 1 g of salt adds 387.58 mg sodium (SR24 02047: 38,758 mg per 100 g)', () => {
    const d = getDish('chicken-rice-broccoli');
    const without = dishNutrients(d, { '02047': 0 }).micronutrients?.['sodium_mg'] ?? Number.NaN;
    const withSalt = dishNutrients(d, { '02047': 1 }).micronutrients?.['sodium_mg'] ?? Number.NaN;
    expect(withSalt - without).toBeCloseTo(387.58, 6);
  });
  it('defaults every component to the middle of its range (0.1 g steps under 10 g)', () => {
    expect(defaultGrams({ foodId: '05064', role: 'protein', minG: 120, maxG: 200 })).toBe(160);
    expect(defaultGrams({ foodId: '02030', role: 'seasoning', minG: 0.2, maxG: 0.5 })).toBe(0.4);
  });
  it('names the bad field: a food not in the dish, negative grams', () => {
    const d = getDish('side-glass-milk');
    expect(err(() => dishNutrients(d, { '09003': 100 }))).toMatchObject({
      code: 'INVALID_ENUM',
      path: ['grams', '09003'],
    });
    expect(err(() => dishNutrients(d, { '01079': -1 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: ['grams', '01079'],
    });
  });
  it('componentMeasure gives the named household measure, else the food’s first', () => {
    const toast = getDish('scrambled-eggs-toast').components.find((c) => c.foodId === '18075')!;
    expect(componentMeasure(toast)).toEqual({ label: '1 slice', grams: 28 });
    expect(componentMeasure({ foodId: '09003', role: 'fruit', minG: 100, maxG: 200 })).toEqual(
      getFood('09003').servings[0],
    );
  });
});

describe('getDish / hasDish', () => {
  it('finds every dish by id and refuses unknown ids with a typed error', () => {
    for (const d of DISHES) expect(getDish(d.id)).toBe(d);
    expect(hasDish('no-such-dish')).toBe(false);
    expect(err(() => getDish('no-such-dish'))).toMatchObject({
      code: 'INVALID_ENUM',
      fn: 'getDish',
      path: ['id'],
    });
    expect(err(() => getDish(7 as unknown as string))).toMatchObject({ code: 'INVALID_TYPE' });
  });
  it('is frozen', () => {
    expect(Object.isFrozen(DISHES)).toBe(true);
    expect(Object.isFrozen(DISHES[0]!.components[0])).toBe(true);
  });
});

describe('dishesFor', () => {
  const prefs = fc.record({
    diet: fc.constantFrom(...DIET_TYPES),
    allergens: fc.subarray([...ALLERGENS]),
    dislikedFoodIds: fc.subarray(
      FOODS.map((f) => f.id),
      { maxLength: 25 },
    ),
    mealType: fc.option(fc.constantFrom(...MEAL_TYPES), { nil: undefined }),
  });
  it('never returns a dish with a food that breaks the diet, an allergen or a dislike (property, core foodConflicts as the oracle)', () => {
    fc.assert(
      fc.property(prefs, (p) => {
        const filter = {
          diet: p.diet,
          allergens: p.allergens,
          dislikedFoodIds: p.dislikedFoodIds,
          ...(p.mealType === undefined ? {} : { mealType: p.mealType }),
        };
        for (const d of dishesFor(filter)) {
          if (p.mealType !== undefined && !d.mealTypes.includes(p.mealType)) return false;
          for (const c of d.components) {
            const k = foodConflicts(getFood(c.foodId), {
              diet: p.diet,
              allergens: p.allergens,
              dislikedFoodIds: p.dislikedFoodIds,
            });
            if (k.allergens.length > 0 || k.diet || k.disliked) return false;
          }
          if (!dishTags(d).diets.includes(p.diet)) return false;
          // Only optional components are ever trimmed.
          const full = getDish(d.id);
          if (full.components.some((c) => !c.optional && !d.components.includes(c))) return false;
        }
        return true;
      }),
      { numRuns: 60, seed: 8 },
    );
  });
  it('returns the whole catalogue for an omnivore with no rules, and sides only when asked', () => {
    expect(dishesFor({ diet: 'omnivore' }).length).toBe(DISHES.length);
    expect(dishesFor({ diet: 'omnivore', side: true }).every((d) => d.side)).toBe(true);
    expect(dishesFor({ diet: 'omnivore', side: false }).some((d) => d.side)).toBe(false);
  });
  it('treats a gluten avoider as a wheat avoider too (core avoidedAllergens)', () => {
    const ids = dishesFor({ diet: 'omnivore', allergens: ['gluten'] }).flatMap((d) =>
      d.components.map((c) => c.foodId),
    );
    expect(ids.some((id) => getFood(id).tags.allergens.includes('wheat'))).toBe(false);
  });
  it('names the bad field', () => {
    expect(err(() => dishesFor({ diet: 'paleo' as 'vegan' }))).toMatchObject({
      code: 'INVALID_ENUM',
      path: ['filter', 'diet'],
    });
    expect(err(() => dishesFor({ diet: 'vegan', allergens: ['nuts' as 'peanuts'] }))).toMatchObject({
      code: 'INVALID_ENUM',
      path: ['filter', 'allergens', 0],
    });
    expect(err(() => dishesFor({ diet: 'vegan', mealType: 'brunch' as 'lunch' }))).toMatchObject({
      path: ['filter', 'mealType'],
    });
  });
});
