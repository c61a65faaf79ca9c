import {
  type DailyTargetsOk,
  type DailyTargetsOptions,
  dailyTargets,
  isNexFitraError,
  NexFitraError,
  type PlanRequestT,
  type Refusal,
  type TargetsSummaryT,
} from '@nexfitra/core';

const FN = 'createPlan';

/**
 * Total carbohydrate (fiber included) of a keto day, g. A very-low-carbohydrate ketogenic diet is
 * 20–50 g of carbohydrate a day (Feinman RD et al. Dietary carbohydrate restriction as the first
 * approach in diabetes management: critical review and evidence base. Nutrition 2015;31:1–13);
 * the catalogue's carbohydrate includes fiber, so 50 g total leaves ≈ 20–35 g net on a day that
 * meets its fiber floor.
 */
export const KETO_CARBS_G = 50;

export type PlanTargets =
  | { readonly ok: true; readonly targets: TargetsSummaryT; readonly daily: DailyTargetsOk }
  | { readonly ok: false; readonly refusal: Refusal };

/**
 * The daily targets a plan is built to: core `dailyTargets` for the request's profile and goal
 * — its floor policy included: an unsafe loss goal is planned at the lowest safe intake, or refused
 * with `NO_SAFE_DEFICIT` — with fiber 14 g/1,000 kcal. `targets.kcal` is `calories.targetKcal`
 * (already whole kcal); the macro grams are `dailyTargets`' whole grams. For a keto diet carbohydrate is capped at
 * {@link KETO_CARBS_G} g and fat takes the freed energy (protein unchanged):
 * fat = (kcal − 4·protein − 4·carbs) / 9. A refusal (minor, pregnancy, lactation, weight loss when
 * underweight) is passed through unchanged.
 *
 * @throws {NexFitraError} as `dailyTargets` does, for invalid input
 * @example planTargets(request) // { ok: true, targets: { kcal: 2209, proteinG: 160, fatG: 74, carbsG: 228, fiberG: 31 }, … }
 */
export function planTargets(request: PlanRequestT, options: DailyTargetsOptions = {}): PlanTargets {
  const p = request.profile;
  const g = request.goal;
  let t: ReturnType<typeof dailyTargets>;
  try {
    // The request's profile and goal are the SDK's one person shape: passed as they are.
    t = dailyTargets(
      p,
      {
        type: g.type,
        ...(g.rate !== undefined ? { rate: g.rate } : {}),
        ...(g.targetWeight !== undefined ? { targetWeight: g.targetWeight } : {}),
      },
      options,
    );
  } catch (e) {
    // dailyTargets names profile./goal. fields as the request does; blame the caller's function.
    if (isNexFitraError(e) && (e.path[0] === 'profile' || e.path[0] === 'goal')) {
      throw new NexFitraError({ code: e.code, fn: FN, path: e.path, value: e.value, allowed: e.allowed });
    }
    throw e;
  }
  if (!t.ok) return t;
  const kcal = t.calories.targetKcal;
  const proteinG = t.macros.proteinG;
  let fatG = t.macros.fatG;
  let carbsG = t.macros.carbsG;
  if (request.preferences.diet === 'keto' && carbsG > KETO_CARBS_G) {
    carbsG = KETO_CARBS_G;
    fatG = Math.max(0, Math.round((kcal - 4 * proteinG - 4 * carbsG) / 9));
  }
  return {
    ok: true,
    targets: { kcal, proteinG, fatG, carbsG, fiberG: Math.round(t.fiber.forEnergyG) },
    daily: t,
  };
}
