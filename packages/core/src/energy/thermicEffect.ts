import { checkNumber, checkObject, type NumberRange } from '../_check';

/** Thermic effect of a mixed diet as a fraction of energy intake (Westerterp 2004). */
export const TEF_FRACTION = 0.1;

/**
 * Thermic effect per macronutrient as a fraction of that nutrient's energy. Westerterp (2004)
 * gives ranges (protein 20–30 %, carbohydrate 5–10 %, fat 0–3 %); these are the midpoints.
 */
export const TEF_MACRO_FRACTIONS = Object.freeze({ protein: 0.25, carbohydrate: 0.075, fat: 0.015 });

/**
 * Energy conversion factors used to turn grams into kcal for {@link thermicEffectOfMacros}:
 * protein 4, carbohydrate 4, fat 9 kcal/g (Regulation (EU) No 1169/2011, Annex XIV).
 */
const KCAL_PER_G = { protein: 4, carbohydrate: 4, fat: 9 } as const;

const INTAKE_KCAL: NumberRange = { min: 0, max: 20_000, unit: 'kcal/day' };
const GRAMS: NumberRange = { min: 0, max: 2_000, unit: 'g/day' };

/**
 * Thermic effect of food (diet-induced thermogenesis) of a mixed diet: `0.10 × intake`, kcal/day.
 *
 * Reference: Westerterp KR. Diet induced thermogenesis. Nutr Metab (Lond). 2004;1(1):5.
 * doi:10.1186/1743-7075-1-5 ("about 10 % of total energy intake" on a mixed diet in energy
 * balance).
 *
 * @param input.intakeKcal energy intake, kcal/day (0–20000)
 * @returns thermic effect, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming `intakeKcal`
 * @example thermicEffectOfFood({ intakeKcal: 2500 }) // 250
 */
export function thermicEffectOfFood(input: { readonly intakeKcal: number }): number {
  const o = checkObject('thermicEffectOfFood', 'input', input);
  return TEF_FRACTION * checkNumber('thermicEffectOfFood', 'intakeKcal', o['intakeKcal'], INTAKE_KCAL);
}

/**
 * Thermic effect of food from the macronutrient mix, kcal/day:
 * `4·P·0.25 + 4·C·0.075 + 9·F·0.015` with P, C, F in grams — the midpoints of Westerterp's
 * ranges (protein 20–30 %, carbohydrate 5–10 %, fat 0–3 % of each nutrient's energy) applied to
 * 4/4/9 kcal/g. Alcohol and fibre are not counted.
 *
 * Reference: Westerterp KR. Diet induced thermogenesis. Nutr Metab (Lond). 2004;1(1):5.
 *
 * @param input.proteinG protein, g/day (0–2000)
 * @param input.carbohydrateG available carbohydrate, g/day (0–2000)
 * @param input.fatG fat, g/day (0–2000)
 * @returns thermic effect, kcal/day
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` naming the field
 * @example thermicEffectOfMacros({ proteinG: 150, carbohydrateG: 250, fatG: 70 }) // 234.45
 */
export function thermicEffectOfMacros(input: {
  readonly proteinG: number;
  readonly carbohydrateG: number;
  readonly fatG: number;
}): number {
  const fn = 'thermicEffectOfMacros';
  const o = checkObject(fn, 'input', input);
  const p = checkNumber(fn, 'proteinG', o['proteinG'], GRAMS);
  const c = checkNumber(fn, 'carbohydrateG', o['carbohydrateG'], GRAMS);
  const f = checkNumber(fn, 'fatG', o['fatG'], GRAMS);
  return (
    p * KCAL_PER_G.protein * TEF_MACRO_FRACTIONS.protein +
    c * KCAL_PER_G.carbohydrate * TEF_MACRO_FRACTIONS.carbohydrate +
    f * KCAL_PER_G.fat * TEF_MACRO_FRACTIONS.fat
  );
}
