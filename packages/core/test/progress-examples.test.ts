/** The @example of each progress function, run as written in its doc comment. */
import { describe, expect, it } from 'vitest';
import {
  adaptiveExpenditure,
  checkProgressLog,
  ewmaTrend,
  projectWeight,
  recommendTarget,
  timeToGoal,
  trendWeight,
  weightChangeEnergy,
  weightTrendChart,
} from '../src/progress/index';

describe('TSDoc examples', () => {
  it('checkProgressLog', () => {
    const log = [
      { date: '2026-01-02', weight: { value: 80, unit: 'kg' } },
      { date: '2026-01-01', weight: { value: 80.4, unit: 'kg' }, intakeKcal: -5 },
    ];
    expect(checkProgressLog(log).issues.map((i) => i.code)).toEqual(['NEGATIVE_INTAKE', 'DATE_OUT_OF_ORDER']);
  });
  it('trendWeight and ewmaTrend', () => {
    const two = checkProgressLog([
      { date: '2026-01-01', weight: { value: 80, unit: 'kg' } },
      { date: '2026-01-02', weight: { value: 80, unit: 'kg' } },
    ]).days;
    expect(trendWeight(two).points[1]!.trendKg).toBe(80);
    const three = checkProgressLog(
      [80, 81, 79].map((kg, i) => ({ date: `2026-01-0${i + 1}`, weight: { value: kg, unit: 'kg' } })),
    ).days;
    expect(ewmaTrend(three).map((p) => p.trendKg)).toEqual([
      80,
      expect.closeTo(80.1, 12),
      expect.closeTo(79.99, 12),
    ]);
    expect(weightTrendChart(trendWeight(two).points).startsWith('<svg')).toBe(true);
  });
  it('adaptiveExpenditure: a steady weight means expenditure = intake (energy balance, by hand)', () => {
    const days = checkProgressLog(
      Array.from({ length: 35 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
        weight: { value: 80, unit: 'kg' },
        intakeKcal: 2400,
      })),
    ).days;
    const e = adaptiveExpenditure(days, { sex: 'male', ageYears: 35, heightCm: 180 });
    expect(e.ok && e.tdeeKcal).toBe(2400);
    expect(e.ok && e.ci95Kcal[1] - e.ci95Kcal[0]).toBeLessThan(400);
  });
  it('weightChangeEnergy, recommendTarget, projectWeight, timeToGoal', () => {
    expect(Math.round(weightChangeEnergy({ fatKg: 25, changeKg: -1 }))).toBe(-7178);
    const r = recommendTarget({
      tdeeKcal: 1900,
      profile: { sex: 'female', ageYears: 40, weightKg: 70, heightCm: 165 },
      goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } },
    });
    expect(r.ok && r.targetKcal).toBe(1371);
    const p = projectWeight(
      { sex: 'male', ageYears: 40, weightKg: 90, heightCm: 180, pal: 1.5 },
      2248.45,
      364,
    );
    expect(p.days[364]!.weightKg).toBeCloseTo(76.26, 1);
    const t = timeToGoal({
      profile: { sex: 'female', ageYears: 35, weightKg: 80, heightCm: 165, pal: 1.6 },
      intakeKcal: 1700,
      goalWeightKg: 75,
    });
    expect(t.days).toBe(66);
    expect(t.baselineMaintenanceKcal).toBeCloseTo(2395.6, 6); // RMR 1497.25 × 1.6, by hand from Mifflin 1990
  });
});
