import { EQUIPMENT_SETS, PlanRequest, type PlanRequestT } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { isCondimentFood, isDryCereal, isMilkOrYogurt, isProteinPortion } from '@nexfitra/core/internal';
import { describe, expect, it } from 'vitest';
import { buildPools } from '../src/meal/_select';
import { roleOf } from '../src/meal/roles';
import { planPlan } from '../src/plan/planPlan';

/*
 * Regressions of the last meal-realism defects of issue 8, each from the request that showed it:
 * `npm run report:planner 10000` (seed 20240601) found them, and a scratch run of `planPlan` over
 * the same `generateRequests(10000, 20240601, { foodIds })` named the request index, day and
 * meal. Each request is written out here (the generator's output for that index) so the test
 * needs no 10,000-request generation. Every check is recomputed from the food data with core's
 * food classes (`isDryCereal`, `isMilkOrYogurt`, `isProteinPortion`, `isCondimentFood`), the same
 * definitions core's validators apply, not from the planner's bookkeeping; core's own finding
 * codes are checked too.
 */
const byId = new Map(FOODS.map((f) => [f.id, f]));
const food = (id: string) => byId.get(id)!;
/** The generator's full-gym set (core `EQUIPMENT_SETS`), as the found requests had it. */
const ALL_EQUIPMENT = EQUIPMENT_SETS['full-gym'];

function request(r: {
  profile: PlanRequestT['profile'];
  goal: PlanRequestT['goal'];
  diet: PlanRequestT['preferences']['diet'];
  allergens: PlanRequestT['preferences']['allergens'];
  disliked: string[];
  cuisines: PlanRequestT['preferences']['cuisines'];
  meals: number;
  training: [days: number, minutes: number, level: PlanRequestT['preferences']['experience']];
  equipment: PlanRequestT['preferences']['equipment'];
  seed: number;
}): PlanRequestT {
  return PlanRequest.parse({
    schemaVersion: '1.0.0',
    profile: r.profile,
    goal: r.goal,
    preferences: {
      diet: r.diet,
      allergens: r.allergens,
      dislikedFoodIds: r.disliked,
      cuisines: r.cuisines,
      mealsPerDay: r.meals,
      trainingDaysPerWeek: r.training[0],
      sessionMinutes: r.training[1],
      equipment: r.equipment,
      injuries: [],
      experience: r.training[2],
      preferredExerciseIds: [],
      excludedExerciseIds: [],
    },
    days: 7,
    seed: r.seed,
  });
}

/** Request 87: vegan woman, 6 meals; every day rebuilt from single foods; "175 g lentils + 20 g Cheerios" breakfasts. */
const R87 = request({
  profile: {
    age: 46,
    sex: 'female',
    weight: { value: 73.9, unit: 'kg' },
    height: { value: 167.4, unit: 'cm' },
    activityLevel: 'sedentary',
  },
  goal: { type: 'lose', rate: { value: 0.2, unit: '%bw/week' } },
  diet: 'vegan',
  allergens: ['wheat', 'crustaceans'],
  disliked: ['04002'],
  cuisines: ['mediterranean'],
  meals: 6,
  training: [6, 45, 'advanced'],
  equipment: [...ALL_EQUIPMENT],
  seed: 3080612236,
});
/** Request 7489: vegetarian woman, 4 meals; single-food days with "ricotta + 50 g dry rolled oats" breakfasts. */
const R7489 = request({
  profile: {
    age: 56,
    sex: 'female',
    weight: { value: 65.6, unit: 'kg' },
    height: { value: 158.6, unit: 'cm' },
    activityLevel: 'light',
  },
  goal: { type: 'lose', rate: { value: 0.35, unit: '%bw/week' } },
  diet: 'vegetarian',
  allergens: ['peanuts', 'wheat'],
  disliked: ['09152'],
  cuisines: ['middle-eastern', 'indian'],
  meals: 4,
  training: [3, 45, 'intermediate'],
  equipment: ['bodyweight'],
  seed: 3012296393,
});
/**
 * Request 1323: omnivore woman (milk and gluten allergies), 6 meals: a small breakfast scaled
 * the buckwheat porridge's soy milk to 105 g (3.5 g protein), no protein food.
 */
