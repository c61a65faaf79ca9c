import { isFoodAllowed, type MealTypeT, type PreferencesT, type Rng } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import { isDryCereal, isFatFood, isStarchFood } from '@nexfitra/core/internal';
import { energyShares, FOOD_ROLES, type FoodRole, roleOf, templateFor } from './roles';
import type { DayTargetName, SelectedItem, SelectedMeal } from './types';

/** @internal Allowed foods by meal type and role. */
export type Pools = ReadonlyMap<MealTypeT, ReadonlyMap<FoodRole, readonly FoodT[]>>;

/**
 * @internal The allowed foods (core `isFoodAllowed`) by meal type and role (`roleOf`). Dry
 * cereals (core `isDryCereal`: corn flakes, muesli, dry oats) are left out: a single-food meal
 * has no milk or yogurt to pour on them (issue 8: dry cereal always with a milk or yogurt), and
 * the dish catalogue serves them that way.
 */
export function buildPools(foods: readonly FoodT[], prefs: PreferencesT): Pools {
  const allowed = foods.filter((f) => isFoodAllowed(f, prefs) && !isDryCereal(f));
  const pools = new Map<MealTypeT, Map<FoodRole, FoodT[]>>();
  for (const type of ['breakfast', 'lunch', 'dinner', 'snack'] as const) {
    const byRole = new Map<FoodRole, FoodT[]>(FOOD_ROLES.map((r) => [r, []]));
    for (const f of allowed) {
      const role = roleOf(f);
      if (role !== undefined && f.tags.mealTypes.includes(type)) byRole.get(role)!.push(f);
    }
    pools.set(type, byRole);
  }
  return pools;
}

/** @internal Week-long memory that drives variety. */
export interface VarietyState {
  /** Times each food was served so far. */
  readonly used: Map<string, number>;
  /** Food ids of each meal slot (by index) on the previous day. */
  previous: ReadonlySet<string>[];
  /** The same, two days back: a food in both may not come a third day running. */
  before: ReadonlySet<string>[];
}

/**
 * The least-used candidate, never one from the same meal slot yesterday (so no meal repeats on
 * consecutive days) nor one already on the day's plate; when nothing else is left, one that was
 * in the slot yesterday but not the day before (a run of at most two days, core's variety rule),
 * then anything not on the plate. Ties are broken by the seeded generator.
 */
function pickVaried(
  candidates: readonly FoodT[],
  slot: number,
  today: ReadonlySet<string>,
  state: VarietyState,
  rng: Rng,
  lastResort: boolean,
): FoodT | undefined {
  const yesterday = state.previous[slot];
  const dayBefore = state.before[slot];
  const tiers = [
    candidates.filter((f) => !today.has(f.id) && !yesterday?.has(f.id)),
    candidates.filter((f) => !today.has(f.id) && !(yesterday?.has(f.id) && dayBefore?.has(f.id))),
    ...(lastResort ? [candidates.filter((f) => !today.has(f.id))] : []),
  ];
  const pool = tiers.find((t) => t.length > 0);
  if (!pool) return undefined;
  const least = Math.min(...pool.map((f) => state.used.get(f.id) ?? 0));
  return rng.pick(pool.filter((f) => (state.used.get(f.id) ?? 0) === least));
}

/**
 * The foods a slot of a meal may take for `role`: the meal type's pool, without a second
 * starch beside one already in the meal (issue 8: one starch a meal); a breakfast's protein
 * slot takes lunch's protein foods (tofu, beans) when no allowed protein food is a breakfast
 * food (vegan), so every breakfast has one.
 */
function candidatesFor(
  pools: Pools,
  type: MealTypeT,
  role: FoodRole,
  inMeal: readonly FoodT[],
): readonly FoodT[] {
  let foods = pools.get(type)!.get(role)!;
  if (type === 'breakfast' && role === 'protein' && foods.length === 0)
    foods = pools.get('lunch')?.get('protein') ?? foods;
  const ids = new Set(inMeal.map((f) => f.id));
  const starch = inMeal.some((f) => isStarchFood(f));
  return foods.filter((f) => !ids.has(f.id) && !(starch && isStarchFood(f)));
}

/** @internal A day's foods: each meal's template slots filled from the pools. */
export function selectDay(
  slots: readonly { type: MealTypeT; share: number }[],
  diet: PreferencesT['diet'],
  pools: Pools,
  state: VarietyState,
  rng: Rng,
): SelectedMeal[] {
  const today = new Set<string>();
  return slots.map(({ type, share }, m) => {
    const items: SelectedItem[] = [];
    const inMeal = new Set<string>();
    for (const s of templateFor(diet, type)) {
      // Every role the slot accepts gets a chance at a food that keeps core's variety rule
      // before any role may repeat a food a third day running.
      let chosen: { food: FoodT; role: FoodRole } | undefined;
      for (const lastResort of [false, true]) {
        for (const role of [s.role, ...s.fallbacks]) {
          const food = pickVaried(
            candidatesFor(
              pools,
              type,
              role,
              items.map((x) => x.food),
            ),
            m,
            today,
            state,
            rng,
            lastResort,
          );
          if (food) {
            chosen = { food, role };
            break;
          }
        }
        if (chosen) break;
      }
      if (chosen) {
        items.push({ ...chosen, optional: s.optional });
        inMeal.add(chosen.food.id);
        today.add(chosen.food.id);
      }
    }
    // A meal needs one food the solver must serve: the first one stays, the rest may be optional.
    if (items.length > 0 && items.every((x) => x.optional)) items[0] = { ...items[0]!, optional: false };
    return { type, share, items };
  });
}

