/**
 * @internal The repair's sodium day swap. A proposed day whose portions still go over the
 * 2,300 mg/day sodium CDRR (NASEM 2019) once the solver has done what it can — the model chose
 * salty dishes, so no portions of them fit the cap and the bands together — gets its saltiest
 * dish (by the sodium its solved portions bring) replaced by a less salty dish of the same meal,
 * the way the rule planner's sodium day swap chooses (planner `lessSaltyDay`), and the day is
 * solved again. A swap is kept only when the day then meets every energy, macro and meal band
 * (the calorie floor included) and the cap; otherwise the closest plan stays, with a note.
 */
import { MEAL_TYPES, type MealTypeT, type SexT, SODIUM_CDRR_MG, type TargetsSummaryT } from '@nexfitra/core';
import { DISHES, type DishT, dishTags } from '@nexfitra/core/dishes';
import type { FoodT } from '@nexfitra/core/foods';
import { isProteinPortion } from '@nexfitra/core/internal';
import { type PortionPlan, portionPer100g, roleOf } from '@nexfitra/planner';
import {
  badness,
  better,
  type DraftItem,
  type DraftMeal,
  dayProblem,
  itemKey,
  MAX_MEAL_ITEMS,
  quickSolve,
} from './_dayProblem';
import type { ItemSwap } from './types';

/**
 * At most this many swaps a day, each kept only on the way to a day under the cap (the planner
 * makes 2; a model's day may salt five or six dishes and sides, 388 mg for each 1 g pinch).
 */
const MAX_SWAPS = 4;
/** The saltiest dishes of a day tried in turn, and replacements tried for each (one LP each). */
const DISHES_TRIED = 3;
const CANDIDATES_TRIED = 3;
/** A replacement brings at most this share of the replaced dish's sodium per kcal (planner `lessSaltyDay`). */
const MAX_SODIUM_RATIO = 0.7;
/** Scale of a dish's default grams to the energy its replacement had (planner's dish scale). */
const SCALE = { min: 0.6, max: 1.6 } as const;

/** The items of one meal that form one dish (same `dishId`), or one item without a dish. */
export interface DayDish {
  readonly meal: number;
  readonly dishId?: string;
  readonly items: readonly number[];
  /** Sodium and energy of its solved portions, mg and kcal. */
  readonly sodiumMg: number;
  readonly kcal: number;
}

/** What a replacement serves: a catalogue dish's components, or one food. */
export interface Replacement {
  readonly label: string;
  readonly dishId?: string;
  readonly parts: readonly { readonly food: FoodT; readonly optional: boolean; readonly grams: number }[];
}

export interface SodiumSwapInput {
  readonly draft: readonly DraftMeal[];
  readonly plan: PortionPlan;
  readonly targets: TargetsSummaryT;
  readonly sex: SexT;
  readonly shareTolerance: number;
  readonly dayIndex: number;
  readonly foodsById: ReadonlyMap<string, FoodT>;
  /** Foods the request allows (diet, allergens, dislikes): a replacement uses only these. */
  readonly allowed: readonly FoodT[];
}

export interface SodiumSwapResult {
  /** The day after the kept swaps (the input's when none was kept). */
  readonly plan: PortionPlan;
  readonly draft: readonly DraftMeal[];
  /** Proposed items taken out (one entry per food, with the reason). */
  readonly removed: readonly ItemSwap[];
  /** Their proposed grams, summed. */
  readonly removedGrams: number;
  /** Why each food of a replacement was added, by `${meal}:${foodId}`. */
  readonly reasons: ReadonlyMap<string, string>;
  /** Set when the day stays over the cap: what was tried. */
  readonly note?: string;
}

const num = (x: number) => Math.round(x).toLocaleString('en-US');
const sodiumOf = (food: FoodT) => portionPer100g(food).sodiumMg ?? 0;

