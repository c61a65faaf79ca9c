/**
 * @internal The dish search: which dish each meal of the week gets. Hard food rules are already
 * in the pools (core `dishesFor`); here the choice is scored on
 * - nutrient density: the six scored nutrients (calcium, iron, magnesium, potassium, vitamin C,
 *   fibre) per 1,000 kcal of the dish against the person's DRI per 1,000 kcal of the day's
 *   energy target (each capped at 1.2 × so one rich dish cannot hide a gap; calcium and fibre
 *   double, and the nutrients the week is short of so far up to 4 ×);
 * - the fit of the day's protein, fat and carbohydrate energy fractions to the targets';
 * - sodium: per 1,000 kcal over 85 % of the 2,300 mg/day CDRR spread over the day's energy, and
 *   the day's salt so far with this dish projected over the whole day;
 * - the request's cuisine preference (soft);
 * - variety: 2 points for each earlier serving of the dish this week (a leftover is free), 6
 *   for the same slot type on either of the two days before;
 * - a short shopping list: foods already bought this week count for, new foods against;
 * - seeded noise (the search's breadth: `best` draws many noisy weeks and keeps the best).
 * Breakfasts and snacks rotate among two or three dishes; a dinner that keeps as leftovers is
 * the next day's lunch.
 */
import { type DriReference, type MealTypeT, type Rng, SODIUM_CDRR_MG } from '@nexfitra/core';
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
  /** The day's carbohydrate target, g (default: the energy left by protein and fat). */
  readonly carbsG?: number;
}

/** Weights of the dish score (house rules, tuned on generated requests). */
const W = {
  cuisine: 1.2,
  density: 2.5,
  sodium: 3,
  sodiumDay: 4,
  repeatWeek: 2,
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
 * Macro fit: how far the day's protein, fat and carbohydrate energy fractions would sit from
 * the targets' with this dish added to the meals already chosen (each weighted by its meal
 * share), in units of 0.1 (10 % of energy); carbohydrate under a low target (keto: < 20 % of
 * energy) in units of half its target, so 10 g over 50 g weighs like 10 % of energy elsewhere.
 * `sofar`: [share, protein fraction, fat fraction] sums.
 */
function macroMiss(info: DishInfo, share: number, sofar: DaySoFar, c: PickContext) {
  const [p, f] = fractions(info);
  const w = sofar[0] + share;
  const pDay = (sofar[1] + share * p) / w;
  const fDay = (sofar[2] + share * f) / w;
  const cDay = (sofar[4] + (share * 4 * info.carbsG) / info.kcal) / w;
  const pT = (4 * c.proteinG) / c.kcal;
  const fT = (9 * c.fatG) / c.kcal;
  const cT = c.carbsG !== undefined ? (4 * c.carbsG) / c.kcal : Math.max(0, 1 - pT - fT);
  // A low carbohydrate share is matched more tightly (keto), never divided by 0 (a 0 g target).
  return (
    (Math.abs(pDay - pT) + Math.abs(fDay - fT)) / 0.1 +
    Math.abs(cDay - cT) / (cT < 0.2 ? Math.max(cT / 2, 0.01) : 0.1)
  );
}

/**
 * How well a dish's nutrients per kcal meet the person's needs per kcal: weighted mean of capped
 * ratios, 0–1.2. `gap` (optional, per nutrient ≥ 0) adds weight to the nutrients the week is
 * short of so far (see {@link gapWeights}).
 */
