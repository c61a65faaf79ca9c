/**
 * @internal What the page shows of a plan, computed on the server from core's catalogues so the
 * browser bundle carries no food or exercise data: meals grouped by dish with household
 * measures, each day's energy and macros against the targets, the shopping list by store
 * section (core's `shoppingList`), and sessions with sets, reps, loads, rest and progression
 * in words.
 */
import {
  type LoadT,
  type MealDayT,
  type PlanT,
  SCHEMA_VERSION,
  type SessionT,
  shoppingList,
} from '@nexfitra/core';
import { getDish, hasDish } from '@nexfitra/core/dishes';
import { getExercise } from '@nexfitra/core/exercises';
import { type FoodT, foodPortion, getFood, hasFood } from '@nexfitra/core/foods';

export interface Macros {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG: number;
}

export interface ItemView {
  readonly foodId: string;
  readonly name: string;
  readonly grams: number;
  /** "1½ cup", "6 tbsp"; absent when the portion is under an eighth of the food's household serving. */
  readonly measure?: string;
}

export interface MealView {
  readonly type: string;
  /** Items grouped by dish in plan order; foods served on their own form a group without `dishId`. */
  readonly dishes: readonly { readonly dishId?: string; readonly name: string; readonly items: ItemView[] }[];
  readonly totals: Macros;
}

export interface DayView {
  readonly day: number;
  readonly meals: readonly MealView[];
  readonly totals: Macros;
}

export interface ExerciseView {
  readonly exerciseId: string;
  readonly name: string;
  /** Sets in words, identical sets grouped: ["3 × 8 reps @ 3 reps in reserve, rest 2 min"]. */
  readonly sets: readonly string[];
  readonly setCount: number;
  /** The progression rule in words, when the exercise has one. */
  readonly progression?: string;
}

export interface SessionView {
  readonly week: number;
  readonly index: number;
  readonly day: number;
  readonly name: string;
  readonly exercises: readonly ExerciseView[];
}

export interface ShoppingView {
  readonly sections: readonly {
    readonly section: string;
    readonly items: readonly {
      readonly foodId: string;
      readonly name: string;
      /** Household amount to buy, e.g. "2½ cup" (core's count of the food's serving). */
      readonly amount: string;
      /** Total grams over the plan, to 0.1 g. */
      readonly grams: number;
    }[];
  }[];
  readonly itemCount: number;
}

export interface PlanView {
  readonly targets: PlanT['targets'];
  readonly days: readonly DayView[];
  readonly weeks: readonly { readonly deload: boolean; readonly sessions: readonly SessionView[] }[];
  readonly shopping: ShoppingView;
}

const food = (id: string): FoodT | undefined => (hasFood(id) ? getFood(id) : undefined);
const round1 = (x: number) => Math.round(x * 10) / 10;
const ZERO: Macros = { kcal: 0, proteinG: 0, fatG: 0, carbsG: 0, fiberG: 0 };

function add(a: Macros, b: Macros): Macros {
  return {
    kcal: a.kcal + b.kcal,
    proteinG: a.proteinG + b.proteinG,
    fatG: a.fatG + b.fatG,
    carbsG: a.carbsG + b.carbsG,
    fiberG: a.fiberG + b.fiberG,
  };
}

function rounded(m: Macros): Macros {
  return {
    kcal: Math.round(m.kcal),
    proteinG: round1(m.proteinG),
    fatG: round1(m.fatG),
    carbsG: round1(m.carbsG),
    fiberG: round1(m.fiberG),
  };
}

/** Energy and macros of one item from core's per-100 g catalogue values. */
function itemMacros(foodId: string, grams: number): Macros {
  if (!hasFood(foodId)) return ZERO;
  const n = foodPortion(foodId, grams);
  return { kcal: n.kcal, proteinG: n.protein, fatG: n.fat, carbsG: n.carbs, fiberG: n.fiber };
}

const FRACTIONS = ['', '¼', '½', '¾'];
/** A count to the nearest quarter in words: 1.5 → "1½", 0.25 → "¼". */
function quarters(x: number): string {
  const q = Math.round(x * 4);
  const whole = Math.floor(q / 4);
  return `${whole > 0 ? whole : ''}${FRACTIONS[q % 4]}` || '0';
}

/** A USDA measure without its size note: '1 piece (2-1/2" x 2-3/4" x 1")' → "1 piece". */
function shortLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)/g, '').trim() || label;
}

/**
 * `count` servings of `label` in words: a whole-number label is multiplied out ("2 tbsp" × 3 →
 * "6 tbsp", "3 oz" × 1½ → "4½ oz"); any other is counted ("¾ × 1 cup pieces" stays that way
 * only when the label has no leading whole number).
 */
function amountText(count: number, label: string): string {
  const short = shortLabel(label);
  const m = /^(\d+) (.+)$/.exec(short);
  return m ? `${quarters(count * Number(m[1]))} ${m[2]}` : `${quarters(count)} × ${short}`;
}

/** Item measures count the food's household serving, the one core's shopping list counts in. */
function measureOf(servings: ReadonlyMap<string, { label: string; grams: number }>, id: string, g: number) {
  const s = servings.get(id);
  if (!s || g / s.grams < 0.125) return undefined;
  return amountText(g / s.grams, s.label);
}

