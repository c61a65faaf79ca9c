import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';

/** Energy conversion factors, kcal per gram (EU Regulation 1169/2011, Annex XIV). */
export const EU_ENERGY_FACTORS = {
  protein: 4,
  availableCarbs: 4,
  fat: 9,
  fiber: 2,
  alcohol: 7,
} as const;

/**
 * Energy from macronutrients with the general factors of EU food labelling:
 * 4·protein + 4·(carbs − fiber) + 9·fat + 2·fiber + 7·alcohol, in kcal.
 * `carbs` is total carbohydrate by difference INCLUDING fiber (the USDA convention), so the
 * available carbohydrate is `carbs − fiber`.
 *
 * Reference: Regulation (EU) No 1169/2011 of the European Parliament and of the Council of
 * 25 October 2011 on the provision of food information to consumers, Annex XIV (conversion
 * factors: carbohydrate 17 kJ/4 kcal, fat 37 kJ/9 kcal, protein 17 kJ/4 kcal, fibre 8 kJ/2 kcal,
 * alcohol 29 kJ/7 kcal per gram).
 *
 * Note: USDA SR24 computes its energy with Atwater *specific* factors per food (e.g. protein
 * 2.44, fat 8.37, carbohydrate 3.57 kcal/g for broccoli), so its stored kcal differs from this
 * general-factor value for many foods.
 *
 * @param n.protein g, n.fat g, n.carbs g (incl. fiber), n.fiber g (≤ carbs), n.alcohol g (optional, default 0)
 * @returns kcal
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` for a bad amount, `INCONSISTENT` when fiber exceeds carbs
 * @example energyFromMacros({ protein: 10, fat: 10, carbs: 30, fiber: 5 }) // 40 + 100 + 90 + 10 = 240
 */
export function energyFromMacros(n: {
  readonly protein: number;
  readonly fat: number;
  readonly carbs: number;
  readonly fiber: number;
  readonly alcohol?: number | undefined;
}): number {
  const fn = 'energyFromMacros';
  checkObject(fn, 'n', n);
  const g = { min: 0, unit: 'g' };
  const protein = checkNumber(fn, 'protein', n.protein, g);
  const fat = checkNumber(fn, 'fat', n.fat, g);
  const carbs = checkNumber(fn, 'carbs', n.carbs, g);
  const fiber = checkNumber(fn, 'fiber', n.fiber, g);
  const alcohol = n.alcohol === undefined ? 0 : checkNumber(fn, 'alcohol', n.alcohol, g);
  if (fiber > carbs) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: ['fiber'],
      value: fiber,
      allowed: `at most carbs (${carbs} g): carbs is total carbohydrate including fiber`,
    });
  }
  const f = EU_ENERGY_FACTORS;
  const kcal =
    f.protein * protein +
    f.availableCarbs * (carbs - fiber) +
    f.fat * fat +
    f.fiber * fiber +
    f.alcohol * alcohol;
  if (Number.isFinite(kcal)) return kcal;
  // Amounts near 1e308 g overflow the total: name the largest amount rather than return Infinity.
  const amounts = { protein, carbs, fat, alcohol };
  const [field, value] = (Object.entries(amounts) as [keyof typeof amounts, number][]).reduce((a, b) =>
    b[1] > a[1] ? b : a,
  );
  throw new NexFitraError({
    code: 'OUT_OF_RANGE',
    fn,
    path: [field],
    value,
    allowed: 'an amount for which the energy total stays finite',
  });
}
