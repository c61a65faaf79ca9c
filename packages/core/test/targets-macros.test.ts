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
  it('above BMI 25, g/kg applies to the weight at BMI 25 (McClave 2016): no 0 g carbohydrate at BMR level', () => {
    // A request the dataset builder crashed the planner with: 116.8 kg, 146.3 cm (BMI 54.6), losing,
    // planned at its BMR, 1,462 kcal. Hand: reference weight = 25 × 1.463² = 53.509 kg.
    // P = 2.0 × 53.509 = 107.02 → 107 g (428 kcal). F = max(25 % × 1462 = 365.5, 0.5 × 53.509 × 9 =
    // 240.8) / 9 = 40.6 → 41 g (369 kcal). C = (1462 − 428 − 369) / 4 = 166.25 → 166 g.
    // On the body weight it was P = 234 g and F = 59 g: 1,467 kcal before any carbohydrate.
    const m = macroTargets({ targetKcal: 1462, weightKg: 116.8, heightCm: 146.3, goal: 'lose' });
    expect(m).toMatchObject({ proteinG: 107, fatG: 41, carbsG: 166, findings: [] });
    expect(m.protein.basis).toBe('reference-weight');
    expect(m.protein.basisKg).toBeCloseTo(53.509, 3);
    // At or under BMI 25 nothing changes: 70 kg at 180 cm (BMI 21.6) as in the first example.
    expect(macroTargets({ targetKcal: 2000, weightKg: 70, heightCm: 180, goal: 'maintain' })).toMatchObject({
      proteinG: 112,
      protein: { basis: 'body-weight', basisKg: 70 },
    });
    // Continuous at BMI 25: 81 kg at 180 cm is exactly BMI 25 → the same 1.6 × 81 = 129.6 → 130 g either way.
    expect(macroTargets({ targetKcal: 2500, weightKg: 81, heightCm: 180, goal: 'maintain' }).proteinG).toBe(
      130,
    );
    // A caller's g/kg stays per kg of body weight (its documented meaning): 1.2 × 116.8 = 140.16 → 140 g.
    expect(
      macroTargets({ targetKcal: 2000, weightKg: 116.8, heightCm: 146.3, goal: 'lose', proteinGPerKg: 1.2 })
        .protein,
    ).toMatchObject({ basis: 'body-weight', basisKg: 116.8 });
    expect(
      macroTargets({ targetKcal: 2000, weightKg: 116.8, heightCm: 146.3, goal: 'lose', proteinGPerKg: 1.2 })
        .proteinG,
    ).toBe(140);
    // Lean mass, when known, still takes precedence in a deficit: 2.3 × 60 = 138 g.
    expect(
      macroTargets({ targetKcal: 2000, weightKg: 116.8, heightCm: 146.3, goal: 'lose', leanMassKg: 60 })
        .proteinG,
    ).toBe(138);
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
