import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUISINES, componentMeasure, DISHES, Dish, dishesFor } from '../../packages/core/src/dishes/index';
import { getFood, hasFood } from '../../packages/core/src/foods/index';
import { DIET_TYPES, MEAL_TYPES } from '../../packages/core/src/schemas/vocab';
import { CARD, cardText, OUT, parseDishes, renderModule, SOURCE } from '../scripts/build-dishes';

/** Meal types whose dishes are main meals and must carry a protein food. */
const MAIN_MEALS = ['breakfast', 'lunch', 'dinner'] as const;

describe('dish catalogue data', () => {
  it('every dish parses with the Dish schema, ids are unique', () => {
    for (const d of DISHES) expect(Dish.safeParse(d).success, d.id).toBe(true);
    expect(new Set(DISHES.map((d) => d.id)).size).toBe(DISHES.length);
  });
  it('the generated module and card are what datasets/dishes/dishes.txt builds to (npm run build:dishes)', async () => {
    const built = renderModule(parseDishes(readFileSync(SOURCE, 'utf8')));
    expect(built === readFileSync(OUT, 'utf8')).toBe(true);
    expect((await cardText(built.length)) === readFileSync(CARD, 'utf8'), 'datasets/dishes/CARD.md').toBe(
      true,
    );
  });
  it('the committed JSON Schema for Dish is what the generator writes (npm run check:schemas)', async () => {
    const { renderAll } = await import('../../packages/core/scripts/gen-json-schema');
    const committed = readFileSync(
      new URL('../../packages/core/json-schema/Dish.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderAll().get('Dish.schema.json'));
  });
  it('every component food is in the curated catalogue and its measure is one of the food’s own', () => {
    for (const d of DISHES) {
      for (const c of d.components) {
        expect(hasFood(c.foodId), `${d.id} ${c.foodId}`).toBe(true);
        if (c.measure !== undefined) expect(componentMeasure(c).label, `${d.id} ${c.foodId}`).toBe(c.measure);
      }
    }
  });
  it('each main dish has a required protein component; no dish has two staple starches', () => {
    const bad: string[] = [];
    for (const d of DISHES) {
      if (d.components.filter((c) => c.role === 'starch').length > 1) bad.push(`${d.id}: two starches`);
      const main = !d.side && d.mealTypes.some((m) => (MAIN_MEALS as readonly string[]).includes(m));
      if (main && !d.components.some((c) => c.role === 'protein' && !c.optional))
        bad.push(`${d.id}: no protein`);
    }
    expect(bad).toEqual([]);
  });
  it('component ranges sit within [¼×, 3×] of the printed household measure (seasonings exempt: a pinch is under ¼ tsp)', () => {
    const out: string[] = [];
    for (const d of DISHES) {
      for (const c of d.components) {
        if (c.role === 'seasoning') continue;
        const m = componentMeasure(c);
        if (c.minG < m.grams / 4 || c.maxG > 3 * m.grams)
          out.push(`${d.id} ${c.foodId} ${c.minG}-${c.maxG} g vs ${m.label} = ${m.grams} g`);
      }
    }
    expect(out).toEqual([]);
  });
  it('seasonings stay at pinch-to-spoon amounts: ≤ 15 g per serving (a squeeze of lemon), salt ≤ 2 g', () => {
    const bad: string[] = [];
    for (const d of DISHES) {
      for (const c of d.components) {
        if (c.role === 'seasoning' && c.maxG > 15) bad.push(`${d.id} ${c.foodId} ${c.maxG} g`);
        if (c.foodId === '02047' && c.maxG > 2) bad.push(`${d.id} salt ${c.maxG} g`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('added fats stay ≤ 30 g a serving, and dry cereal always comes with milk, yogurt or soy milk (issue #8 meal rules)', () => {
    // Independent expectation: the limits (no fat > 30 g in a meal; dry cereal with a milk or yogurt).
    const MILKS = new Set(['01077', '01079', '01085', '01116', '01118', '16120', '16252']);
    const bad: string[] = [];
    for (const d of DISHES) {
      for (const c of d.components) {
        const f = getFood(c.foodId);
        if (f.foodGroup === 'fats-oils' && c.maxG > 30) bad.push(`${d.id}: ${f.name} ${c.maxG} g`);
        const dryCereal = f.foodGroup === 'breakfast-cereals' && !/cooked/i.test(f.name);
        if (dryCereal && !d.components.some((x) => MILKS.has(x.foodId)))
          bad.push(`${d.id}: ${f.name} without milk`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('a vegan breakfast always has a protein food', () => {
    for (const d of dishesFor({ diet: 'vegan', mealType: 'breakfast', side: false })) {
      expect(
        d.components.some((c) => c.role === 'protein'),
        d.id,
      ).toBe(true);
    }
  });
});

describe('dish catalogue coverage (issue #8 targets)', () => {
  it('≥ 200 dishes, ≥ 30 of them sides, across ≥ 8 cuisines', () => {
    expect(DISHES.length).toBeGreaterThanOrEqual(200);
    expect(DISHES.filter((d) => d.side).length).toBeGreaterThanOrEqual(30);
    const used = CUISINES.filter((c) => DISHES.some((d) => d.cuisines.includes(c)));
    expect(used.length).toBeGreaterThanOrEqual(8);
  });
  it('every diet has ≥ 12 main dishes per meal type (after dishesFor drops optional toppings the diet forbids)', () => {
    const short: string[] = [];
    for (const diet of DIET_TYPES) {
      for (const mealType of MEAL_TYPES) {
        const n = dishesFor({ diet, mealType, side: false }).length;
        if (n < 12) short.push(`${diet} ${mealType}: ${n}`);
      }
    }
    expect(short).toEqual([]);
  });
});
