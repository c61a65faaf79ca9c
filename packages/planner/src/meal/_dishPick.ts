/**
 * @internal The dish search: which dish each meal of the week gets. Hard food rules are already
 * in the pools (core `dishesFor`); here the choice is scored on
 * - nutrient density: the six scored nutrients (calcium, iron, magnesium, potassium, vitamin C,
 *   fibre) per 1,000 kcal of the dish against the person's DRI per 1,000 kcal of the day's
 *   energy target (each capped at 1.2 × so one rich dish cannot hide a gap);
 * - sodium per 1,000 kcal over the 2,300 mg/day CDRR spread over the day's energy;
 * - the request's cuisine preference (soft);
 * - variety: a main dish at most once per week in a slot type unless as a leftover, never in
 *   the same slot type on either of the two days before;
 * - a short shopping list: foods already bought this week count for, new foods against;
 * - seeded noise (the search's breadth: `best` draws many noisy weeks and keeps the best).
 * Breakfasts and snacks rotate among two or three dishes; a dinner that keeps as leftovers is
 * the next day's lunch.
 */
import type { DriReference, MealTypeT, Rng } from '@nexfitra/core';
import { isMilkOrYogurt } from '@nexfitra/core/internal';
import type { DishMeal } from './_dishDay';
import type { DishInfo, DishPools } from './_dishPool';

export interface PickContext {
  readonly slots: readonly { readonly type: MealTypeT; readonly share: number }[];
  readonly days: number;
  readonly pools: DishPools;
  readonly cuisines: readonly string[];
  readonly dri: readonly DriReference[];
  readonly kcal: number;
  /** The day's protein and fat targets, g (the macro fit of a day's dishes). */
  readonly proteinG: number;
  readonly fatG: number;
}

/** Weights of the dish score (house rules, tuned on generated requests). */
const W = {
  cuisine: 1.2,
  density: 1.5,
  sodium: 3,
  repeatWeek: 1,
  recent: 6,
  sharedFood: 0.15,
  newFood: 0.45,
  breakfastProtein: 3,
  macro: 10,
  size: 3,
} as const;

/** Energy fractions from protein and fat of a dish at default grams (4/9 kcal per g). */
function fractions(info: DishInfo): [number, number] {
  return [(4 * info.proteinG) / info.kcal, (9 * info.fatG) / info.kcal];
}

/**
 * Macro fit: how far the day's protein and fat energy fractions would sit from the targets'
 * with this dish added to the meals already chosen (each weighted by its meal share), in units
 * of 0.1 (10 % of energy). `sofar`: [share, protein fraction, fat fraction] sums.
 */
function macroMiss(info: DishInfo, share: number, sofar: readonly [number, number, number], c: PickContext) {
  const [p, f] = fractions(info);
  const w = sofar[0] + share;
  const pDay = (sofar[1] + share * p) / w;
  const fDay = (sofar[2] + share * f) / w;
  const pT = (4 * c.proteinG) / c.kcal;
  const fT = (9 * c.fatG) / c.kcal;
  return (Math.abs(pDay - pT) + Math.abs(fDay - fT)) / 0.1;
}

/** How well a dish's nutrients per kcal meet the person's needs per kcal: weighted mean of capped ratios, 0–1.2. */
export function densityScore(info: DishInfo, dri: readonly DriReference[], kcal: number): number {
  let s = 0;
  let w = 0;
  for (const r of dri) {
    const k = NUTRIENT_WEIGHT[r.key] ?? 1;
    s += k * Math.min(1.2, info.density[r.key] / ((1000 * r.amount) / kcal));
    w += k;
  }
  return s / w;
}

/**
 * Calcium and fibre count double: measured on 200 generated plans they were the two nutrients
 * most often under 90 % of the DRI (calcium in 30 %, fibre in 24 % of plans; the others ≤ 18 %).
 */
const NUTRIENT_WEIGHT: Partial<Record<DriReference['key'], number>> = { calcium_mg: 2, fiber_g: 2 };

function sodiumPenalty(info: DishInfo, kcal: number): number {
  const allowance = (1000 * 2300) / kcal;
  return Math.max(0, info.sodiumPer1000 - allowance) / allowance;
}

interface WeekState {
  readonly bought: Set<string>;
  readonly used: Map<string, number>;
  /** Dish ids per day and slot type. */
  readonly history: Map<MealTypeT, string[]>[];
}

