import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { energyFromMacros } from '../src/nutrition/energy';
import { mealNutrients, portionNutrients, sumNutrients } from '../src/nutrition/portion';

// USDA SR24 values per 100 g, read from the XML in Debian cronometer's usda_sr24.jar
// (09003.xml "Apples, raw, with skin", 01123.xml "Egg, whole, raw, fresh").
const APPLE = { kcal: 52, protein: 0.26, fat: 0.17, carbs: 13.81, fiber: 2.4, sugars: 10.39, alcohol: 0 };
const EGG = { kcal: 143, protein: 12.56, fat: 9.51, carbs: 0.72, fiber: 0, sugars: 0.37, alcohol: 0 };

describe('energyFromMacros (EU 1169/2011 Annex XIV)', () => {
  it('matches the doc example by hand', () => {
    // 4·10 + 4·(30 − 5) + 9·10 + 2·5 = 40 + 100 + 90 + 10 = 240
    expect(energyFromMacros({ protein: 10, fat: 10, carbs: 30, fiber: 5 })).toBe(240);
  });
  it('counts alcohol at 7 kcal/g', () => {
    // 40 g alcohol → 280 kcal
    expect(energyFromMacros({ protein: 0, fat: 0, carbs: 0, fiber: 0, alcohol: 40 })).toBe(280);
  });
  it('apple by hand: 4·0.26 + 4·11.41 + 9·0.17 + 2·2.4 = 53.01 kcal', () => {
    expect(energyFromMacros(APPLE)).toBeCloseTo(53.01, 10);
  });
  it('rejects fiber above carbs and negative amounts', () => {
    expect(() => energyFromMacros({ protein: 0, fat: 0, carbs: 1, fiber: 2 })).toThrow(
      expect.objectContaining({ code: 'INCONSISTENT', path: ['fiber'] }),
    );
    expect(() => energyFromMacros({ protein: -1, fat: 0, carbs: 0, fiber: 0 })).toThrow(NexFitraError);
  });
});

describe('portionNutrients', () => {
  it('scales an apple to 182 g (one medium apple, USDA measure)', () => {
    const p = portionNutrients(APPLE, 182);
    // 52 × 1.82 = 94.64 kcal; 13.81 × 1.82 = 25.1342 g carbs; 2.4 × 1.82 = 4.368 g fiber
    expect(p.kcal).toBeCloseTo(94.64, 10);
    expect(p.carbs).toBeCloseTo(25.1342, 10);
    expect(p.fiber).toBeCloseTo(4.368, 10);
    expect(p.sugars).toBeCloseTo(18.9098, 10);
  });
  it('scales micronutrients too', () => {
    expect(portionNutrients({ ...EGG, micronutrients: { sodium_mg: 142 } }, 50).micronutrients).toEqual({
      sodium_mg: 71,
    });
  });
  it('throws OUT_OF_RANGE for negative grams and SCHEMA for bad nutrients', () => {
    expect(() => portionNutrients(APPLE, -1)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['grams'] }),
    );
    expect(() => portionNutrients({ ...APPLE, kcal: -5 }, 10)).toThrow(
      expect.objectContaining({ code: 'SCHEMA', path: ['per100g', 'kcal'] }),
    );
  });
  it('is linear: portion(a) + portion(b) = portion(a + b)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (a, b) => {
          const s = sumNutrients([portionNutrients(EGG, a), portionNutrients(EGG, b)]);
          const whole = portionNutrients(EGG, a + b);
          expect(s.kcal).toBeCloseTo(whole.kcal, 6);
          expect(s.protein).toBeCloseTo(whole.protein, 6);
        },
      ),
    );
  });
});

describe('sumNutrients / mealNutrients', () => {
  it('a meal of 100 g egg and 150 g apple by hand', () => {
    const m = mealNutrients([
      { per100g: EGG, grams: 100 },
      { per100g: APPLE, grams: 150 },
    ]);
    // kcal 143 + 78 = 221; protein 12.56 + 0.39 = 12.95; fat 9.51 + 0.255 = 9.765;
    // carbs 0.72 + 20.715 = 21.435; fiber 0 + 3.6 = 3.6; sugars 0.37 + 15.585 = 15.955
    expect(m.kcal).toBeCloseTo(221, 10);
    expect(m.protein).toBeCloseTo(12.95, 10);
    expect(m.fat).toBeCloseTo(9.765, 10);
    expect(m.carbs).toBeCloseTo(21.435, 10);
    expect(m.fiber).toBeCloseTo(3.6, 10);
    expect(m.sugars).toBeCloseTo(15.955, 10);
  });
  it('leaves out an optional amount that one part does not report', () => {
    const { sugars: _s, ...noSugars } = APPLE;
    expect(sumNutrients([EGG, noSugars]).sugars).toBeUndefined();
    expect(sumNutrients([])).toEqual({ kcal: 0, protein: 0, fat: 0, carbs: 0, fiber: 0 });
  });
  it('names the item index of a bad amount', () => {
    expect(() =>
      mealNutrients([
        { per100g: EGG, grams: 10 },
        { per100g: APPLE, grams: -3 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['items', 1, 'grams'] }));
  });
});