/** Grams of `target` per 100 kcal of the food: how "dense" it is in what the day lacks. */
function density(food: FoodT, target: DayTargetName): number {
  const n = food.per100g;
  if (n.kcal <= 0) return 0;
  if (target === 'kcal') return n.kcal;
  const s = energyShares(food);
  return target === 'proteinG' ? s.protein : target === 'fatG' ? s.fat : s.carbs;
}

/**
 * The candidate densest in `target`, preferring one not in the slot yesterday when it is at least
 * 90 % as dense, and never (while another at least half as dense exists) one in the slot on
 * both of the last two days, which would make a third day running.
 */
function densest(
  candidates: readonly { food: FoodT; role: FoodRole }[],
  target: DayTargetName,
  yesterday: ReadonlySet<string> | undefined,
  dayBefore: ReadonlySet<string> | undefined,
): { food: FoodT; role: FoodRole } | undefined {
  const top = (cs: readonly { food: FoodT; role: FoodRole }[]) =>
    cs.reduce<{ food: FoodT; role: FoodRole } | undefined>(
      (b, c) => (!b || density(c.food, target) > density(b.food, target) ? c : b),
      undefined,
    );
  const best = top(candidates);
  if (!best) return undefined;
  const d = density(best.food, target);
  const fresh = top(
    candidates.filter((c) => !yesterday?.has(c.food.id) && density(c.food, target) >= 0.9 * d),
  );
  if (fresh) return fresh;
  const noThird = top(
    candidates.filter(
      (c) => !(yesterday?.has(c.food.id) && dayBefore?.has(c.food.id)) && density(c.food, target) >= 0.5 * d,
    ),
  );
  return noThird ?? best;
}

/**
 * @internal A re-selection. For each target the day overshot, the food of each meal densest in
 * it is swapped for the same-role allowed food least dense in it, and every food but each
 * meal's first may drop to 0 g; for each target the day fell short of, the allowed food densest
 * in it (protein per kcal for protein, and so on) joins every meal as an optional extra.
 * Returns the new meals and what changed, in words.
 */
export function reselect(
  meals: readonly SelectedMeal[],
  under: readonly DayTargetName[],
  over: readonly DayTargetName[],
  pools: Pools,
  previous: readonly ReadonlySet<string>[] = [],
  before: readonly ReadonlySet<string>[] = [],
): { meals: SelectedMeal[]; change: string } {
  const changes: string[] = [];
  const out = meals.map((meal, m) => {
    let items = meal.items.slice();
    const byRole = pools.get(meal.type)!;
    for (const target of over) {
      const inMeal = new Set(items.map((x) => x.food.id));
      let worst = -1;
      items.forEach((x, i) => {
        if (worst < 0 || density(x.food, target) > density(items[worst]!.food, target)) worst = i;
      });
      const w = items[worst];
      if (!w) continue;
      const leaner = byRole
        .get(w.role)!
        .filter(
          (f) =>
            !inMeal.has(f.id) &&
            density(f, target) < density(w.food, target) &&
            !(isStarchFood(f) && items.some((x, j) => j !== worst && isStarchFood(x.food))),
        )
        .reduce<FoodT | undefined>(
          (b, f) => (!b || density(f, target) < density(b, target) ? f : b),
          undefined,
        );
      if (leaner) {
        items[worst] = { ...w, food: leaner };
        changes.push(`${meal.type}: ${w.food.name} → ${leaner.name} (${leaner.id}) for ${target}`);
      }
    }
    if (over.length > 0) items = items.map((x, i) => (i === 0 ? x : { ...x, optional: true }));
    for (const target of under) {
      const inMeal = new Set(items.map((x) => x.food.id));
      const starch = items.some((x) => isStarchFood(x.food));
      // Added fats share 30 g a meal (at least one 5 g step each): two are enough.
      const fats = items.filter((x) => isFatFood(x.food)).length;
      const candidates = [...byRole].flatMap(([role, foods]) =>
        foods
          .filter((f) => !inMeal.has(f.id) && !(starch && isStarchFood(f)) && !(fats >= 2 && isFatFood(f)))
          .map((food) => ({ food, role })),
      );
      const best = densest(candidates, target, previous[m], before[m]);
      if (best) {
        items.push({ ...best, optional: true });
        changes.push(`${meal.type}: + ${best.food.name} (${best.food.id}) for ${target}`);
      }
    }
    return { ...meal, items };
  });
  if (over.length > 0) changes.unshift(`portions may drop to 0 g for ${over.join(', ')} over target`);
  return { meals: out, change: [...new Set(changes)].join('; ') };
}