function dishScore(
  info: DishInfo,
  c: PickContext,
  st: WeekState,
  type: MealTypeT,
  day: number,
  share: number,
  sofar: readonly [number, number, number],
): number {
  let s = W.density * densityScore(info, c.dri, c.kcal) - W.sodium * sodiumPenalty(info, c.kcal);
  // Breakfasts and snacks are picked first, alone: lunch and dinner balance the day around
  // them, so their own macro fit counts less (else the best fit is a drink: a soy latte).
  s -= (sofar[0] === 0 ? 0.2 : 1) * W.macro * macroMiss(info, share, sofar, c);
  // A dish near its natural size: scaling it far up or down reads wrong (two litres of smoothie).
  s -= W.size * Math.abs(Math.log((0.85 * share * c.kcal) / info.kcal));
  if (c.cuisines.length > 0 && info.dish.cuisines.some((x) => c.cuisines.includes(x))) s += W.cuisine;
  s -= W.repeatWeek * (st.used.get(info.dish.id) ?? 0);
  if (type === 'breakfast' && !info.proteinFood) s -= W.breakfastProtein;
  for (const back of [1, 2]) if (st.history[day - back]?.get(type)?.includes(info.dish.id)) s -= W.recent;
  for (const id of info.staples) s += st.bought.has(id) ? W.sharedFood : -W.newFood;
  return s;
}

function best(
  cands: readonly DishInfo[],
  score: (x: DishInfo) => number,
  rng: Rng,
  noise: number,
): DishInfo | undefined {
  let top: DishInfo | undefined;
  let topS = Number.NEGATIVE_INFINITY;
  for (const x of cands) {
    const s = score(x) + noise * rng.next();
    if (s > topS) {
      top = x;
      topS = s;
    }
  }
  return top;
}

/** A rotation of up to `k` distinct dishes for a slot type (breakfasts, snacks). */
function rotation(
  c: PickContext,
  st: WeekState,
  type: MealTypeT,
  share: number,
  k: number,
  rng: Rng,
  noise: number,
  avoid: readonly DishInfo[] = [],
): DishInfo[] {
  const out: DishInfo[] = [];
  const all = c.pools.mains.get(type) ?? [];
  // Snacks other than the breakfasts while any is left, so a snack is not the day's breakfast.
  const taken = new Set(avoid.map((x) => x.dish.id));
  for (let i = 0; i < k; i++) {
    const fresh = all.filter((x) => !out.includes(x) && !taken.has(x.dish.id));
    const pick = best(
      fresh.length > 0 ? fresh : all.filter((x) => !out.includes(x)),
      (x) => dishScore(x, c, st, type, 0, share, [0, 0, 0]),
      rng,
      noise,
    );
    if (!pick) break;
    out.push(pick);
    for (const id of pick.foodIds) st.bought.add(id);
  }
  return out;
}

/** Single-food sides of a meal type that fit beside `main` (no food twice, no second starch). */
export function allClosers(pools: DishPools, type: MealTypeT, main: DishInfo): DishInfo[] {
  return (pools.sides.get(type) ?? []).filter(
    (s) =>
      s.dish.components.length === 1 &&
      !main.foodIds.includes(s.foodIds[0]!) &&
      !(s.hasStarch && main.hasStarch),
  );
}

/**
 * Optional sides that close a meal's macros: at most one of each kind — a fruit, a milk or
 * plant milk (or another protein side; none beside a dish with milk or yogurt), a bread (only
 * beside a dish without a starch) — the same for four days, then the next allowed one.
 */
export function closersFor(pools: DishPools, type: MealTypeT, main: DishInfo, day = 0): DishInfo[] {
  const all = allClosers(pools, type, main);
  const kind = (x: DishInfo) => x.dish.components[0]!.role;
  const milky = main.foods.some((f) => isMilkOrYogurt(f));
  const groups = [
    all.filter((x) => kind(x) === 'fruit'),
    milky ? [] : all.filter((x) => ['protein', 'dairy', 'beverage', 'nuts-seeds'].includes(kind(x))),
    all.filter((x) => kind(x) === 'starch'),
  ];
  // The same sides for half a week: a short shopping list.
  const k = Math.floor(day / 4);
  return groups.filter((g) => g.length > 0).map((g) => g[k % g.length]!);
}

/**
 * A week (or `days` days) of dish meals. `noise` widens the seeded choice (0.3 for the fast
 * search; the best search draws weeks at 0.8 and scores them).
 */
