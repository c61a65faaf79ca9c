import { describe, expect, it } from 'vitest';
import { calorieTarget, GAIN_KCAL_PER_KG, LOSS_KCAL_PER_KG } from '../src/targets/calories';
import { KG_PER_LB } from '../src/units/index';

describe('calorie constants', () => {
  it('7,700 kcal/kg is the 3,500 kcal/lb rule (Wishnofsky 1958) rounded', () => {
    // 3500 kcal/lb ÷ 0.45359237 kg/lb = 7716.2 kcal/kg; 7700 is within 0.3 %.
    expect(Math.abs(3500 / KG_PER_LB - LOSS_KCAL_PER_KG) / LOSS_KCAL_PER_KG).toBeLessThan(0.003);
  });
  it('5,600 kcal/kg is half lean (7.6 MJ/kg) and half fat (39.5 MJ/kg) tissue (Hall 2008), rounded', () => {
    // (7.6 + 39.5) / 2 = 23.55 MJ/kg; 23,550 kJ / 4.184 kJ/kcal = 5628.6 kcal/kg; within 1 %.
    expect(Math.abs(23550 / 4.184 - GAIN_KCAL_PER_KG) / GAIN_KCAL_PER_KG).toBeLessThan(0.01);
  });
});

describe('calorieTarget', () => {
  it('loses 0.5 kg/week from 2,500 kcal: 2500 − 0.5 × 7700 / 7 = 1950 (@example)', () => {
    const r = calorieTarget({
      tdeeKcal: 2500,
      weightKg: 80,
      goal: 'lose',
      rate: { value: 0.5, unit: 'kg/week' },
    });
    // Hand: 0.5 × 7700 = 3850 kcal/week; / 7 = 550 kcal/d.
    expect(r.targetKcal).toBeCloseTo(1950, 9);
    expect(r.dailyDeltaKcal).toBeCloseTo(-550, 9);
    // 0.5 kg of 80 kg = 0.625 %.
    expect(r.weeklyRatePercent).toBeCloseTo(0.625, 12);
    expect(r.kcalPerKg).toBe(7700);
  });
  it('converts a %/week rate with the current weight: 1 % of 80 kg = 0.8 kg → −880 kcal/d', () => {
    const r = calorieTarget({
      tdeeKcal: 2500,
      weightKg: 80,
      goal: 'lose',
      rate: { value: 1, unit: '%/week' },
    });
    // Hand: 0.8 × 7700 / 7 = 880; 2500 − 880 = 1620.
    expect(r.weeklyRateKg).toBeCloseTo(0.8, 12);
    expect(r.targetKcal).toBeCloseTo(1620, 9);
  });
  it('gains 0.25 kg/week from 2,800 kcal: 2800 + 0.25 × 5600 / 7 = 3000 (@example)', () => {
    const r = calorieTarget({
      tdeeKcal: 2800,
      weightKg: 70,
      goal: 'gain',
      rate: { value: 0.25, unit: 'kg/week' },
    });
    expect(r.targetKcal).toBeCloseTo(3000, 9);
    expect(r.dailyDeltaKcal).toBeCloseTo(200, 9);
  });
  it('maintains at TDEE, with or without a zero rate', () => {
    expect(calorieTarget({ tdeeKcal: 2300, weightKg: 70, goal: 'maintain' }).targetKcal).toBe(2300);
    const r = calorieTarget({
      tdeeKcal: 2300,
      weightKg: 70,
      goal: 'maintain',
      rate: { value: 0, unit: 'kg/week' },
    });
    expect(r.dailyDeltaKcal).toBe(0);
  });
  it('rejects contradictions and bad input with typed errors', () => {
    const base = { tdeeKcal: 2500, weightKg: 80 } as const;
    expect(() =>
      calorieTarget({ ...base, goal: 'maintain', rate: { value: 0.5, unit: 'kg/week' } }),
    ).toThrowError(expect.objectContaining({ code: 'INCONSISTENT', path: ['rate', 'value'] }));
    expect(() => calorieTarget({ ...base, goal: 'lose' })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT', fn: 'calorieTarget', path: ['rate'] }),
    );
    expect(() =>
      calorieTarget({ ...base, goal: 'lose', rate: { value: -0.5, unit: 'kg/week' } }),
    ).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['rate', 'value'] }));
    expect(() =>
      calorieTarget({ ...base, goal: 'lose', rate: { value: 1, unit: 'lb/week' as 'kg/week' } }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_ENUM', path: ['rate', 'unit'] }));
    expect(() => calorieTarget({ ...base, goal: 'cut' as 'lose' })).toThrowError(/goal/);
    expect(() => calorieTarget({ ...base, tdeeKcal: Number.NaN, goal: 'maintain' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_TYPE', path: ['tdeeKcal'] }),
    );
    // 600 kcal TDEE − 1 kg/week (1100 kcal/d) would be negative.
    expect(() =>
      calorieTarget({ tdeeKcal: 600, weightKg: 80, goal: 'lose', rate: { value: 1, unit: 'kg/week' } }),
    ).toThrowError(expect.objectContaining({ code: 'INCONSISTENT' }));
  });
  it('says which rate would work, in the unit the caller used, when a deficit eats the whole TDEE', () => {
    // kg/week: the largest rate is 7 × 600 / 7700 = 0.5454… kg/week, shown floored as 0.54.
    expect(() =>
      calorieTarget({ tdeeKcal: 600, weightKg: 80, goal: 'lose', rate: { value: 1, unit: 'kg/week' } }),
    ).toThrowError(
      'calorieTarget: rate.value = 1 is not allowed; expected a rate below 0.54 kg/week: at 1 kg/week the deficit of 1100 kcal/d would use up the whole TDEE of 600 kcal/d (target -500 kcal/d)',
    );
    // %/week: 2 % of 80 kg = 1.6 kg → 1760 kcal/d; limit 0.5454… kg = 0.6818… % of 80 kg → 0.68.
    expect(() =>
      calorieTarget({ tdeeKcal: 600, weightKg: 80, goal: 'lose', rate: { value: 2, unit: '%/week' } }),
    ).toThrowError(/a rate below 0\.68 %\/week: at 2 %\/week the deficit of 1760 kcal\/d/);
    // The shown limit itself is served: 0.54 kg/week → 600 − 594 = 6 kcal/d (> 0).
    expect(
      calorieTarget({ tdeeKcal: 600, weightKg: 80, goal: 'lose', rate: { value: 0.54, unit: 'kg/week' } })
        .targetKcal,
    ).toBeCloseTo(6, 9);
  });
  it('the gain convention gives 140–360 kcal/d at 0.25–0.5 %/week for 70–90 kg (GAIN_KCAL_PER_KG doc)', () => {
    // 0.25 % of 70 kg = 0.175 kg/week × 5600 / 7 = 140; 0.5 % of 90 kg = 0.45 kg/week × 800 = 360.
    const at = (weightKg: number, value: number) =>
      calorieTarget({ tdeeKcal: 2500, weightKg, goal: 'gain', rate: { value, unit: '%/week' } })
        .dailyDeltaKcal;
    expect(at(70, 0.25)).toBeCloseTo(140, 9);
    expect(at(90, 0.5)).toBeCloseTo(360, 9);
  });
});
