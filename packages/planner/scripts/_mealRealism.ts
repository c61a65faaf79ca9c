/**
 * The meal realism figures of `report-1000.ts` (issue 8): portions against household servings,
 * fat and condiments per meal, main-meal and breakfast protein, sodium per day, the six DRI
 * nutrients (weekly mean) per plan, distinct foods per week, and how meals were built. Every
 * figure is recomputed here from the catalogue's per-100 g values and core's food classes, not
 * taken from the planner's own report.
 */
import { DRI_NUTRIENT_KEYS, driReferences, type PlanT, SODIUM_CDRR_MG } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import {
  driNutrientAmount,
  householdServing,
  isCondimentFood,
  isDryCereal,
  isFatFood,
  isMilkOrYogurt,
  isProteinPortion,
  isStarchFood,
} from '@nexfitra/core/internal';
import type { PlanReport } from '../src/plan/planPlan';

const c = {
  items: 0,
  itemsInRange: 0,
  meals: 0,
  fatOver30: 0,
  condimentOver30: 0,
  condimentStaple: 0,
  twoStarches: 0,
  mainMeals: 0,
  mainMeals20g: 0,
  breakfasts: 0,
  breakfastsProtein: 0,
  cereal: 0,
  cerealWithMilk: 0,
  days: 0,
  sodiumOver: 0,
  plans: 0,
  dishDays: 0,
  fallbackDays: 0,
  milkSideDays: 0,
  fallbackMeals: 0,
  fallbackMealDefects: 0,
};
const driPlans = new Map<string, { met: number; n: number }>(
  DRI_NUTRIENT_KEYS.map((k) => [k, { met: 0, n: 0 }]),
);
const allSixMet = { met: 0, n: 0 };
const distinctPerWeek: number[] = [];
const cpuMs: number[] = [];

/**
 * Adds one request's process CPU time, ms (user + system, `process.cpuUsage`): unlike wall time
 * it does not grow when other processes share the cores, so it stands for an idle machine.
 */
export function collectCpu(ms: number): void {
  cpuMs.push(ms);
}