/** Dishes of a solved day, saltiest first (by the sodium of their portions); dishes without sodium are left out. */
export function dishesBySodium(draft: readonly DraftMeal[], plan: PortionPlan): DayDish[] {
  const grams = new Map(plan.portions.map((p) => [p.id, p.grams]));
  const out: DayDish[] = [];
  draft.forEach((meal, m) => {
    const groups = new Map<string, number[]>();
    meal.items.forEach((x, i) => {
      const key = x.dishId ?? `food:${i}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    for (const items of groups.values()) {
      let sodiumMg = 0;
      let kcal = 0;
      for (const i of items) {
        const x = meal.items[i]!;
        const g = grams.get(itemKey(m, i)) ?? 0;
        sodiumMg += (sodiumOf(x.food) * g) / 100;
        kcal += (x.food.per100g.kcal * g) / 100;
      }
      const dishId = meal.items[items[0]!]!.dishId;
      if (sodiumMg > 0)
        out.push({ meal: m, ...(dishId !== undefined ? { dishId } : {}), items, sodiumMg, kcal });
    }
  });
  return out.sort((a, b) => b.sodiumMg - a.sodiumMg);
}

interface Profile {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly sodiumMg: number;
  readonly proteinFood: boolean;
}

function profileOf(parts: Replacement['parts']): Profile {
  let kcal = 0;
  let proteinG = 0;
  let fatG = 0;
  let sodiumMg = 0;
  for (const { food, grams } of parts) {
    kcal += (food.per100g.kcal * grams) / 100;
    proteinG += (food.per100g.protein * grams) / 100;
    fatG += (food.per100g.fat * grams) / 100;
    sodiumMg += (sodiumOf(food) * grams) / 100;
  }
  return {
    kcal,
    proteinG,
    fatG,
    sodiumMg,
    proteinFood: parts.some((p) => !p.optional && isProteinPortion(p.food, p.grams)),
  };
}

/** A dish's servable components for the allowed foods (an optional one that is not allowed is left out), or undefined. */
function dishParts(dish: DishT, allowed: ReadonlyMap<string, FoodT>): Replacement['parts'] | undefined {
  let byDish = PARTS.get(allowed);
  if (!byDish) {
    byDish = new Map();
    PARTS.set(allowed, byDish);
  }
  if (!byDish.has(dish.id)) byDish.set(dish.id, partsOf(dish, allowed));
  return byDish.get(dish.id);
}

/** Per food lookup (the catalogue, or one request's allowed foods): each dish's parts, built once. */
const PARTS = new WeakMap<ReadonlyMap<string, FoodT>, Map<string, Replacement['parts'] | undefined>>();
/** Per allowed list (the days of one plan share it): the same foods by id. */
const ALLOWED = new WeakMap<readonly FoodT[], ReadonlyMap<string, FoodT>>();

function partsOf(dish: DishT, allowed: ReadonlyMap<string, FoodT>): Replacement['parts'] | undefined {
  const parts = [];
  for (const c of dish.components) {
    const food = allowed.get(c.foodId);
    if (!food) {
      if (c.optional) continue;
      return undefined;
    }
    // The repair serves a required food at least at its catalogue minimum (a pinch of salt is 1 g).
    const mid = (c.minG + c.maxG) / 2;
    parts.push({
      food,
      optional: c.optional === true,
      grams: c.optional ? mid : Math.max(mid, food.portion.minG),
    });
  }
  return parts;
}

const DISH_BY_ID = new Map(DISHES.map((d) => [d.id, d]));

/**
 * Replacements for `target`, best first: for a catalogue dish, the dishes of the meal's type and
 * kind (main or side) the request's foods allow, carrying at least the replaced dish's diets
 * (core `dishTags`: a keto dish is replaced by a keto dish), with at most 70 % of its sodium per
 * kcal, a main not served elsewhere that day (a side not already in the meal), a breakfast keeping its protein food; for a food without
 * a dish, allowed foods of the meal type and the same role (planner `roleOf`). Ranked by the
 * distance of protein and fat energy fractions (in units of 10 % of energy) plus sodium per
 * 1,000 kcal in grams (planner `lessSaltyDay`'s score).
 */
export function replacementsFor(
  target: DayDish,
  draft: readonly DraftMeal[],
  allowed: ReadonlyMap<string, FoodT>,
  catalogue: ReadonlyMap<string, FoodT>,
): Replacement[] {
  const meal = draft[target.meal]!;
  const type = meal.type as MealTypeT;
  if (!(MEAL_TYPES as readonly string[]).includes(type)) return [];
  const today = new Set(draft.flatMap((m) => m.items.map((x) => x.dishId ?? `food:${x.food.id}`)));
  const inMeal = new Set(meal.items.map((x) => x.dishId ?? `food:${x.food.id}`));
  const original = target.dishId !== undefined ? DISH_BY_ID.get(target.dishId) : undefined;
  let base: Profile;
  let options: Replacement[];
  if (original) {
    // The replaced dish as the catalogue serves it (the same basis as its replacements).
    const parts = dishParts(original, catalogue);
    if (!parts) return [];
    base = profileOf(parts);
    const diets = dishTags(original).diets;
    options = DISHES.filter(
      (d) =>
        d.side === original.side &&
        d.mealTypes.includes(type) &&
        !(d.side ? inMeal : today).has(d.id) &&
        diets.every((x) => dishTags(d).diets.includes(x)),
    ).flatMap((d) => {
      const p = dishParts(d, allowed);
      return p ? [{ label: d.id, dishId: d.id, parts: p }] : [];
    });
  } else {
    const item = meal.items[target.items[0]!]!;
    const role = roleOf(item.food);
    if (role === undefined) return [];
    const grams = item.grams > 0 ? item.grams : (item.food.servings[0]?.grams ?? item.food.portion.minG);
    base = profileOf([{ food: item.food, optional: false, grams }]);
    options = [...allowed.values()]
      .filter((f) => !today.has(`food:${f.id}`) && f.tags.mealTypes.includes(type) && roleOf(f) === role)
      .map((f) => ({
        label: f.id,
        parts: [{ food: f, optional: false, grams: f.servings[0]?.grams ?? f.portion.minG }],
      }));
  }
  if (base.kcal <= 0) return [];
  const per1000 = (p: Profile) => (1000 * p.sodiumMg) / Math.max(p.kcal, 1e-9);
  const fr = (p: Profile) => [(4 * p.proteinG) / p.kcal, (9 * p.fatG) / p.kcal] as const;
  const [p0, f0] = fr(base);
  return options
    .map((o) => ({ o, p: profileOf(o.parts) }))
    .filter(
      ({ p }) =>
        p.kcal > 0 &&
        per1000(p) <= MAX_SODIUM_RATIO * per1000(base) &&
        !(type === 'breakfast' && base.proteinFood && !p.proteinFood),
    )
    .map(({ o, p }) => {
      const [p1, f1] = fr(p);
      return { o, s: (Math.abs(p1 - p0) + Math.abs(f1 - f0)) / 0.1 + per1000(p) / 1000 };
    })
    .sort((a, b) => a.s - b.s)
    .map((x) => x.o);
}

/**
 * `draft` with `target` replaced by `rep`: a food the replacement shares with the replaced dish
 * stays as proposed (now in the new dish); the others are added at 0 g proposed, pulled towards
 * the replacement's default grams scaled to the energy the replaced dish had (× 0.6–1.6).
 */
function applySwap(
  draft: readonly DraftMeal[],
  target: DayDish,
  rep: Replacement,
): { draft: DraftMeal[]; removed: DraftItem[]; added: string[] } {
  const meal = draft[target.meal]!;
  const inTarget = new Set(target.items);
  const old = target.items.map((i) => meal.items[i]!);
  const repKcal = profileOf(rep.parts).kcal;
  const scale = Math.min(SCALE.max, Math.max(SCALE.min, target.kcal / Math.max(repKcal, 1e-9)));
  const items: DraftItem[] = meal.items.filter((_, i) => !inTarget.has(i));
  for (const part of rep.parts) {
    const kept = old.find((x) => x.food.id === part.food.id);
    const dish = rep.dishId !== undefined ? { dishId: rep.dishId } : {};
    if (kept) {
      const { dishId: _, ...rest } = kept;
      items.push({ ...rest, ...dish });
      continue;
    }
    const { minG, maxG } = part.food.portion;
    items.push({
      food: part.food,
      grams: 0,
      optional: part.optional,
      ...dish,
      typicalG: Math.min(maxG, Math.max(minG, part.grams * scale)),
    });
  }
  const removed = old.filter((x) => !rep.parts.some((p) => p.food.id === x.food.id));
  const added = rep.parts.filter((p) => !old.some((x) => x.food.id === p.food.id)).map((p) => p.food.id);
  return { draft: draft.map((m, i) => (i === target.meal ? { ...m, items } : m)), removed, added };
}

const labelOf = (d: DayDish, draft: readonly DraftMeal[]) =>
  d.dishId ?? draft[d.meal]!.items[d.items[0]!]!.food.name;

/**
 * Swaps up to two of a day's saltiest dishes for less salty ones of the same meal (see
 * {@link replacementsFor}; at most 2 dishes × 3 replacements a step, one LP + rounding each) and
 * keeps the swaps only when the day ends inside every hard band and at or under the cap.
 * @returns the swapped day with what was removed and why, or the input day with a note
 */
export async function swapSaltyDishes(input: SodiumSwapInput): Promise<SodiumSwapResult> {
  let allowed = ALLOWED.get(input.allowed);
  if (!allowed) {
    allowed = new Map(input.allowed.map((f) => [f.id, f]));
    ALLOWED.set(input.allowed, allowed);
  }
  const start = input.plan.totals.sodiumMg;
  const bands = badness(input.plan);
  type Step = {
    target: DayDish;
    label: string;
    rep: Replacement;
    added: readonly string[];
    removed: DraftItem[];
    before: number;
    after: number;
  };
  let cur = { draft: input.draft, plan: input.plan };
  const steps: Step[] = [];
  let tried = 0;
  let offered = 0;
  for (let k = 0; k < MAX_SWAPS && cur.plan.totals.sodiumMg > SODIUM_CDRR_MG; k++) {
    let next: { draft: DraftMeal[]; plan: PortionPlan; step: Step } | undefined;
    search: for (const target of dishesBySodium(cur.draft, cur.plan).slice(0, DISHES_TRIED)) {
      const reps = replacementsFor(target, cur.draft, allowed, input.foodsById).slice(0, CANDIDATES_TRIED);
      offered += reps.length;
      for (const rep of reps) {
        const s = applySwap(cur.draft, target, rep);
        if (s.draft[target.meal]!.items.length > MAX_MEAL_ITEMS) continue;
        // One LP where one is enough (`quickSolve`: the soft LP, then the bands and the cap as
        // constraints for a plan inside the bands but over the cap); no MIP: a swap that does not
        // land the day inside the bands is not kept anyway.
        const plan = await quickSolve(dayProblem(s.draft, input.targets, input.sex, input.shareTolerance, 0));
        tried++;
        // Never traded for sodium: energy, macros and meal shares end no further from their bands.
        if (better(bands, badness(plan)) || plan.totals.sodiumMg >= cur.plan.totals.sodiumMg) continue;
        if (!next || plan.totals.sodiumMg < next.plan.totals.sodiumMg) {
          const label = labelOf(target, cur.draft);
          const step = {
            target,
            label,
            rep,
            removed: s.removed,
            added: s.added,
            before: cur.plan.totals.sodiumMg,
            after: plan.totals.sodiumMg,
          };
          next = { draft: s.draft, plan, step };
        }
        if (plan.totals.sodiumMg <= SODIUM_CDRR_MG) break search;
      }
    }
    if (!next) break;
    cur = next;
    steps.push(next.step);
  }
  if (cur.plan.totals.sodiumMg > SODIUM_CDRR_MG) {
    const why =
      offered === 0
        ? 'no allowed dish of the same meal has less sodium per kcal'
        : `no lower-sodium dish of the same meal keeps the day inside its bands and under the cap (${tried} tried)`;
    return {
      plan: input.plan,
      draft: input.draft,
      removed: [],
      removedGrams: 0,
      reasons: new Map(),
      note: `sodium ${num(start)} mg, over the ${num(SODIUM_CDRR_MG)} mg cap: ${why}; the closest plan is kept`,
    };
  }
  const removed: ItemSwap[] = [];
  const reasons = new Map<string, string>();
  let removedGrams = 0;
  for (const s of steps) {
    const reason = `sodium over the ${num(SODIUM_CDRR_MG)} mg cap (day ${num(s.before)} mg): ${s.label} (${num(s.target.sodiumMg)} mg) swapped for ${s.rep.label}; day ${num(s.after)} mg`;
    for (const x of s.removed) {
      if (x.grams <= 0) continue;
      removed.push({ day: input.dayIndex, meal: s.target.meal, removed: x.food.id, reason });
      removedGrams += x.grams;
    }
    for (const id of s.added) reasons.set(`${s.target.meal}:${id}`, reason);
  }
  return { plan: cur.plan, draft: cur.draft, removed, removedGrams, reasons };
}