function dayView(
  mealDay: MealDayT,
  day: number,
  servings: ReadonlyMap<string, { label: string; grams: number }>,
): DayView {
  let dayTotals = ZERO;
  const meals = mealDay.meals.map((meal) => {
    let totals = ZERO;
    const dishes: { dishId?: string; name: string; items: ItemView[] }[] = [];
    for (const it of meal.items) {
      totals = add(totals, itemMacros(it.foodId, it.grams));
      const f = food(it.foodId);
      const measure = measureOf(servings, it.foodId, it.grams);
      const item: ItemView = {
        foodId: it.foodId,
        name: f?.name ?? it.foodId,
        grams: Math.round(it.grams),
        ...(measure ? { measure } : {}),
      };
      const last = dishes.at(-1);
      if (last && last.dishId === it.dishId) last.items.push(item);
      else if (it.dishId !== undefined)
        dishes.push({
          dishId: it.dishId,
          name: hasDish(it.dishId) ? getDish(it.dishId).name : it.dishId.replace(/-/g, ' '),
          items: [item],
        });
      else dishes.push({ name: f?.name ?? it.foodId, items: [item] });
    }
    dayTotals = add(dayTotals, totals);
    return { type: meal.type, dishes, totals: rounded(totals) };
  });
  return { day, meals, totals: rounded(dayTotals) };
}

function loadText(l: LoadT): string {
  switch (l.type) {
    case 'rir':
      return `${l.value} ${l.value === 1 ? 'rep' : 'reps'} in reserve`;
    case 'rpe':
      return `RPE ${l.value}`;
    case 'percent-1rm':
      return `${l.value} % of 1RM`;
    case 'kg':
      return `${l.value} kg`;
  }
}

function restText(s: number): string {
  if (s === 0) return '';
  return s % 60 === 0 ? `rest ${s / 60} min` : s > 60 ? `rest ${(s / 60).toFixed(1)} min` : `rest ${s} s`;
}

function setText(set: SessionT['exercises'][number]['sets'][number]): string {
  const work =
    set.reps === undefined
      ? `${set.seconds} s`
      : typeof set.reps === 'number'
        ? `${set.reps} reps`
        : `${set.reps.min}–${set.reps.max} reps`;
  return [work + (set.load ? ` @ ${loadText(set.load)}` : ''), restText(set.restSeconds)]
    .filter(Boolean)
    .join(', ');
}

function exerciseName(id: string): string {
  try {
    return getExercise(id).name;
  } catch {
    return id.replace(/-/g, ' ');
  }
}

function progressionText(p: NonNullable<SessionT['exercises'][number]['progression']>): string {
  const range = p.reps ? `${p.reps.min}–${p.reps.max} reps` : '';
  if (p.scheme === 'double')
    return `Same load while reps climb ${range}; at ${p.reps?.max} on every set add ${p.stepKg} kg`;
  if (p.scheme === 'linear') return `Add ${p.stepKg} kg week to week`;
  return (
    `Reps climb ${range}` + (p.nextExerciseId ? `, then move on to ${exerciseName(p.nextExerciseId)}` : '')
  );
}

export function sessionView(session: SessionT, week: number, index: number): SessionView {
  return {
    week,
    index,
    day: session.day,
    name: session.name,
    exercises: session.exercises.map((x) => {
      const groups: { text: string; n: number }[] = [];
      for (const s of x.sets) {
        const text = setText(s);
        const last = groups.at(-1);
        if (last && last.text === text) last.n++;
        else groups.push({ text, n: 1 });
      }
      return {
        exerciseId: x.exerciseId,
        name: exerciseName(x.exerciseId),
        sets: groups.map((g) => `${g.n} × ${g.text}`),
        setCount: x.sets.length,
        ...(x.progression ? { progression: progressionText(x.progression) } : {}),
      };
    }),
  };
}

function shoppingOf(mealPlan: PlanT['mealPlan']) {
  const list = shoppingList(mealPlan, food);
  const servings = new Map<string, { label: string; grams: number }>();
  for (const s of list.sections) for (const it of s.items) servings.set(it.foodId, it.serving);
  const shopping: ShoppingView = {
    itemCount: list.itemCount,
    sections: list.sections.map((s) => ({
      section: s.section,
      items: s.items.map((it) => ({
        foodId: it.foodId,
        name: it.name,
        amount: amountText(it.count, it.serving.label),
        grams: it.grams,
      })),
    })),
  };
  return { shopping, servings };
}

/** One day of a plan as the page shows it (for streamed parts, which arrive before the whole plan). */
export function partDayView(mealDay: MealDayT, day: number): DayView {
  const { servings } = shoppingOf({ schemaVersion: SCHEMA_VERSION, days: [mealDay] });
  return dayView(mealDay, day, servings);
}

/** The whole plan as the page shows it. */
export function planView(plan: PlanT): PlanView {
  const { shopping, servings } = shoppingOf(plan.mealPlan);
  return {
    targets: plan.targets,
    days: plan.mealPlan.days.map((d, i) => dayView(d, i, servings)),
    weeks: plan.workoutProgram.weeks.map((w, wi) => ({
      deload: w.deload,
      sessions: w.sessions.map((s, si) => sessionView(s, wi, si)),
    })),
    shopping,
  };
}
