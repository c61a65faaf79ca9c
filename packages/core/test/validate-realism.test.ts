import { describe, expect, it } from 'vitest';
import { DISHES } from '../src/dishes/index';
import { FOODS } from '../src/foods/index';
import { householdServing, isProteinPortion, isStarchFood } from '../src/nutrition/foodClass';
import type { MealPlanT } from '../src/schemas/meal';
import { byIdLookup } from '../src/validate/lookup';
import { validateMealPlan } from '../src/validate/meal';
import { makeRequest } from './fixtures/requests';

/*
 * A hand-built day from the real catalogue (SR24 values quoted where a figure is checked):
 *   breakfast  rolled oats, dry 60 g · whole milk 244 g (1 cup) · banana 120 g
 *   lunch      chicken breast 150 g · brown rice 195 g (1 cup) · broccoli 91 g · olive oil 10 g · salt 1.5 g
 *   dinner     lentils 198 g (1 cup) · white rice 158 g (1 cup) · broccoli 91 g · olive oil 10 g
 * Protein by hand: oats 60 × 16.89 % = 10.1, milk 244 × 3.15 % = 7.7, banana 1.3, chicken
 * 150 × 31.02 % = 46.5, brown rice 5.0, broccoli 2 × 2.6, lentils 198 × 9.02 % = 17.9, white
 * rice 4.3: ≈ 98 g, so the 20 g main-meal rule applies (lunch ≈ 54 g, dinner ≈ 24.7 g).
 * Sodium: salt 1.5 g × 38,758 mg/100 g = 581 mg, milk 105, chicken 111, the rest < 60: ≈ 860 mg.
 * Every portion lies within ¼–3 × its household serving; one starch per meal; milk with the oats.
 */
const it_ = (foodId: string, grams: number) => ({ foodId, grams });
const BREAKFAST = {
  type: 'breakfast' as const,
  items: [it_('20038', 60), it_('01077', 244), it_('09040', 120)],
};
const LUNCH = {
  type: 'lunch' as const,
  items: [it_('05064', 150), it_('20037', 195), it_('11090', 91), it_('04053', 10), it_('02047', 1.5)],
};
const DINNER = {
  type: 'dinner' as const,
  items: [it_('16070', 198), it_('20045', 158), it_('11090', 91), it_('04053', 10)],
};
const plan = (meals: MealPlanT['days'][number]['meals'], days = 1): MealPlanT => ({
  schemaVersion: '1.0.0',
  days: Array.from({ length: days }, () => ({ meals })),
});
const request = makeRequest({});
const targets = { kcal: 2000, proteinG: 100, fatG: 60, carbsG: 250 };
const REALISM = new Set([
  'PORTION_OUT_OF_RANGE',
  'SODIUM_OVER_LIMIT',
  'TWO_STARCHES',
  'CONDIMENT_AS_STAPLE',
  'CONDIMENT_PORTION_HIGH',
  'FAT_PORTION_HIGH',
  'LOW_PROTEIN_MAIN_MEAL',
  'BREAKFAST_WITHOUT_PROTEIN',
  'DRY_CEREAL_WITHOUT_MILK',
  'TOO_MANY_DISTINCT_FOODS',
]);
const realism = (p: MealPlanT, req = request) =>
  validateMealPlan(p, { ...req, days: p.days.length }, targets, {
    foods: byIdLookup(FOODS),
  }).violations.filter((v) => REALISM.has(v.code));