/** Adds one plan's figures. */
export function collectRealism(plan: PlanT, report: PlanReport, byId: ReadonlyMap<string, FoodT>): void {
  c.plans++;
  for (const d of report.mealDays) {
    if (d.dishes) c.dishDays++;
    if (d.foodFallback) c.fallbackDays++;
  }
  const { profile, preferences } = plan.request;
  const refs = driReferences(profile.sex, profile.age, preferences.diet);
  const amount = new Map<string, number>();
  for (const [d, day] of plan.mealPlan.days.entries()) {
    c.days++;
    const fallback = report.mealDays[d]?.foodFallback === true;
    // A glass of milk or plant milk, a pot of yogurt served as its own side dish (a dish of one food).
    let milkSides = 0;
    let sodium = 0;
    let dayProtein = 0;
    const mealProtein: number[] = [];
    for (const meal of day.meals) {
      c.meals++;
      let fat = 0;
      let protein = 0;
      let kcal = 0;
      let heaviest = { grams: 0, id: '' };
      const starches = new Set<string>();
      const foods = meal.items.map((x) => byId.get(x.foodId)!);
      meal.items.forEach((x, i) => {
        const f = foods[i]!;
        const n = f.per100g;
        c.items++;
        const s = householdServing(f).grams;
        const lo = isCondimentFood(f) ? 0 : 0.25 * s;
        if (x.grams >= lo - 1e-9 && x.grams <= 3 * s + 1e-9) c.itemsInRange++;
        if (isFatFood(f)) fat += x.grams;
        if (isCondimentFood(f) && x.grams > 30) c.condimentOver30++;
        if (isStarchFood(f) && x.grams >= 0.25 * s) starches.add(f.id);
        if (x.grams > heaviest.grams) heaviest = { grams: x.grams, id: f.id };
        protein += (n.protein * x.grams) / 100;
        kcal += (n.kcal * x.grams) / 100;
        sodium += ((n.micronutrients?.sodium_mg ?? 0) * x.grams) / 100;
        for (const k of DRI_NUTRIENT_KEYS)
          amount.set(k, (amount.get(k) ?? 0) + driNutrientAmount(n, k, x.grams));
      });
      meal.items.forEach((x, i) => {
        const f = foods[i]!;
        if (isCondimentFood(f) && (heaviest.id === f.id || (f.per100g.kcal * x.grams) / 100 >= 0.25 * kcal))
          c.condimentStaple++;
      });
      if (fat > 30) c.fatOver30++;
      if (starches.size >= 2) c.twoStarches++;
      const sideIds = new Set(meal.items.map((x) => x.dishId).filter((id) => id?.startsWith('side-')));
      for (const id of sideIds) {
        const items = meal.items.filter((x) => x.dishId === id);
        if (items.length === 1 && isMilkOrYogurt(byId.get(items[0]!.foodId)!)) milkSides++;
      }
      if (fallback) {
        c.fallbackMeals++;
        const breakfastBare =
          meal.type === 'breakfast' && !meal.items.some((x, i) => isProteinPortion(foods[i]!, x.grams));
        if (fat > 30 || starches.size >= 2 || breakfastBare) c.fallbackMealDefects++;
      }
      dayProtein += protein;
      if (meal.type === 'lunch' || meal.type === 'dinner') mealProtein.push(protein);
      if (meal.type === 'breakfast') {
        c.breakfasts++;
        if (meal.items.some((x, i) => isProteinPortion(foods[i]!, x.grams))) c.breakfastsProtein++;
      }
      if (foods.some(isDryCereal)) {
        c.cereal++;
        if (foods.some(isMilkOrYogurt)) c.cerealWithMilk++;
      }
    }
    if (dayProtein >= 80) {
      c.mainMeals += mealProtein.length;
      c.mainMeals20g += mealProtein.filter((p) => p >= 20).length;
    }
    if (sodium > SODIUM_CDRR_MG) c.sodiumOver++;
    if (milkSides > 1) c.milkSideDays++;
  }
  const nDays = plan.mealPlan.days.length;
  let all = true;
  for (const r of refs) {
    const e = driPlans.get(r.key)!;
    e.n++;
    const ok = (amount.get(r.key) ?? 0) / nDays >= 0.9 * r.amount;
    if (ok) e.met++;
    else all = false;
  }
  allSixMet.n++;
  if (all) allSixMet.met++;
  for (let start = 0; start + 7 <= nDays; start += 7) {
    const ids = new Set(
      plan.mealPlan.days
        .slice(start, start + 7)
        .flatMap((d) => d.meals.flatMap((m) => m.items.map((x) => x.foodId))),
    );
    distinctPerWeek.push(ids.size);
  }
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;

/** The report lines (markdown list); `afterCpu` (e.g. the wall-time line) follows the CPU line. */
export function realismLines(afterCpu: readonly string[] = []): string[] {
  const w = distinctPerWeek.slice().sort((a, b) => a - b);
  const q = (p: number) => (w.length ? w[Math.min(w.length - 1, Math.floor(p * w.length))] : Number.NaN);
  const cs = cpuMs.slice().sort((a, b) => a - b);
  const qc = (p: number) =>
    cs.length ? cs[Math.min(cs.length - 1, Math.floor(p * cs.length))]!.toFixed(0) : '–';
  return [
    '- meal realism (recomputed from the catalogue; targets in issue 8):',
    `  - days built from dishes: ${pct(c.dishDays, c.days)}; rebuilt from single foods (dishes could not fit the bands): ${c.fallbackDays} (${pct(c.fallbackDays, c.days)}), whose meals have > 30 g fat, two starches or a breakfast without protein in ${c.fallbackMealDefects} of ${c.fallbackMeals}`,
    `  - days with more than one milk, plant-milk or yogurt side: ${c.milkSideDays} of ${c.days} (target 0)`,
    `  - items within [¼ ×, 3 ×] their household serving (a pinch of seasoning allowed): ${pct(c.itemsInRange, c.items)} of ${c.items} (target ≥ 95 %)`,
    `  - meals with > 30 g added fat: ${c.fatOver30}; with a condiment > 30 g: ${c.condimentOver30}; condiment as the staple: ${c.condimentStaple}; two or more starches: ${c.twoStarches} (${pct(c.twoStarches, c.meals)}) of ${c.meals} meals (target 0, 0, 0)`,
    `  - main meals ≥ 20 g protein on days ≥ 80 g: ${pct(c.mainMeals20g, c.mainMeals)} of ${c.mainMeals} (target ≥ 90 %)`,
    `  - breakfasts with a protein food: ${pct(c.breakfastsProtein, c.breakfasts)} of ${c.breakfasts} (target 100 %); dry cereal with milk or yogurt: ${c.cerealWithMilk}/${c.cereal}`,
    `  - days over ${SODIUM_CDRR_MG} mg sodium: ${pct(c.sodiumOver, c.days)} of ${c.days} (target ≤ 5 %)`,
    `  - plans whose mean daily intake reaches ≥ 90 % of the DRI (target ≥ 80 % each): ${[
      ...driPlans.entries(),
    ]
      .map(([k, v]) => `${k.replace(/_(mg|g)$/, '')} ${pct(v.met, v.n)}`)
      .join(', ')}; all six: ${pct(allSixMet.met, allSixMet.n)}`,
    `  - planPlan CPU time per request, ms (process.cpuUsage of the whole process: V8's GC and compiler threads included, so it can exceed wall time; load-independent): p50 ${qc(0.5)}, p95 ${qc(0.95)}, p99 ${qc(0.99)}, max ${qc(1)} over ${cpuMs.length}`,
    ...afterCpu,
    `  - distinct foods per 7-day week: median ${q(0.5)}, p10 ${q(0.1)}, p90 ${q(0.9)} over ${w.length} weeks (target median 20–45)`,
  ];
}
