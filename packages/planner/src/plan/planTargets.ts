import {
  type DailyTargetsOk,
  type DailyTargetsOptions,
  dailyTargets,
  type PlanRequestT,
  type Refusal,
  type TargetsSummaryT,
  toCm,
  toKg,
} from '@nexfitra/core';

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
 * (units converted with `toKg`/`toCm`; a `%bw/week` rate is core's `%/week`), rounded to whole
 * kcal and grams, with fiber 14 g/1,000 kcal. For a keto diet carbohydrate is capped at
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
  const t = dailyTargets(
    {
      sex: p.sex,
      ageYears: p.age,
      weightKg: toKg(p.weight, 'profile.weight'),
      heightCm: toCm(p.height, 'profile.height'),
      activityLevel: p.activityLevel,
      ...(p.bodyFatPercent !== undefined ? { bodyFatPercent: p.bodyFatPercent } : {}),
      ...(p.pregnant !== undefined ? { pregnant: p.pregnant } : {}),
      ...(p.lactating !== undefined ? { lactating: p.lactating } : {}),
    },
    {
      type: g.type,
      ...(g.rate !== undefined
        ? { rate: { value: g.rate.value, unit: g.rate.unit === 'kg/week' ? 'kg/week' : '%/week' } as const }
        : {}),
    },
    options,
  );
  if (!t.ok) return t;
  const kcal = Math.round(t.calories.targetKcal);
  const proteinG = Math.round(t.macros.proteinG);
  let fatG = Math.round(t.macros.fatG);
  let carbsG = Math.round(t.macros.carbsG);
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