describe('meal realism checks (soft, with measured values)', () => {
  it('a clean day trips none of them', () => {
    expect(realism(plan([BREAKFAST, LUNCH, DINNER]))).toEqual([]);
  });

  it('PORTION_OUT_OF_RANGE: 600 g brown rice > 3 × 1 cup (195 g) = 585 g', () => {
    const lunch = { ...LUNCH, items: LUNCH.items.map((x) => (x.foodId === '20037' ? it_('20037', 600) : x)) };
    const vs = realism(plan([BREAKFAST, lunch, DINNER]));
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({
      code: 'PORTION_OUT_OF_RANGE',
      severity: 'soft',
      path: ['days', 0, 'meals', 1, 'items', 1, 'grams'],
      measured: 600,
      expected: { min: 48.75, max: 585 },
    });
  });

  it("PORTION_OUT_OF_RANGE: a dish's garnish may be a pinch, given the dish lookup", () => {
    // Scallions (SR24 11291) are a vegetable, not a condiment: their household serving is
    // "1 large" (25 g), so 4 g is under ¼ × 25 = 6.25 g. The congee dish (datasets/dishes:
    // chicken-ginger-congee, "seasoning 11291 6-12 Scallions") uses them as a seasoning: with
    // the context's dish lookup, 4 g of them there is a garnish, not a finding; 4 g loose still is.
    const garnish = { foodId: '11291', grams: 4, dishId: 'chicken-ginger-congee' };
    const lunch = { ...LUNCH, items: [...LUNCH.items, garnish] };
    const day = plan([BREAKFAST, lunch, DINNER]);
    const check = (dishes?: boolean) =>
      validateMealPlan(day, { ...request, days: 1 }, targets, {
        foods: byIdLookup(FOODS),
        ...(dishes ? { dishes: byIdLookup(DISHES) } : {}),
      }).violations.filter((v) => v.code === 'PORTION_OUT_OF_RANGE');
    expect(householdServing(FOODS.find((f) => f.id === '11291')!)).toMatchObject({ grams: 25 });
    expect(check().map((v) => [v.path, v.measured, v.expected])).toEqual([
      [['days', 0, 'meals', 1, 'items', 5, 'grams'], 4, { min: 6.25, max: 75 }],
    ]);
    expect(check(true)).toEqual([]);
    const loose = plan([BREAKFAST, { ...LUNCH, items: [...LUNCH.items, it_('11291', 4)] }, DINNER]);
    expect(
      validateMealPlan(loose, { ...request, days: 1 }, targets, {
        foods: byIdLookup(FOODS),
        dishes: byIdLookup(DISHES),
      }).violations.filter((v) => v.code === 'PORTION_OUT_OF_RANGE'),
    ).toHaveLength(1);
  });

  it('SODIUM_OVER_LIMIT: 6 g salt (1 tsp) adds 6 × 387.58 = 2,325 mg on its own', () => {
    const lunch = { ...LUNCH, items: LUNCH.items.map((x) => (x.foodId === '02047' ? it_('02047', 6) : x)) };
    const vs = realism(plan([BREAKFAST, lunch, DINNER]));
    expect(vs.map((v) => v.code)).toEqual(['SODIUM_OVER_LIMIT']);
    expect(vs[0]!.measured).toBeGreaterThan(2325);
    expect(vs[0]!.expected).toEqual({ max: 2300 });
  });

  it('TWO_STARCHES: two slices of white bread (56 g) with the brown rice', () => {
    const lunch = { ...LUNCH, items: [...LUNCH.items, it_('18069', 56)] };
    const vs = realism(plan([BREAKFAST, lunch, DINNER]));
    expect(vs).toEqual([
      expect.objectContaining({ code: 'TWO_STARCHES', path: ['days', 0, 'meals', 1], measured: 2 }),
    ]);
  });

  it('CONDIMENT_AS_STAPLE and CONDIMENT_PORTION_HIGH: 50 g soy sauce as the heaviest item', () => {
    const dinner = { type: 'dinner' as const, items: [it_('16123', 50), it_('11090', 40), it_('05064', 45)] };
    const codes = realism(plan([BREAKFAST, LUNCH, dinner])).map((v) => v.code);
    expect(codes).toContain('CONDIMENT_AS_STAPLE');
    expect(codes).toContain('CONDIMENT_PORTION_HIGH');
  });

  it('FAT_PORTION_HIGH: 35 g olive oil in one meal (> 30 g; 35 g is within 3 × 1 tbsp)', () => {
    const dinner = {
      ...DINNER,
      items: DINNER.items.map((x) => (x.foodId === '04053' ? it_('04053', 35) : x)),
    };
    const vs = realism(plan([BREAKFAST, LUNCH, dinner]));
    expect(vs).toEqual([
      expect.objectContaining({ code: 'FAT_PORTION_HIGH', path: ['days', 0, 'meals', 2], measured: 35 }),
    ]);
  });

  it('LOW_PROTEIN_MAIN_MEAL: a rice-and-broccoli dinner (4.3 + 2.6 ≈ 6.8 g) on a ≥ 80 g day', () => {
    const lunch = { ...LUNCH, items: LUNCH.items.map((x) => (x.foodId === '05064' ? it_('05064', 250) : x)) };
    const dinner = { ...DINNER, items: DINNER.items.filter((x) => x.foodId !== '16070') };
    const vs = realism(plan([BREAKFAST, lunch, dinner]));
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ code: 'LOW_PROTEIN_MAIN_MEAL', path: ['days', 0, 'meals', 2] });
    expect(vs[0]!.measured).toBeCloseTo((158 * 2.69 + 91 * 2.82) / 100, 1);
  });

  it('BREAKFAST_WITHOUT_PROTEIN: toast and banana', () => {
    const breakfast = { type: 'breakfast' as const, items: [it_('18069', 56), it_('09040', 120)] };
    expect(realism(plan([breakfast, LUNCH, DINNER])).map((v) => v.code)).toEqual([
      'BREAKFAST_WITHOUT_PROTEIN',
    ]);
  });

  it('DRY_CEREAL_WITHOUT_MILK: dry oats with banana and cheddar (cheese is a protein food, not milk)', () => {
    const breakfast = {
      type: 'breakfast' as const,
      items: [it_('20038', 60), it_('09040', 120), it_('01009', 40)],
    };
    expect(realism(plan([breakfast, LUNCH, DINNER])).map((v) => v.code)).toEqual(['DRY_CEREAL_WITHOUT_MILK']);
  });

  it('TOO_MANY_DISTINCT_FOODS: 46 distinct foods in a week, none at 45', () => {
    // The clean day's 10 foods every day, plus 36 (then 35) other catalogue foods spread over the week.
    const used = new Set([...BREAKFAST.items, ...LUNCH.items, ...DINNER.items].map((x) => x.foodId));
    const extra = FOODS.filter((f) => !used.has(f.id) && f.foodGroup === 'fruits').slice(0, 36);
    const week = (n: number): MealPlanT => ({
      schemaVersion: '1.0.0',
      days: Array.from({ length: 7 }, (_, d) => ({
        meals: [
          {
            ...BREAKFAST,
            items: [
              ...BREAKFAST.items,
              ...extra
                .slice(0, n)
                .filter((_, i) => i % 7 === d)
                .map((f) => it_(f.id, 100)),
            ],
          },
          LUNCH,
          DINNER,
        ],
      })),
    });
    expect(extra.length).toBe(36);
    const too = realism(week(36)).filter((v) => v.code === 'TOO_MANY_DISTINCT_FOODS');
    expect(too).toEqual([expect.objectContaining({ measured: 46, expected: { max: 45 } })]);
    expect(realism(week(35)).filter((v) => v.code === 'TOO_MANY_DISTINCT_FOODS')).toEqual([]);
  });

  it('can be switched off', () => {
    const lunch = { ...LUNCH, items: [...LUNCH.items, it_('18069', 56)] };
    const r = validateMealPlan(
      plan([BREAKFAST, lunch, DINNER]),
      request,
      targets,
      { foods: byIdLookup(FOODS) },
      {
        realism: false,
      },
    );
    expect(r.violations.filter((v) => REALISM.has(v.code))).toEqual([]);
  });
});

