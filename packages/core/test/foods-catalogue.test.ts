import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import {
  FOODS,
  Food,
  filterFoods,
  foodPortion,
  foodsForDiet,
  getFood,
  hasFood,
  mealFromFoods,
} from '../src/foods/index';
import { ALLERGENS, DIET_TYPES, MEAL_TYPES } from '../src/schemas/vocab';

describe('curated catalogue', () => {
  it('has a few hundred foods with unique ids, each valid against the Food schema', () => {
    expect(FOODS.length).toBeGreaterThanOrEqual(300);
    expect(FOODS.length).toBeLessThanOrEqual(450);
    expect(new Set(FOODS.map((f) => f.id)).size).toBe(FOODS.length);
    for (const f of FOODS) expect(Food.safeParse(f).success, f.id).toBe(true);
  });
  it('uses only the shared vocabularies, and wheat always implies gluten', () => {
    for (const f of FOODS) {
      for (const d of f.tags.diets) expect(DIET_TYPES).toContain(d);
      for (const a of f.tags.allergens) expect(ALLERGENS).toContain(a);
      for (const m of f.tags.mealTypes) expect(MEAL_TYPES).toContain(m);
      if (f.tags.allergens.includes('wheat')) expect(f.tags.allergens).toContain('gluten');
      expect(f.tags.diets).toContain('omnivore');
    }
  });
  it('covers every meal type, every diet and every allergen tag', () => {
    for (const m of MEAL_TYPES) expect(filterFoods({ mealType: m }).length, m).toBeGreaterThan(20);
    for (const d of DIET_TYPES) expect(foodsForDiet(d).length, d).toBeGreaterThan(20);
    for (const a of ALLERGENS)
      expect(
        FOODS.some((f) => f.tags.allergens.includes(a)),
        a,
      ).toBe(true);
  });
  it('diet tags nest: vegan ⊂ vegetarian ⊂ pescatarian', () => {
    for (const f of FOODS) {
      if (f.tags.diets.includes('vegan')) expect(f.tags.diets).toContain('vegetarian');
      if (f.tags.diets.includes('vegetarian')) expect(f.tags.diets).toContain('pescatarian');
    }
  });
  it('holds the USDA values for an apple (09003.xml: 52 kcal, 0.26 g protein per 100 g)', () => {
    const apple = getFood('09003');
    expect(apple.name).toBe('Apple');
    expect(apple.per100g).toMatchObject({
      kcal: 52,
      protein: 0.26,
      fat: 0.17,
      carbs: 13.81,
      fiber: 2.4,
      sugars: 10.39,
    });
  });
});

describe('lookups and filters', () => {
  it('getFood throws INVALID_ENUM for an unknown id and INVALID_TYPE for a non-string', () => {
    expect(() => getFood('99999')).toThrow(
      expect.objectContaining({ code: 'INVALID_ENUM', fn: 'getFood', value: '99999' }),
    );
    expect(() => getFood(42 as unknown as string)).toThrow(NexFitraError);
    expect(hasFood('09003')).toBe(true);
    expect(hasFood('99999')).toBe(false);
  });
  it('filters by diet, allergen and meal together', () => {
    const r = filterFoods({ diet: 'vegan', excludeAllergens: ['soy', 'gluten'], mealType: 'breakfast' });
    expect(r.length).toBeGreaterThan(0);
    for (const f of r) {
      expect(f.tags.diets).toContain('vegan');
      expect(f.tags.mealTypes).toContain('breakfast');
      expect(f.tags.allergens).not.toContain('soy');
      expect(f.tags.allergens).not.toContain('gluten');
    }
  });
  it('rejects unknown filter values naming the field', () => {
    expect(() => filterFoods({ diet: 'paleo' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ENUM', path: ['diet'] }),
    );
    expect(() => filterFoods({ excludeAllergens: ['milk', 'nuts' as never] })).toThrow(
      expect.objectContaining({ path: ['excludeAllergens', 1] }),
    );
  });
});

describe('nutrients of catalogue foods', () => {
  it('foodPortion: 200 g cooked white rice (20045.xml: 130 kcal, 28.17 g carbs per 100 g)', () => {
    const p = foodPortion('20045', 200);
    expect(p.kcal).toBeCloseTo(260, 10); // 130 × 2
    expect(p.carbs).toBeCloseTo(56.34, 10); // 28.17 × 2
  });
  it('mealFromFoods: 150 g firm tofu + 32 g peanut butter (16126.xml, 16398.xml)', () => {
    const m = mealFromFoods([
      { id: '16126', grams: 150 },
      { id: '16398', grams: 32 },
    ]);
    // kcal 70 × 1.5 + 588 × 0.32 = 105 + 188.16 = 293.16
    // protein 8.19 × 1.5 + 25.09 × 0.32 = 12.285 + 8.0288 = 20.3138
    expect(m.kcal).toBeCloseTo(293.16, 10);
    expect(m.protein).toBeCloseTo(20.3138, 10);
  });
  it('names the item of an unknown id or a negative amount', () => {
    expect(() =>
      mealFromFoods([
        { id: '09003', grams: 10 },
        { id: 'nope', grams: 10 },
      ]),
    ).toThrow(
      expect.objectContaining({ code: 'INVALID_ENUM', fn: 'mealFromFoods', path: ['items', 1, 'id'] }),
    );
    expect(() => foodPortion('09003', -5)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['grams'] }),
    );
  });
});
