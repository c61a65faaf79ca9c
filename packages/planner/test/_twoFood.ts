import type { PortionItem } from '../src/index';

/*
 * Two foods whose optimum is computed by hand. Per 100 g:
 *   oats: 400 kcal, 10 g protein, 5 g fat, 70 g carbs, 10 g fiber
 *   whey: 400 kcal, 80 g protein, 5 g fat,  5 g carbs,  0 g fiber
 * With x g oats and y g whey, hitting 2000 kcal and 155 g protein exactly is the 2×2 system
 *   4x + 4y = 2000       → x + y = 500
 *   0.1x + 0.8y = 155    → 0.1(500 − y) + 0.8y = 155 → 0.7y = 105 → y = 150, x = 350.
 * Then fat = 0.05·500 = 25 g, carbs = 0.7·350 + 0.05·150 = 245 + 7.5 = 252.5 g and fiber =
 * 0.1·350 = 35 g, so with those as targets every deviation is 0 at (350, 150) and nowhere else
 * (kcal and protein alone pin x and y), which is therefore the optimum.
 */
export const OATS = { kcal: 400, proteinG: 10, fatG: 5, carbsG: 70, fiberG: 10 };
export const WHEY = { kcal: 400, proteinG: 80, fatG: 5, carbsG: 5, fiberG: 0 };

/** A solver item of 0–1,000 g in 1 g steps. */
export const item = (
  id: string,
  per100g: PortionItem['per100g'],
  extra: Partial<PortionItem> = {},
): PortionItem => ({
  id,
  per100g,
  minG: 0,
  maxG: 1000,
  stepG: 1,
  ...extra,
});