const R1323 = request({
  profile: {
    age: 26,
    sex: 'female',
    weight: { value: 51.9, unit: 'kg' },
    height: { value: 156.6, unit: 'cm' },
    activityLevel: 'light',
  },
  goal: { type: 'gain', rate: { value: 0.35, unit: '%bw/week' } },
  diet: 'omnivore',
  allergens: ['milk', 'gluten', 'crustaceans'],
  disliked: [],
  cuisines: ['mexican'],
  meals: 6,
  training: [4, 45, 'beginner'],
  equipment: [...ALL_EQUIPMENT],
  seed: 2007360272,
});
/** Request 6495: vegan woman, 5 meals: a peanut-butter smoothie with 120 g soy milk, no protein food. */
const R6495 = request({
  profile: {
    age: 67,
    sex: 'female',
    weight: { value: 62.9, unit: 'kg' },
    height: { value: 157.6, unit: 'cm' },
    bodyFatPercent: 40.6,
    activityLevel: 'moderate',
  },
  goal: { type: 'lose', rate: { value: 0.5, unit: '%bw/week' } },
  diet: 'vegan',
  allergens: ['fish', 'tree-nuts'],
  disliked: ['43015', '22975'],
  cuisines: ['middle-eastern', 'mediterranean'],
  meals: 5,
  training: [2, 90, 'beginner'],
  equipment: ['bodyweight', 'dumbbells', 'bench'],
  seed: 3871117602,
});
/** Request 2718: vegetarian woman of 71, 5 meals: a small buddha-bowl dinner with 17 g tahini, 27 % of its energy. */
const R2718 = request({
  profile: {
    age: 71,
    sex: 'female',
    weight: { value: 66.5, unit: 'kg' },
    height: { value: 161, unit: 'cm' },
    activityLevel: 'light',
  },
  goal: { type: 'maintain' },
  diet: 'vegetarian',
  allergens: [],
  disliked: ['43015'],
  cuisines: ['american'],
  meals: 5,
  training: [3, 60, 'beginner'],
  equipment: ['bodyweight', 'dumbbells', 'bench'],
  seed: 96329033,
});

async function plan(r: PlanRequestT, mealMode?: 'dishes' | 'foods') {
  const res = await planPlan(r, mealMode ? { mealMode } : {});
  expect(res.ok).toBe(true);
  if (!res.ok) throw new Error('refused');
  expect(res.report.validation.hard).toEqual([]);
  return { meals: res.plan.mealPlan.days.flatMap((d) => d.meals), soft: res.report.validation.soft };
}

describe('dry cereal always with a milk or yogurt (found: requests 87 and 7489)', () => {
  it('single-food meals never serve dry cereal: the food pools hold none', async () => {
    for (const r of [R87, R7489]) {
      const pools = buildPools(FOODS, r.preferences);
      for (const byRole of pools.values())
        for (const foods of byRole.values()) expect(foods.filter(isDryCereal)).toEqual([]);
    }
    // The days that showed it were single-food rebuilds of dish days (7489) or, for 87, days
    // the dishes could not fit: here 87 is planned from single foods throughout (3 days keep the
    // test short; the old planner served 20 g of dry oats or Cheerios alone within them).
    for (const [r, mode] of [
      [{ ...R87, days: 3 }, 'foods'],
      [R7489, undefined],
    ] as const) {
      const { meals, soft } = await plan(r, mode);
      for (const meal of meals) {
        const foods = meal.items.map((x) => food(x.foodId));
        if (foods.some(isDryCereal)) expect(foods.some(isMilkOrYogurt)).toBe(true);
      }
      expect(soft.map((v) => v.code)).not.toContain('DRY_CEREAL_WITHOUT_MILK');
    }
  });
});

describe('every breakfast has a protein food (found: requests 1323 and 6495)', () => {
  it("a small breakfast keeps its protein food's grams (185 g soy milk, not 105 g)", async () => {
    for (const r of [R1323, R6495]) {
      const { meals, soft } = await plan(r);
      for (const meal of meals.filter((m) => m.type === 'breakfast'))
        expect(meal.items.some((x) => isProteinPortion(food(x.foodId), x.grams))).toBe(true);
      expect(soft.map((v) => v.code)).not.toContain('BREAKFAST_WITHOUT_PROTEIN');
    }
  });
});

describe('no condiment as a meal staple (found: request 2718)', () => {
  it('a condiment is never the heaviest item nor ≥ 25 % of a meal’s energy', async () => {
    const { meals, soft } = await plan(R2718);
    for (const meal of meals) {
      const kcal = (id: string, g: number) => (food(id).per100g.kcal * g) / 100;
      const total = meal.items.reduce((s, x) => s + kcal(x.foodId, x.grams), 0);
      const heaviest = Math.max(...meal.items.map((x) => x.grams));
      for (const x of meal.items) {
        if (!isCondimentFood(food(x.foodId))) continue;
        expect(x.grams).toBeLessThan(heaviest);
        expect(kcal(x.foodId, x.grams)).toBeLessThan(0.25 * total);
      }
    }
    expect(soft.map((v) => v.code)).not.toContain('CONDIMENT_AS_STAPLE');
  });

  it('single-food meals take no condiment as their protein, starch or fat (soy sauce, miso, tahini, garlic, ketchup)', () => {
    // Core classes these as condiments (`isCondimentFood`: by name); the rule planner used to
    // read soy sauce as a protein, miso, garlic and ketchup as starches, tahini as a fat.
    for (const id of ['16123', '16112', '12166', '11215', '11216', '11935']) {
      expect(isCondimentFood(food(id))).toBe(true);
      expect(roleOf(food(id))).toBeUndefined();
    }
  });
});
