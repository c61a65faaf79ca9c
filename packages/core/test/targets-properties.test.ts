import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_LEVELS, GOAL_TYPES } from '../src/schemas/vocab';
import { calorieTarget } from '../src/targets/calories';
import { dailyTargets } from '../src/targets/dailyTargets';
import { macroTargets } from '../src/targets/macros';
import { apportion, mealSplit } from '../src/targets/mealSplit';
import { safetyFindings } from '../src/targets/safety';

const runs = { numRuns: 300 };

describe('targets properties', () => {
  it('macros × 4/4/9 equal the target within 2 kcal (half a gram of carbs) unless reported; no NaN', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 800, max: 6000, noNaN: true }),
        fc.double({ min: 40, max: 200, noNaN: true }),
        fc.constantFrom(...GOAL_TYPES),
        fc.constantFrom('exercising' as const, 'general' as const),
        fc.double({ min: 20, max: 40, noNaN: true }),
        // Every protein path: lean mass (a deficit uses g/kg of it) and the caller's override.
        fc.option(fc.double({ min: 0.5, max: 0.75, noNaN: true }), {
          nil: undefined,
        }),
        fc.option(fc.double({ min: 0.5, max: 4, noNaN: true }), {
          nil: undefined,
        }),
        (targetKcal, weightKg, goal, population, fatPercent, leanFraction, proteinGPerKg) => {
          const m = macroTargets({
            targetKcal,
            weightKg,
            goal,
            population,
            fatPercent,
            ...(leanFraction !== undefined ? { leanMassKg: leanFraction * weightKg } : {}),
            ...(proteinGPerKg !== undefined ? { proteinGPerKg } : {}),
          });
          for (const g of [m.proteinG, m.fatG, m.carbsG]) {
            expect(Number.isInteger(g) && g >= 0).toBe(true);
          }
          expect(m.energyKcal).toBe(4 * m.proteinG + 4 * m.carbsG + 9 * m.fatG);
          // The fat floors hold after rounding.
          expect(9 * m.fatG).toBeGreaterThanOrEqual((fatPercent / 100) * targetKcal - 1e-6);
          expect(m.fatG).toBeGreaterThanOrEqual(0.5 * weightKg - 1e-9);
          // Protein and fat are whole grams and carbohydrate is the rounded remainder / 4, so the
          // only error is carbohydrate's rounding: at most half a gram, 2 kcal. (Flooring carbs
          // instead, or rounding fat to nearest, breaks this or the floor checks above.)
          if (m.findings.some((f) => f.code === 'MACROS_EXCEED_TARGET')) {
            expect(m.carbsG).toBe(0);
            expect(m.energyKcal).toBeGreaterThan(targetKcal);
          } else {
            expect(Math.abs(m.energyKcal - targetKcal)).toBeLessThanOrEqual(2);
          }
        },
      ),
      runs,
    );
  });

  it('the loss-rate finding fires exactly when grams/week > 10 × kg (i.e. > 1 %/week)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 40, max: 200 }), (grams, kg) => {
        const c = calorieTarget({
          tdeeKcal: 3000,
          weightKg: kg,
          goal: 'lose',
          rate: { value: grams / 1000, unit: 'kg/week' },
        });
        const fired = safetyFindings({
          sex: 'male',
          goal: 'lose',
          targetKcal: c.targetKcal,
          weeklyRatePercent: c.weeklyRatePercent,
        }).some((f) => f.code === 'LOSS_RATE_ABOVE_MAX');
        // 100 × (g / 1000) / kg > 1  ⇔  g > 10 × kg, exact in integers.
        expect(fired).toBe(grams > 10 * kg);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (hundredths) => {
        const c = calorieTarget({
          tdeeKcal: 3000,
          weightKg: 80,
          goal: 'lose',
          rate: { value: hundredths / 100, unit: '%/week' },
        });
        const f = safetyFindings({
          sex: 'male',
          goal: 'lose',
          targetKcal: c.targetKcal,
          weeklyRatePercent: c.weeklyRatePercent,
        });
        expect(f.some((x) => x.code === 'LOSS_RATE_ABOVE_MAX')).toBe(hundredths > 100);
      }),
      runs,
    );
  });

  it('calorie floors fire exactly below 1,200 / 1,500 kcal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 3000 }),
        fc.constantFrom('male' as const, 'female' as const),
        (kcal, sex) => {
          const fired = safetyFindings({
            sex,
            goal: 'lose',
            targetKcal: kcal,
          }).some((f) => f.code === 'BELOW_CALORIE_FLOOR');
          expect(fired).toBe(kcal < (sex === 'male' ? 1500 : 1200));
        },
      ),
      runs,
    );
  });

  it('meal splits sum exactly to the day, and each meal is within 1 unit of its quota', () => {
    fc.assert(
      fc.property(
        fc.record({
          energyKcal: fc.integer({ min: 0, max: 8000 }),
          proteinG: fc.integer({ min: 0, max: 400 }),
          fatG: fc.integer({ min: 0, max: 300 }),
          carbsG: fc.integer({ min: 0, max: 900 }),
          fiberG: fc.integer({ min: 0, max: 80 }),
        }),
        fc.integer({ min: 2, max: 6 }),
        (day, meals) => {
          const split = mealSplit(day, { meals });
          expect(split).toHaveLength(meals);
          for (const k of ['energyKcal', 'proteinG', 'fatG', 'carbsG', 'fiberG'] as const) {
            expect(split.reduce((a, m) => a + (m[k] ?? 0), 0)).toBe(day[k]);
            for (const m of split) expect(Math.abs((m[k] ?? 0) - day[k] * m.share)).toBeLessThan(1);
          }
        },
      ),
      runs,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), {
          minLength: 1,
          maxLength: 12,
        }),
        (total, weights) => {
          expect(apportion(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
      runs,
    );
  });

  it('dailyTargets never yields NaN for adult profiles: a result with finite numbers, or a refusal', () => {
    fc.assert(
      fc.property(
        fc.record({
          sex: fc.constantFrom('male' as const, 'female' as const),
          ageYears: fc.integer({ min: 18, max: 90 }),
          weightKg: fc.double({ min: 40, max: 200, noNaN: true }),
          heightCm: fc.double({ min: 140, max: 210, noNaN: true }),
          activityLevel: fc.constantFrom(...ACTIVITY_LEVELS),
        }),
        fc.constantFrom(...GOAL_TYPES),
        // Up to 1 %/week: faster rates can exceed TDEE for heavy, short, old profiles, which
        // calorieTarget rejects with INCONSISTENT (tested in targets-calories).
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (profile, type, pct) => {
          const goal =
            type === 'maintain' ? { type } : { type, rate: { value: pct, unit: '%/week' as const } };
          const r = dailyTargets(profile, goal);
          if (!r.ok) {
            for (const x of r.refusal.reasons) {
              expect(['UNDERWEIGHT_WEIGHT_LOSS', 'NO_SAFE_DEFICIT']).toContain(x.code);
            }
            return;
          }
          // The floor policy: a planned loss target is never under the sex floor or the BMR, and
          // never faster than 1 %/week (no clinician override here).
          if (type === 'lose') {
            expect(r.calories.targetKcal).toBeGreaterThanOrEqual(profile.sex === 'male' ? 1500 : 1200);
            // safeTarget rounds the lowest safe intake up as ceil(kcal - 1e-9), so a BMR that is an
            // integer plus float noise (2420.0000000000005 kcal, seen in CI) plans 2420 kcal. The
            // tolerance is that same 1e-9 scale, far below a kcal.
            expect(r.calories.targetKcal).toBeGreaterThanOrEqual(r.bmr.kcal - 1e-6);
            expect(r.calories.weeklyRatePercent).toBeLessThanOrEqual(1 + 1e-9);
          }
          expect(Number.isInteger(r.calories.targetKcal)).toBe(true);
          const nums = [
            r.bmr.kcal,
            r.tdee.kcal,
            r.calories.targetKcal,
            r.macros.proteinG,
            r.macros.fatG,
            r.macros.carbsG,
            r.fiber.forEnergyG,
            r.amdr.protein.percent,
            r.amdr.fat.percent,
            r.amdr.carbohydrate.percent,
          ];
          for (const n of nums) expect(Number.isFinite(n)).toBe(true);
          // The day's macros meet the day's calorie target within the 2 kcal rounding bound.
          if (!r.macros.findings.some((f) => f.code === 'MACROS_EXCEED_TARGET')) {
            expect(Math.abs(r.macros.energyKcal - r.calories.targetKcal)).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