export function densityScore(
  info: DishInfo,
  dri: readonly DriReference[],
  kcal: number,
  gap?: Readonly<Partial<Record<DriReference['key'], number>>>,
): number {
  let s = 0;
  let w = 0;
  for (const r of dri) {
    const k = (NUTRIENT_WEIGHT[r.key] ?? 1) * (1 + (gap?.[r.key] ?? 0));
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

/** Sodium the dish search aims under per day: 85 % of the CDRR, room for sides and rounding. */
const SODIUM_AIM = 0.85 * SODIUM_CDRR_MG;

function sodiumPenalty(info: DishInfo, kcal: number): number {
  const allowance = (1000 * SODIUM_AIM) / kcal;
  return Math.max(0, info.sodiumPer1000 - allowance) / allowance;
}

/**
 * Sodium of the day so far plus this dish, projected over the whole day at the same density,
 * over {@link SODIUM_AIM}, in tenths of the aim (a day of dishes picked one by one cannot take
 * back the salt of its breakfast and snacks, so lunch and dinner make up for them).
 */
function daySodiumPenalty(info: DishInfo, share: number, sofar: DaySoFar, kcal: number): number {
  const na = sofar[3] + (info.sodiumPer1000 * share * kcal) / 1000;
  const projected = na / (sofar[0] + share);
  return Math.max(0, projected - SODIUM_AIM) / (0.1 * SODIUM_AIM);
}

/**
 * Extra weight of each scored nutrient: 3 × the share by which the week's estimated intake so
 * far (each main dish's density × its meal's energy) falls short of the DRI over the same
 * share of days; 0 when on track or before the first meal.
 */
function gapWeights(c: PickContext, st: WeekState): Partial<Record<DriReference['key'], number>> {
  const out: Partial<Record<DriReference['key'], number>> = {};
  if (st.dayShares <= 0) return out;
  for (const r of c.dri)
    out[r.key] = 3 * Math.max(0, 1 - (st.amount.get(r.key) ?? 0) / (r.amount * st.dayShares));
  return out;
}

/** [share, protein fraction, fat fraction, sodium mg, carbohydrate fraction] sums of the day's meals so far. */
type DaySoFar = [number, number, number, number, number];

interface WeekState {
  readonly bought: Set<string>;
  readonly used: Map<string, number>;
  /** Dish ids per day and slot type. */
  readonly history: Map<MealTypeT, string[]>[];
  /** Estimated scored-nutrient intake of the meals chosen so far (main dishes at meal energy). */
  readonly amount: Map<string, number>;
  /** Days' worth of meals chosen so far (sum of meal shares). */
  dayShares: number;
}

function addIntake(c: PickContext, st: WeekState, info: DishInfo, share: number): void {
  for (const r of c.dri)
    st.amount.set(r.key, (st.amount.get(r.key) ?? 0) + (info.density[r.key] * share * c.kcal) / 1000);
  st.dayShares += share;
}

function dishScore(
  info: DishInfo,
  c: PickContext,
  st: WeekState,
  type: MealTypeT,
  day: number,
  share: number,
  sofar: DaySoFar,
  repeats = 1,
): number {
  let s =
    W.density * densityScore(info, c.dri, c.kcal, gapWeights(c, st)) -
    W.sodium * repeats * sodiumPenalty(info, c.kcal) -
    W.sodiumDay * daySodiumPenalty(info, share, sofar, c.kcal);
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
  const pool = c.pools.mains.get(type) ?? [];
  // Every breakfast has a protein food (issue 8) whenever the person's dishes allow one.
  const withProtein = type === 'breakfast' ? pool.filter((x) => x.proteinFood) : [];
  const all = withProtein.length > 0 ? withProtein : pool;
  // Snacks other than the breakfasts while any is left, so a snack is not the day's breakfast.
  const taken = new Set(avoid.map((x) => x.dish.id));
  for (let i = 0; i < k; i++) {
    const fresh = all.filter((x) => !out.includes(x) && !taken.has(x.dish.id));
    const pick = best(
      fresh.length > 0 ? fresh : all.filter((x) => !out.includes(x)),
      // A rotation dish comes back every few days: its salt counts for each day it is served.
      (x) => dishScore(x, c, st, type, 0, share, [0, 0, 0, 0, 0], 2),
      rng,
      noise,
    );
    if (!pick) break;
    out.push(pick);
    for (const id of pick.foodIds) st.bought.add(id);
  }
  return out;
}

/**
 * Single-food sides of a meal type (one food, maybe seasoned: edamame with a pinch of salt) that
 * fit beside `main` (no food twice, no second starch).
 */
export function allClosers(pools: DishPools, type: MealTypeT, main: DishInfo): DishInfo[] {
  return (pools.sides.get(type) ?? []).filter(
    (s) =>
      s.staples.length === 1 && !main.foodIds.includes(s.staples[0]!) && !(s.hasStarch && main.hasStarch),
  );
}

/** A glass of milk or a plant milk, a pot of yogurt: the side a day serves at most once. */
export const isMilkSide = (x: DishInfo): boolean =>
  x.staples.length === 1 && x.foods.some((f) => isMilkOrYogurt(f));

const PROTEIN_SIDE_ROLES = ['protein', 'dairy', 'beverage', 'nuts-seeds'];

/**
 * Optional sides that close a meal's macros: at most one of each kind — a fruit, a milk or
 * plant milk (or another protein side; none beside a dish with milk or yogurt, and no milk
 * when `milkAllowed` is false: a day serves one glass), a bread (only beside a dish without a
 * starch), a vegetable side at lunch and dinner (fibre), a fat side (half an avocado) — the
 * same for a week, then the next allowed one. Protein sides come richest in calcium first (the
 * nutrient generated plans missed most).
 */
export function closersFor(
  pools: DishPools,
  type: MealTypeT,
  main: DishInfo,
  day = 0,
  milkAllowed = true,
): DishInfo[] {
  const all = allClosers(pools, type, main);
  const kind = (x: DishInfo) => x.dish.components[0]!.role;
  const milky = main.foods.some((f) => isMilkOrYogurt(f));
  const protein = milky
    ? []
    : all
        .filter((x) => PROTEIN_SIDE_ROLES.includes(kind(x)) && (milkAllowed || !isMilkSide(x)))
        .sort((a, b) => b.density.calcium_mg - a.density.calcium_mg);
  const groups = [
    all.filter((x) => kind(x) === 'fruit'),
    protein.slice(0, 3),
    all.filter((x) => kind(x) === 'starch'),
    all.filter((x) => kind(x) === 'vegetable'),
    all.filter((x) => kind(x) === 'fat'),
  ];
  // The same sides all week: a short shopping list.
  const k = Math.floor(day / 7);
  return groups.filter((g) => g.length > 0).map((g) => g[k % g.length]!);
}

/**
 * The day's calcium sides: while the day's estimated calcium (each main dish's density × its
 * meal's energy × the main's 85 % share of it, plus the sides added so far at the middle of
 * their range) stays under 115 % of the DRI, the calcium-richest optional protein side of the
 * day (≥ 100 mg a serving; a second milk or yogurt side only when the day has none) becomes a
 * required side, served within its gram range — at most two a day — so the week reaches the
 * DRI without a glass of milk at every meal. Returns the meals, changed or not.
 */
export function withCalciumSide(c: PickContext, meals: DishMeal[]): DishMeal[] {
  const ref = c.dri.find((r) => r.key === 'calcium_mg');
  if (!ref) return meals;
  const perServing = (x: DishInfo) => (x.density.calcium_mg * x.kcal) / 1000;
  let est = meals.reduce((s, m) => s + (m.main.density.calcium_mg * m.share * c.kcal * 0.85) / 1000, 0);
  let out = meals;
  for (let added = 0; added < 2 && est < 1.15 * ref.amount; added++) {
    const milk = out.some((m) => m.sides.some(isMilkSide));
    let best: { m: number; side: DishInfo; ca: number } | undefined;
    out.forEach((meal, m) => {
      for (const side of meal.closers) {
        if (!PROTEIN_SIDE_ROLES.includes(side.dish.components[0]!.role)) continue;
        if (milk && isMilkSide(side)) continue;
        const ca = perServing(side);
        if (!best || ca > best.ca) best = { m, side, ca };
      }
    });
    if (!best || best.ca < 100) break;
    const { m, side, ca } = best;
    est += ca;
    out = out.map((meal, i) =>
      i === m
        ? { ...meal, sides: [...meal.sides, side], closers: meal.closers.filter((x) => x !== side) }
        : meal,
    );
  }
  return out;
}

/**
 * A week (or `days` days) of dish meals. `noise` widens the seeded choice (0.3 for the fast
 * search; the best search draws weeks at 0.8 and scores them).
 */
export function pickWeek(c: PickContext, rng: Rng, noise: number): DishMeal[][] {
  const st: WeekState = { bought: new Set(), used: new Map(), history: [], amount: new Map(), dayShares: 0 };
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
    const sofar: DaySoFar = [0, 0, 0, 0, 0];
    let milkServed = false;
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
      sofar[3] += (x.sodiumPer1000 * share * c.kcal) / 1000;
      sofar[4] += (share * 4 * x.carbsG) / x.kcal;
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
        sofar[3] += (main.sodiumPer1000 * share * c.kcal) / 1000;
        sofar[4] += (share * 4 * main.carbsG) / main.kcal;
      }
      if (!leftover) st.used.set(main.dish.id, (st.used.get(main.dish.id) ?? 0) + 1);
      for (const id of main.foodIds) st.bought.add(id);
      addIntake(c, st, main, share);
      const closers = closersFor(c.pools, type, main, d, !milkServed);
      if (closers.some(isMilkSide) || main.foods.some((f) => isMilkOrYogurt(f))) milkServed = true;
      return { type, share, main, leftover, sides: [], closers };
    });
    week.push(withCalciumSide(c, meals));
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