export function pickWeek(c: PickContext, rng: Rng, noise: number): DishMeal[][] {
  const st: WeekState = { bought: new Set(), used: new Map(), history: [] };
  const rotations = new Map<MealTypeT, DishInfo[]>();
  for (const type of ['breakfast', 'snack'] as const) {
    const of = c.slots.filter((s) => s.type === type);
    if (of.length > 0)
      rotations.set(
        type,
        rotation(
          c,
          st,
          type,
          of[0]!.share,
          Math.min(3, of.length + 1),
          rng,
          noise,
          rotations.get('breakfast'),
        ),
      );
  }
  const week: DishMeal[][] = [];
  for (let d = 0; d < c.days; d++) {
    const today = new Map<MealTypeT, string[]>();
    st.history.push(today);
    const yesterday = week[d - 1];
    // Rotating breakfasts and snacks are fixed: the other meals are fitted around them.
    const sofar: [number, number, number] = [0, 0, 0];
    const used: string[] = [];
    const fixed = c.slots.map(({ type }, i) => {
      const rot = rotations.get(type);
      if (!rot || rot.length === 0) return undefined;
      const pos = c.slots.slice(0, i).filter((x) => x.type === type).length;
      // The next in the rotation not already served today (a snack is not the day's breakfast).
      for (let k = 0; k < rot.length; k++) {
        const x = rot[(d + pos * 2 + k) % rot.length]!;
        if (!used.includes(x.dish.id)) {
          used.push(x.dish.id);
          return x;
        }
      }
      return rot[(d + pos * 2) % rot.length];
    });
    fixed.forEach((x, i) => {
      if (!x) return;
      const [p, f] = fractions(x);
      const share = c.slots[i]!.share;
      sofar[0] += share;
      sofar[1] += share * p;
      sofar[2] += share * f;
    });
    const meals = c.slots.map(({ type, share }, i): DishMeal => {
      let main: DishInfo | undefined;
      let leftover = false;
      if (fixed[i]) {
        main = fixed[i];
      } else if (type === 'lunch' && yesterday) {
        const dinner = yesterday.find((m) => m.type === 'dinner');
        if (
          dinner &&
          !dinner.leftover &&
          dinner.main.dish.keepsAsLeftovers &&
          dinner.main.dish.mealTypes.includes('lunch')
        ) {
          main = dinner.main;
          leftover = true;
        }
      }
      if (!main) {
        const taken = new Set([...today.values()].flat());
        main = best(
          (c.pools.mains.get(type) ?? []).filter((x) => !taken.has(x.dish.id)),
          (x) => dishScore(x, c, st, type, d, share, sofar),
          rng,
          noise,
        );
      }
      // Unreachable when planMeals checked the pools; a meal type without dishes is a caller bug.
      if (!main) throw new Error(`pickWeek: no ${type} dish`);
      today.set(type, [...(today.get(type) ?? []), main.dish.id]);
      if (!fixed[i]) {
        const [p, f] = fractions(main);
        sofar[0] += share;
        sofar[1] += share * p;
        sofar[2] += share * f;
      }
      if (!leftover) st.used.set(main.dish.id, (st.used.get(main.dish.id) ?? 0) + 1);
      for (const id of main.foodIds) st.bought.add(id);
      return { type, share, main, leftover, sides: [], closers: closersFor(c.pools, type, main, d) };
    });
    week.push(meals);
  }
  return week;
}

/**
 * Estimated score of a picked week before portions (the best search ranks its draws with it):
 * the mean over the six nutrients of the week's estimated coverage (each meal's density × its
 * energy, capped at 1), minus sodium estimated over the CDRR, minus distinct foods outside
 * 20–45, plus the share of meals in a preferred cuisine.
 */
export function weekScore(c: PickContext, week: readonly (readonly DishMeal[])[]): number {
  let cov = 0;
  for (const r of c.dri) {
    let amount = 0;
    for (const day of week) for (const m of day) amount += (m.main.density[r.key] * m.share * c.kcal) / 1000;
    cov += Math.min(1, amount / week.length / r.amount);
  }
  let sodium = 0;
  let preferred = 0;
  let meals = 0;
  const foods = new Set<string>();
  for (const day of week) {
    let na = 0;
    for (const m of day) {
      na += (m.main.sodiumPer1000 * m.share * c.kcal) / 1000;
      meals++;
      if (c.cuisines.length > 0 && m.main.dish.cuisines.some((x) => c.cuisines.includes(x))) preferred++;
      for (const id of m.main.foodIds) foods.add(id);
    }
    sodium += Math.max(0, na - 2300) / 2300;
  }
  const perWeek = (foods.size * 7) / Math.max(7, week.length);
  const distinct = Math.max(0, perWeek - 45, 20 - perWeek) / 10;
  return (3 * cov) / c.dri.length - sodium / week.length - distinct + preferred / Math.max(1, meals);
}
