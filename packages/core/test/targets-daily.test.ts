import { describe, expect, it } from 'vitest';
import * as core from '../src/index';
import { timeToGoal } from '../src/progress/hall/timeToGoal';
import { dailyTargets } from '../src/targets/dailyTargets';

const man = { sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180, activityLevel: 'moderate' } as const;

describe('dailyTargets', () => {
  it('composes BMR → TDEE → target → macros → fiber → AMDR (@example)', () => {
    const r = dailyTargets(man, { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } });
    if (!r.ok) throw new Error('expected ok');
    // Mifflin–St Jeor (1990): 10·80 + 6.25·180 − 5·30 + 5 = 800 + 1125 − 150 + 5 = 1780 kcal.
    expect(r.bmr).toEqual({ kcal: 1780, equation: 'mifflin-st-jeor' });
    // × 1.55 (moderate) = 2759; − 0.5 × 7700 / 7 = 550 → 2209.
    expect(r.tdee.kcal).toBeCloseTo(2759, 9);
    expect(r.calories.targetKcal).toBeCloseTo(2209, 9);
    // P = 2.0 × 80 = 160 g; F = ⌈0.25 × 2209 / 9⌉ = ⌈61.36⌉ = 62 g; C = round((2209 − 640 − 558) / 4)
    // = round(252.75) = 253 g.
    expect(r.macros).toMatchObject({ proteinG: 160, fatG: 62, carbsG: 253 });
    // 14 × 2.209 = 30.926 g; AI men 19–50 = 38 g.
    expect(r.fiber.forEnergyG).toBeCloseTo(30.926, 9);
    expect(r.fiber.adequateIntakeG).toBe(38);
    expect(r.amdr.carbohydrate.status).toBe('within');
    expect(r.findings).toEqual([]);
    expect(r.clinicianOverride).toBeNull();
  });
  it('plans an unsafe loss target at the lowest safe intake, with a finding (the floor policy)', () => {
    // Hand calculation. Mifflin: 550 + 1000 − 150 − 161 = 1239 kcal; × 1.2 = 1486.8; 0.5 kg/week
    // asks 1486.8 − 550 = 936.8 kcal. Lowest safe intake = max(floor 1200, BMR 1239,
    // 1 %/week: 1486.8 − 0.55 × 7700 / 7 = 881.8) = 1239 (BMR) → planned 1239 kcal/d,
    // (1486.8 − 1239) × 7 / 7700 = 0.2253 kg/week.
    const r = dailyTargets(
      { sex: 'female', ageYears: 30, weightKg: 55, heightCm: 160, activityLevel: 'sedentary' },
      { type: 'lose', rate: { value: 0.5, unit: 'kg/week' }, targetWeight: 50 },
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.calories.targetKcal).toBe(1239);
    expect(r.calories.limitedBy).toBe('bmr');
    expect(r.calories.requested.targetKcal).toBeCloseTo(936.8, 9);
    expect(r.calories.weeklyRateKg).toBeCloseTo((247.8 * 7) / 7700, 9);
    // Time to 50 kg: the Hall 2011 model (tested against the bw package in progress-hall tests)
    // eating 1,239 kcal/d from a 1,486.8 kcal/d maintenance; slower than the static rule's
    // 5 kg / 0.2253 kg/week = 22.2 weeks, because expenditure falls as weight falls.
    const hall = timeToGoal({
      profile: { sex: 'female', ageYears: 30, weightKg: 55, heightCm: 160, maintenanceKcal: 1486.8 },
      intakeKcal: 1239,
      goalWeightKg: 50,
    });
    expect(r.calories.weeksToTarget).toBe(hall.weeks);
    expect(r.calories.weeksToTarget ?? 0).toBeGreaterThan(5 / ((247.8 * 7) / 7700));
    // Macros: P = 2.0 × 55 = 110 g (440 kcal); F = max(25 % × 1239 = 309.75, 0.5 × 55 × 9 = 247.5)
    // / 9 = 34.4 → 35 g (315 kcal); C = (1239 − 440 − 315) / 4 = 121 g, under the 130 g RDA.
    expect(r.macros).toMatchObject({ proteinG: 110, fatG: 35, carbsG: 121 });
    expect(r.findings.map((f) => f.code)).toEqual(['TARGET_RAISED_FOR_SAFETY', 'CARBS_BELOW_RDA']);
    expect(r.findings[0]?.message).toBe(
      `0.50 kg/week needs 937 kcal/day; planned 1,239 kcal/day (the estimated BMR) → 0.23 kg/week, 5.0 kg in ${Math.ceil(hall.weeks ?? 0)} weeks.`,
    );
  });
  it('a clinician override plans the asked target, with the critical findings beside it', () => {
    // Same person as above: asked 936.8 → 937 kcal. F = max(234.25, 247.5) / 9 = 27.5 → 28 g;
    // C = round((937 − 440 − 252) / 4) = round(61.25) = 61 g.
    const r = dailyTargets(
      { sex: 'female', ageYears: 30, weightKg: 55, heightCm: 160, activityLevel: 'sedentary' },
      { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
      { clinicianOverride: { reason: 'supervised very-low-calorie diet' } },
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.calories.targetKcal).toBe(937);
    expect(r.calories.limitedBy).toBeNull();
    expect(r.macros).toMatchObject({ proteinG: 110, fatG: 28, carbsG: 61 });
    expect(r.findings.map((f) => f.code)).toEqual(['BELOW_CALORIE_FLOOR', 'BELOW_BMR', 'CARBS_BELOW_RDA']);
  });
  it('the same person in the request shape (units) gives the same targets', () => {
    // 55 kg = 121.254 lb (55 / 0.45359237); 160 cm = 62.992 in (160 / 2.54).
    const flat = dailyTargets(
      { sex: 'female', ageYears: 30, weightKg: 55, heightCm: 160, activityLevel: 'light' },
      { type: 'lose', rate: { value: 0.5, unit: '%bw/week' } },
    );
    const person = dailyTargets(
      {
        sex: 'female',
        age: 30,
        weight: { value: 55 / 0.45359237, unit: 'lb' },
        height: { value: 160 / 2.54, unit: 'in' },
        activityLevel: 'light',
      },
      { type: 'lose', rate: { value: 0.5, unit: '%bw/week' } },
    );
    if (!flat.ok || !person.ok) throw new Error('expected ok');
    expect(person.calories.targetKcal).toBe(flat.calories.targetKcal);
    expect(person.bmr.kcal).toBeCloseTo(flat.bmr.kcal, 9);
  });
  it('rejects an adult body that is a typo, naming the field', () => {
    // 2 kg at 160 cm is a BMI of 0.78.
    expect(() =>
      dailyTargets(
        {
          sex: 'female',
          age: 30,
          weight: { value: 2, unit: 'kg' },
          height: { value: 160, unit: 'cm' },
          activityLevel: 'light',
        },
        { type: 'maintain' },
      ),
    ).toThrowError(
      expect.objectContaining({
        code: 'OUT_OF_RANGE',
        fn: 'dailyTargets',
        path: ['profile', 'weight', 'value'],
      }),
    );
  });
  it('refuses a loss goal when no safe deficit exists', () => {
    // Woman 70 y, 50 kg, 150 cm, sedentary: Mifflin 500 + 937.5 − 350 − 161 = 926.5; × 1.2 = 1111.8
    // < the 1,200 kcal floor, so any loss would need an intake under the floor.
    const r = dailyTargets(
      { sex: 'female', ageYears: 70, weightKg: 50, heightCm: 150, activityLevel: 'sedentary' },
      { type: 'lose', rate: { value: 0.25, unit: 'kg/week' } },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.reasons).toEqual([
      expect.objectContaining({ code: 'NO_SAFE_DEFICIT', value: 1112, limit: 1200 }),
    ]);
  });
  it('refuses before computing anything, and records an override when given', () => {
    const teen = { ...man, ageYears: 16, weightKg: 60, heightCm: 170 };
    const refused = dailyTargets(teen, { type: 'maintain' });
    expect(refused).toEqual({
      ok: false,
      refusal: expect.objectContaining({ reasons: [expect.objectContaining({ code: 'MINOR' })] }),
    });
    const r = dailyTargets(
      teen,
      { type: 'maintain' },
      { clinicianOverride: { reason: 'sports dietitian review' } },
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.clinicianOverride).toEqual({ reason: 'sports dietitian review', waived: ['MINOR'] });
    // Under 18 the BMR defaults to Schofield; FAO/WHO/UNU 1985 (TRS 724) boys 10–18: 17.5·kg + 651
    // → 17.5 × 60 + 651 = 1701 kcal.
    expect(r.bmr.equation).toBe('schofield');
    expect(r.bmr.kcal).toBeCloseTo(1701, 9);
  });
  it('Katch–McArdle from body fat, and a PAL override', () => {
    // Lean mass 80 × 0.8 = 64 kg; 370 + 21.6 × 64 = 1752.4 kcal; × PAL 1.7 = 2979.08.
    const r = dailyTargets(
      { ...man, bodyFatPercent: 20 },
      { type: 'maintain' },
      { bmrEquation: 'katch-mcardle', pal: 1.7 },
    );
    if (!r.ok) throw new Error('expected ok');
    expect(r.bmr.kcal).toBeCloseTo(1752.4, 9);
    expect(r.tdee.kcal).toBeCloseTo(2979.08, 9);
    expect(r.leanMassKg).toBeCloseTo(64, 12);
    expect(() => dailyTargets(man, { type: 'maintain' }, { bmrEquation: 'katch-mcardle' })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT', path: ['profile', 'bodyFatPercent'] }),
    );
  });
  it('names dailyTargets and the profile path in input errors', () => {
    expect(() => dailyTargets({ ...man, weightKg: -1 }, { type: 'maintain' })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'dailyTargets', path: ['profile', 'weightKg'] }),
    );
  });
  it('errors from a step name dailyTargets and the field the caller passed', () => {
    // Woman 70 y, 50 kg, 150 cm, sedentary: Mifflin 500 + 937.5 − 350 − 161 = 926.5; × 1.2 = 1111.8.
    // 2 kg/week = 2200 kcal/d > TDEE. Largest rate 7 × 1111.8 / 7700 = 1.0107… → "below 1.01".
    const older = {
      sex: 'female',
      ageYears: 70,
      weightKg: 50,
      heightCm: 150,
      activityLevel: 'sedentary',
    } as const;
    // Without an override the floor policy answers (a NO_SAFE_DEFICIT refusal, tested above); a
    // clinician may go under the floor, but a target ≤ 0 stays an input error.
    const co = { clinicianOverride: { reason: 'supervised' } };
    expect(() => dailyTargets(older, { type: 'lose', rate: { value: 2, unit: 'kg/week' } }, co)).toThrowError(
      expect.objectContaining({
        code: 'INCONSISTENT',
        fn: 'dailyTargets',
        path: ['goal', 'rate', 'value'],
        value: 2,
      }),
    );
    expect(() => dailyTargets(older, { type: 'lose', rate: { value: 2, unit: 'kg/week' } }, co)).toThrowError(
      /^dailyTargets: goal\.rate\.value = 2 is not allowed; expected a rate below 1\.01 kg\/week: at 2 kg\/week the deficit of 2200 kcal\/d would use up the whole TDEE of 1112 kcal\/d/,
    );
    expect(() =>
      dailyTargets(man, { type: 'gain', rate: { value: 1, unit: 'stone/week' as 'kg/week' } }),
    ).toThrowError(
      expect.objectContaining({ code: 'INVALID_ENUM', fn: 'dailyTargets', path: ['goal', 'rate', 'unit'] }),
    );
    expect(() => dailyTargets(man, { type: 'maintain' }, { pal: 3 })).toThrowError(
      expect.objectContaining({
        code: 'OUT_OF_RANGE',
        fn: 'dailyTargets',
        path: ['options', 'pal'],
        value: 3,
      }),
    );
    expect(() => dailyTargets(man, { type: 'maintain' }, { fatPercent: 10 })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'dailyTargets', path: ['options', 'fatPercent'] }),
    );
    expect(() => dailyTargets(man, { type: 'maintain' }, { proteinGPerKg: Number.NaN })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_TYPE',
        fn: 'dailyTargets',
        path: ['options', 'proteinGPerKg'],
      }),
    );
    // Under 1 year there is no fiber AI (IOM 2005): even with an override, the age is the problem.
    const infant = {
      sex: 'male',
      ageYears: 0.5,
      weightKg: 8,
      heightCm: 68,
      activityLevel: 'sedentary',
    } as const;
    expect(() =>
      dailyTargets(infant, { type: 'maintain' }, { clinicianOverride: { reason: 'paediatric dietitian' } }),
    ).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'dailyTargets', path: ['profile', 'ageYears'] }),
    );
    // Mifflin–St Jeor asked for a 16-year-old served under an override: the age is named.
    expect(() =>
      dailyTargets(
        { ...man, ageYears: 16 },
        { type: 'maintain' },
        { bmrEquation: 'mifflin-st-jeor', clinicianOverride: { reason: 'sports dietitian review' } },
      ),
    ).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'dailyTargets', path: ['profile', 'ageYears'] }),
    );
    // Age 200 and height 20 cm are input errors, not refusals.
    expect(() => dailyTargets({ ...man, ageYears: 200 }, { type: 'maintain' })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['profile', 'ageYears'] }),
    );
    expect(() => dailyTargets({ ...man, heightCm: 20 }, { type: 'maintain' })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['profile', 'heightCm'] }),
    );
  });
  it('is exported from the package entry with its parts', () => {
    for (const name of [
      'dailyTargets',
      'calorieTarget',
      'macroTargets',
      'mealSplit',
      'amdrStatus',
      'assessSafety',
    ] as const) {
      expect(typeof core[name]).toBe('function');
    }
  });
});
