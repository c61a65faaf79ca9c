import { describe, expect, it } from 'vitest';
import { macroTargets } from '../src/targets/macros';

describe('macroTargets', () => {
  it('maintain, 70 kg, 2,000 kcal: 112 g P, 56 g F, 262 g C (@example)', () => {
    // Hand: P = 1.6 × 70 = 112 g (448 kcal). F = 25 % × 2000 / 9 = 55.6 → rounded up 56 g (504 kcal);
    // the 0.5 g/kg floor is 35 g. C = (2000 − 448 − 504) / 4 = 262 g. 448 + 1048 + 504 = 2000.
    const m = macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'maintain' });
    expect(m).toMatchObject({ proteinG: 112, fatG: 56, carbsG: 262, energyKcal: 2000, findings: [] });
    expect(m.protein).toMatchObject({ gPerKg: 1.6, basis: 'body-weight' });
  });
  it('deficit with lean mass known: 2.3 g/kg of lean mass (Helms 2014)', () => {
    // 80 kg at 20 % fat → 64 kg lean; 2.3 × 64 = 147.2 → 147 g (588 kcal). F 56 g (504 kcal).
    // C = (2000 − 588 − 504) / 4 = 227 g. Total 588 + 908 + 504 = 2000.
    const m = macroTargets({ targetKcal: 2000, weightKg: 80, goal: 'lose', leanMassKg: 64 });
    expect(m).toMatchObject({ proteinG: 147, fatG: 56, carbsG: 227, energyKcal: 2000 });
    expect(m.protein.basis).toBe('lean-mass');
  });
  it('deficit without lean mass: 2.0 g/kg body weight; general population: RDA 0.8 g/kg', () => {
    expect(macroTargets({ targetKcal: 2000, weightKg: 80, goal: 'lose' }).proteinG).toBe(160);
    expect(
      macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'lose', population: 'general' }).proteinG,
    ).toBe(56);
    expect(macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'gain', proteinGPerKg: 2.2 }).proteinG).toBe(
      154,
    );
  });
  it('the 0.5 g/kg fat floor binds for a heavy person on a low target, and low carbs are reported', () => {
    // 150 kg, 1,500 kcal, RDA protein: P = 120 g (480 kcal). 25 % fat = 41.7 g < 0.5 × 150 = 75 g → 75 g
    // (675 kcal). C = (1500 − 480 − 675) / 4 = 86.25 → 86 g, below the 130 g RDA.
    const m = macroTargets({ targetKcal: 1500, weightKg: 150, goal: 'maintain', population: 'general' });
    expect(m).toMatchObject({ proteinG: 120, fatG: 75, carbsG: 86, energyKcal: 480 + 344 + 675 });
    expect(m.findings).toEqual([
      expect.objectContaining({ code: 'CARBS_BELOW_RDA', severity: 'warning', value: 86, limit: 130 }),
    ]);
  });
  it('reports, not hides, protein + fat above the target (carbs 0)', () => {
    // 150 kg in a deficit: P = 2.0 × 150 = 300 g = 1200 kcal > 1000 kcal target.
    const m = macroTargets({ targetKcal: 1000, weightKg: 150, goal: 'lose' });
    expect(m.carbsG).toBe(0);
    expect(m.findings.map((f) => f.code)).toEqual(['MACROS_EXCEED_TARGET', 'CARBS_BELOW_RDA']);
    expect(m.energyKcal).toBeGreaterThan(1000);
  });
  it('rejects a fat share under the 20 % AMDR floor and lean mass above weight', () => {
    expect(() =>
      macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'maintain', fatPercent: 15 }),
    ).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'macroTargets', path: ['fatPercent'] }),
    );
    expect(() => macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'lose', leanMassKg: 75 })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT', path: ['leanMassKg'] }),
    );
    expect(() =>
      macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'lose', population: 'athlete' as 'general' }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_ENUM', path: ['population'] }));
  });
});
