/**
 * @internal The fixed number vocabularies of the plan language. Every number a plan carries is
 * one token whose value is in one of these lists; anything else is refused by `formatPlan`
 * (see `quantizeForLanguage` for an explicit snap). Steps are coarser where the numbers are
 * bigger, so that the relative step stays small (grams: 1 g up to 30 g, 5 g up to 500 g, 25 g
 * beyond).
 */

/** Values `from, from + step, …, to` (inclusive), exact for the decimal steps used here. */
function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  const n = Math.round((to - from) / step);
  for (let i = 0; i <= n; i++) out.push(Math.round((from + i * step) * 100) / 100);
  return out;
}

/**
 * Meal item grams: 1–30 by 1, 35–500 by 5, 525–3000 by 25 (MealItem allows ≤ 3000 g). The
 * planner's portions sit on each food's own grid (1 g for spices and condiments, 5, 10, 15, 25
 * or 50 g for the rest; see the catalogue's portion bounds), and every point of those grids must
 * be one token: 3 g of salt, 125 g of rice.
 */
export const GRAM_VALUES: readonly number[] = Object.freeze([
  ...steps(1, 30, 1),
  ...steps(35, 500, 5),
  ...steps(525, 3000, 25),
]);

/** Exact repetitions and rep-range bounds: 1–30. */
export const REP_VALUES: readonly number[] = Object.freeze(steps(1, 30, 1));

/** Timed sets (holds, intervals), s: 5–60 by 5, 75–300 by 15, 330–1800 by 30, 2100–7200 by 300. */
export const SECOND_VALUES: readonly number[] = Object.freeze([
  ...steps(5, 60, 5),
  ...steps(75, 300, 15),
  ...steps(330, 1800, 30),
  ...steps(2100, 7200, 300),
]);

/** Rest after a set, s: 0–900 by 15 (PrescribedSet allows 0–900). */
export const REST_VALUES: readonly number[] = Object.freeze(steps(0, 900, 15));

/** RPE targets: 1–10 in half steps (the schema's own grid). */
export const RPE_VALUES: readonly number[] = Object.freeze(steps(1, 10, 0.5));

/** RIR targets: 0–10 in half steps (the schema's own grid). */
export const RIR_VALUES: readonly number[] = Object.freeze(steps(0, 10, 0.5));

/** %1RM targets: whole percent 20–100 (lighter loads are not a strength prescription). */
export const PERCENT_VALUES: readonly number[] = Object.freeze(steps(20, 100, 1));

/** How many identical consecutive sets a set group stands for: 1–20 (a SessionExercise has ≤ 20 sets). */
export const SET_COUNT_VALUES: readonly number[] = Object.freeze(steps(1, 20, 1));

/**
 * Loads in kg (Load type "kg"), sized to keep the vocabulary small: 1–30 by 1 (dumbbells and
 * kettlebells, one implement), the 2.5 kg plate steps below 30 that are not whole (2.5, 7.5 …
 * 27.5), and 32.5–300 by 2.5 (barbells, machines, heavy dumbbells). The planner writes loads on
 * this grid; `quantizeForLanguage` snaps any other value (above 300 kg to 300).
 */
export const KG_VALUES: readonly number[] = Object.freeze(
  [...steps(1, 30, 1), ...steps(2.5, 27.5, 5), ...steps(32.5, 300, 2.5)].sort((a, b) => a - b),
);

/** A progression's load step, kg: 0.5–5 by 0.5 (the schema's grid). */
export const STEP_KG_VALUES: readonly number[] = Object.freeze(steps(0.5, 5, 0.5));

/** Day of the week of a session, 0 = first day. */
export const WEEKDAY_VALUES: readonly number[] = Object.freeze(steps(0, 6, 1));

/** Prompt only (lossy): daily kcal rounded to the nearest 100, 100–10 000. */
export const KCAL_VALUES: readonly number[] = Object.freeze(steps(100, 10000, 100));

/** Prompt only: plan days asked (PlanRequest.days, 1–31). */
export const PLAN_DAY_VALUES: readonly number[] = Object.freeze(steps(1, 31, 1));

/** Prompt only: training days per week (1–7). */
export const TRAINING_DAY_VALUES: readonly number[] = Object.freeze(steps(1, 7, 1));

/** Prompt only: meals per day (2–6). */
export const MEALS_PER_DAY_VALUES: readonly number[] = Object.freeze(steps(2, 6, 1));

/** Prompt only (lossy): session minutes rounded to the nearest 5, 10–240. */
export const SESSION_MINUTE_VALUES: readonly number[] = Object.freeze(steps(10, 240, 5));

/** Prompt only (lossy): weekly rate magnitude rounded to the nearest 0.05, 0–2. */
export const RATE_VALUES: readonly number[] = Object.freeze(steps(0, 2, 0.05));

/** Prompt buckets (lossy): lower bounds of 5-unit bands. */
export const AGE_BANDS: readonly number[] = Object.freeze(steps(0, 120, 5));
export const WEIGHT_KG_BANDS: readonly number[] = Object.freeze(steps(0, 400, 5));
export const HEIGHT_CM_BANDS: readonly number[] = Object.freeze(steps(45, 250, 5));
export const BODY_FAT_BANDS: readonly number[] = Object.freeze(steps(0, 70, 5));

/**
 * The value of `values` nearest to `x`; a tie goes to the larger value. `values` ascending.
 * Used only where rounding is the documented contract (the prompt's buckets, the explicit
 * `quantizeForLanguage`), never to format a plan.
 */
export function nearest(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  const above = values[lo]!;
  const below = lo > 0 ? values[lo - 1]! : above;
  return x - below < above - x ? below : above;
}

/** The band (lower bound) containing `x`: the largest band start ≤ x. `bands` ascending. */
export function band(bands: readonly number[], x: number): number {
  let out = bands[0]!;
  for (const b of bands) if (b <= x) out = b;
  return out;
}

/** "5-9" style label of the 5-unit band starting at `b`. */
export function bandLabel(b: number): string {
  return `${b}-${b + 4}`;
}

/** Number → token text: integers plain, halves with one decimal ("7.5"). */
export function numText(x: number): string {
  return String(x);
}