describe('food classes', () => {
  const food = (id: string) => FOODS.find((f) => f.id === id)!;
  it('household serving: the SR24 measure within the portion bounds nearest their middle', () => {
    // Brown rice 75–400 g: middle √(75·400) ≈ 173 g; its only measure "1 cup" 195 g.
    expect(householdServing(food('20037'))).toEqual({ label: '1 cup', grams: 195 });
    // Salt 1–10 g: "1 tsp" 6 g (the cup and tablespoon lie outside the bounds).
    expect(householdServing(food('02047'))).toEqual({ label: '1 tsp', grams: 6 });
    // Olive oil 5–50 g: "1 tablespoon" 13.5 g.
    expect(householdServing(food('04053')).grams).toBe(13.5);
  });
  it('household serving: fruit, meat, eggs and cheese counted or weighed, never in cut cups', () => {
    // Apple 50–300 g (middle 122 g): "1 cup, quartered" 125 g is nearest, but an apple is
    // counted: of "1 large" 223 g and "1 medium" 182 g (SR24 09003), the medium is nearer.
    expect(householdServing(food('09003'))).toEqual({ label: '1 medium (3" dia)', grams: 182 });
    // Chicken breast: "1 cup, chopped or diced" 140 g and the "1 unit (yield …)" 52 g are out;
    // "0.5 breast, bone and skin removed" 86 g stays (SR24 05064).
    expect(householdServing(food('05064'))).toEqual({
      label: '0.5 breast, bone and skin removed',
      grams: 86,
    });
    // Turkey breast has only a chopped cup and a yield within its bounds: the 3 oz (85 g)
    // reference amount of cooked meat (9 CFR 317.312).
    expect(householdServing(food('05186'))).toEqual({ label: '3 oz', grams: 85 });
    // Hard-boiled egg: "1 large" 50 g, not "1 cup, chopped" 136 g; cheddar "1 oz", not a shredded cup.
    expect(householdServing(food('01129')).label).toBe('1 large');
    expect(householdServing(food('01009')).label).toBe('1 oz');
    // Vegetables and grains keep their cups: broccoli's "1 cup, chopped".
    expect(householdServing(food('11090')).label).toMatch(/cup/);
    // Bacon has no measure within 15–120 g: its first SR24 measure, "1 slice cooked" 7.9 g.
    expect(householdServing(food('10862'))).toEqual({ label: '1 slice cooked', grams: 7.9 });
  });
  it('protein foods and starches', () => {
    expect(isProteinPortion(food('01077'), 244)).toBe(true); // milk: 7.7 g, 20.7 % of energy
    expect(isProteinPortion(food('18069'), 56)).toBe(false); // bread is a starch
    expect(isStarchFood(food('20045'))).toBe(true);
    expect(isStarchFood(food('16070'))).toBe(false); // lentils count as protein, not starch
  });
});