/**
 * A less salty version of a day whose portions went over the sodium CDRR: the meal whose main
 * dish brings the most sodium (estimated at the meal's energy; never a leftover lunch nor a
 * dinner whose leftover is tomorrow's lunch, the indices in `keep`) gets the dish of its meal
 * type with the closest protein and fat energy fractions among those with at most 70 % of its
 * sodium per kcal and not served today; its closers are chosen again (one milk side a day).
 * Undefined when no meal can change.
 */
export function lessSaltyDay(
  c: PickContext,
  day: readonly DishMeal[],
  d: number,
  keep: ReadonlySet<number>,
): DishMeal[] | undefined {
  let worst = -1;
  let worstNa = 0;
  day.forEach((m, i) => {
    if (keep.has(i) || m.leftover) return;
    const na = (m.main.sodiumPer1000 * m.share * c.kcal) / 1000;
    if (na > worstNa) {
      worst = i;
      worstNa = na;
    }
  });
  const meal = day[worst];
  if (!meal) return undefined;
  const today = new Set(day.map((m) => m.main.dish.id));
  const [p0, f0] = fractions(meal.main);
  let pick: DishInfo | undefined;
  let pickScore = Number.POSITIVE_INFINITY;
  for (const x of c.pools.mains.get(meal.type) ?? []) {
    if (today.has(x.dish.id) || x.sodiumPer1000 > 0.7 * meal.main.sodiumPer1000) continue;
    if (meal.type === 'breakfast' && meal.main.proteinFood && !x.proteinFood) continue;
    const [p, f] = fractions(x);
    const s = (Math.abs(p - p0) + Math.abs(f - f0)) / 0.1 + x.sodiumPer1000 / 1000;
    if (s < pickScore) {
      pick = x;
      pickScore = s;
    }
  }
  if (!pick) return undefined;
  const milkElsewhere = day.some(
    (m, i) => i !== worst && (m.closers.some(isMilkSide) || m.sides.some(isMilkSide)),
  );
  const fits = new Set(allClosers(c.pools, meal.type, pick));
  return day.map((m, i) =>
    i === worst
      ? {
          ...m,
          main: pick,
          sides: m.sides.filter((x) => fits.has(x)),
          closers: closersFor(c.pools, m.type, pick, d, !milkElsewhere),
        }
      : m,
  );
}

/** Meals of day `d` whose dish must stay: a leftover lunch, and a dinner that is tomorrow's lunch. */
export function leftoverKeep(week: readonly (readonly DishMeal[])[], d: number): Set<number> {
  const keep = new Set<number>();
  week[d]?.forEach((m, i) => {
    if (m.leftover) keep.add(i);
    if (m.type === 'dinner' && week[d + 1]?.some((n) => n.leftover && n.main === m.main)) keep.add(i);
  });
  return keep;
}
