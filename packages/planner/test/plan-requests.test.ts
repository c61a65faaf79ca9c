import { dailyTargets, NexFitraError, PlanRequest, toCm, toKg } from '@nexfitra/core';
import { exercisesFor } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { generateRequests } from '../src/requests/generateRequests';

const ids = FOODS.map((f) => f.id);
const requests = generateRequests(300, 2024, { foodIds: ids });

describe('generateRequests', () => {
  it('gives n requests that all parse with the core PlanRequest schema', () => {
    expect(requests).toHaveLength(300);
    for (const r of requests) expect(PlanRequest.safeParse(r).success).toBe(true);
  });

  it('is deterministic, and request i depends only on the seed and i', () => {
    expect(generateRequests(300, 2024, { foodIds: ids })).toEqual(requests);
    expect(generateRequests(10, 2024, { foodIds: ids })).toEqual(requests.slice(0, 10));
    expect(generateRequests(10, 2025, { foodIds: ids })).not.toEqual(requests.slice(0, 10));
  });

  it('draws adults 18–75 with BMI 18.5–40 (recomputed from kg and m, units converted)', () => {
    for (const r of requests) {
      expect(r.profile.age).toBeGreaterThanOrEqual(18);
      expect(r.profile.age).toBeLessThanOrEqual(75);
      expect(r.profile.pregnant).toBeUndefined();
      const bmi = toKg(r.profile.weight) / (toCm(r.profile.height) / 100) ** 2;
      // Rounding weight and height to 0.1 moves BMI by < 0.1; the draw keeps 0.2 above 18.5.
      expect(bmi).toBeGreaterThanOrEqual(18.5);
      expect(bmi).toBeLessThanOrEqual(40.1);
    }
    expect(requests.some((r) => r.profile.weight.unit === 'lb')).toBe(true);
    expect(requests.some((r) => r.profile.sex === 'female')).toBe(true);
  });

  it('covers every diet with an omnivore majority, 2–6 meals, 1–7 training days, 0–3 allergens', () => {
    const diets = new Map<string, number>();
    for (const r of requests) diets.set(r.preferences.diet, (diets.get(r.preferences.diet) ?? 0) + 1);
    expect([...diets.keys()].sort()).toEqual(['keto', 'omnivore', 'pescatarian', 'vegan', 'vegetarian']);
    expect(diets.get('omnivore')!).toBeGreaterThan(150);
    expect(new Set(requests.map((r) => r.preferences.mealsPerDay))).toEqual(new Set([2, 3, 4, 5, 6]));
    expect(new Set(requests.map((r) => r.preferences.trainingDaysPerWeek)).size).toBeGreaterThanOrEqual(6);
    for (const r of requests) {
      expect(r.preferences.allergens.length).toBeLessThanOrEqual(3);
      expect(r.preferences.dislikedFoodIds.length).toBeLessThanOrEqual(3);
      for (const id of r.preferences.dislikedFoodIds) expect(ids).toContain(id);
      expect(r.days).toBe(7);
    }
  });

  it('gives only safe goals: core targets at or above the floor and BMR, loss ≤ 1 %/week', () => {
    for (const r of requests) {
      const p = r.profile;
      const t = dailyTargets(
        {
          sex: p.sex,
          ageYears: p.age,
          weightKg: toKg(p.weight),
          heightCm: toCm(p.height),
          activityLevel: p.activityLevel,
          ...(p.bodyFatPercent !== undefined ? { bodyFatPercent: p.bodyFatPercent } : {}),
        },
        r.goal.rate
          ? {
              type: r.goal.type,
              rate: { value: r.goal.rate.value, unit: r.goal.rate.unit === 'kg/week' ? 'kg/week' : '%/week' },
            }
          : { type: r.goal.type },
      );
      expect(t.ok).toBe(true);
      if (!t.ok) continue;
      const codes = t.findings.map((f) => f.code);
      expect(codes).not.toContain('BELOW_CALORIE_FLOOR');
      expect(codes).not.toContain('BELOW_BMR');
      expect(codes).not.toContain('LOSS_RATE_ABOVE_MAX');
    }
  });

  it('throws NexFitraError for a bad n, seed or option', () => {
    expect(() => generateRequests(-1, 1)).toThrow(NexFitraError);
    expect(() => generateRequests(1.5, 1)).toThrow(/n/);
    expect(() => generateRequests(1, -3)).toThrow(NexFitraError);
    expect(() => generateRequests(1, 1, { days: 40 })).toThrow(NexFitraError);
    expect(() => generateRequests(1, 1, { foodIds: ['apple'] })).toThrow(NexFitraError);
    expect(() => generateRequests(1, 1, { preferenceShare: 1.5 })).toThrow(/preferenceShare/);
  });

  it('names 1–3 preferred exercises the person can do in the share asked, every other field unchanged', () => {
    const liked = generateRequests(300, 2024, { foodIds: ids, preferenceShare: 0.5 });
    let named = 0;
    liked.forEach((r, i) => {
      const { preferredExerciseIds, ...rest } = r.preferences;
      // Drawn after every other field: the request without them is the share-0 request.
      expect({ ...r, preferences: { ...rest, preferredExerciseIds: [] } }).toEqual(requests[i]);
      if (preferredExerciseIds.length === 0) return;
      named++;
      expect(preferredExerciseIds.length).toBeLessThanOrEqual(3);
      // Doable: core's own filter for the person's equipment, injuries and level (independent of the draw).
      const doable = new Set(
        exercisesFor({ equipment: rest.equipment, injuries: rest.injuries, level: rest.experience }).map(
          (e) => e.id,
        ),
      );
      for (const id of preferredExerciseIds) expect(doable.has(id)).toBe(true);
    });
    // Binomial(300, 0.5): mean 150, sd 8.7; 110–190 is beyond ±4.5 sd.
    expect(named).toBeGreaterThan(110);
    expect(named).toBeLessThan(190);
  });
});
