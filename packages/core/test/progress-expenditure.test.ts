import { describe, expect, it } from 'vitest';
import {
  adaptiveExpenditure,
  checkProgressLog,
  recommendTarget,
  weightChangeEnergy,
} from '../src/progress/index';
import { date, simulatedLog } from './progress.fixtures';

const MAN = { sex: 'male', ageYears: 35, heightCm: 180 } as const;

describe('weightChangeEnergy (Forbes / Hall 2008)', () => {
  it('matches a hand calculation of the small-change limit', () => {
    // By hand: at F = 25 kg the lean share is p = 10.4/35.4 = 0.29379; energy per kg =
    // p·7600/4.184 + (1 − p)·39500/4.184 = 533.66 + 6667.1 = 7200.8 kcal/kg.
    const p = 10.4 / 35.4;
    const byHand = p * (7600 / 4.184) + (1 - p) * (39500 / 4.184);
    expect(weightChangeEnergy({ fatKg: 25, changeKg: -0.001 }) / -0.001).toBeCloseTo(byHand, 0);
  });
  it('depends on direction and size: a 10 kg loss releases less per kg than a 1 kg loss', () => {
    const per1 = weightChangeEnergy({ fatKg: 25, changeKg: -1 });
    const per10 = weightChangeEnergy({ fatKg: 25, changeKg: -10 }) / 10;
    expect(-per10).toBeLessThan(-per1);
    expect(weightChangeEnergy({ fatKg: 25, changeKg: 1 })).toBeGreaterThan(-per1);
    // Both well under the static 7,700 kcal/kg (Hall 2008).
    expect(-per1).toBeLessThan(7700);
  });
});

describe('adaptiveExpenditure', () => {
  it('recovers the expenditure of a simulated log (independent: energy balance of the simulation)', () => {
    // Simulated truth: intake 2,000 kcal/d and a steady loss of 0.5 kg/week. With Forbes' energy
    // density at ~21 kg fat (Jackson 2002 for 90 kg, 180 cm, 35 y ≈ 22 %), 0.5 kg/week is about
    // 7,100 × 0.5 / 7 ≈ 507 kcal/d released, so expenditure ≈ 2,507 kcal/d.
    const { entries } = simulatedLog({
      days: 60,
      startKg: 90,
      rateKgPerWeek: -0.5,
      noiseSd: 0.5,
      intakeKcal: 2000,
      seed: 3,
    });
    const est = adaptiveExpenditure(checkProgressLog(entries).days, MAN);
    if (!est.ok) throw new Error(est.message);
    const rho = -weightChangeEnergy({ fatKg: 90 * 0.22, changeKg: -2 }) / 2;
    const truth = 2000 + (0.5 / 7) * rho;
    expect(est.ci95Kcal[0]).toBeLessThan(truth);
    expect(est.ci95Kcal[1]).toBeGreaterThan(truth);
    expect(Math.abs(est.tdeeKcal - truth)).toBeLessThan(200);
    expect(est.basis).toMatchObject({ windowDays: 28, intakeDays: 28, weighIns: 28, partialIntakeDays: 0 });
  });
  it('rests only on complete intake days and says so', () => {
    const { entries } = simulatedLog({
      days: 60,
      startKg: 80,
      rateKgPerWeek: 0,
      noiseSd: 0.3,
      intakeKcal: 2300,
      seed: 5,
    });
    const logged = entries.map((e, i) =>
      i % 3 === 0
        ? { date: e.date, weight: e.weight }
        : i % 3 === 1
          ? { ...e, intakeKcal: 900, intakeComplete: false }
          : e,
    );
    const est = adaptiveExpenditure(checkProgressLog(logged).days, MAN);
    if (!est.ok) throw new Error(est.message);
    expect(est.meanIntakeKcal).toBe(2300); // the partial 900-kcal days are not averaged in
    expect(est.basis.intakeDays).toBeLessThan(11);
    expect(est.basis.partialIntakeDays).toBeGreaterThan(8);
    expect(est.basis.intakeCoverage).toBeCloseTo(est.basis.intakeDays / 28, 12);
    expect(Math.abs(est.tdeeKcal - 2300)).toBeLessThan(250);
  });
  it('refuses (with the counts) when too few days are logged', () => {
    const entries = [0, 1, 2, 30, 31].map((i) => ({
      date: date(i),
      weight: { value: 80, unit: 'kg' as const },
      intakeKcal: 2000,
    }));
    expect(adaptiveExpenditure(checkProgressLog(entries).days, MAN)).toMatchObject({
      ok: false,
      reason: 'TOO_FEW_INTAKE_DAYS',
      intakeDays: 2,
    });
  });
});

describe('recommendTarget (same safety policy as dailyTargets)', () => {
  const woman = { sex: 'female', ageYears: 40, weightKg: 70, heightCm: 165 } as const;
  it('plans at the floor, with the achievable rate, when the goal asks for less', () => {
    // By hand (woman 60 kg, 160 cm, 60 y): asked 1,700 − 0.75 × 7,700 / 7 = 875 kcal/d. Lowest safe
    // intake = max(floor 1,200; BMR 10·60 + 6.25·160 − 5·60 − 161 = 1,139; 1 %/week 1,700 − 0.6 ×
    // 7,700 / 7 = 1,040) = 1,200 (the floor); rate (1,700 − 1,200) × 7 / 7,700 = 0.4545 kg/week.
    const r = recommendTarget({
      tdeeKcal: 1700,
      profile: { sex: 'female', ageYears: 60, weightKg: 60, heightCm: 160 },
      goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } },
    });
    if (!r.ok) throw new Error('refused');
    expect(r).toMatchObject({ targetKcal: 1200, limitedBy: 'calorie-floor' });
    expect(r.requestedKcal).toBeCloseTo(875, 9);
    expect(r.weeklyRateKg).toBeCloseTo((500 * 7) / 7700, 9);
    expect(r.findings.map((f) => f.code)).toContain('TARGET_RAISED_FOR_SAFETY');
    expect(r.findings.map((f) => f.code)).not.toContain('BELOW_CALORIE_FLOOR');
  });
  it('plans at the BMR when it is the highest safe limit (as dailyTargets does)', () => {
    // By hand: BMR 10·70 + 6.25·165 − 5·40 − 161 = 1,370.25 > floor 1,200 > 1 %/week 1,130 → 1,371.
    const r = recommendTarget({
      tdeeKcal: 1900,
      profile: woman,
      goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } },
    });
    if (!r.ok) throw new Error('refused');
    expect(r).toMatchObject({ targetKcal: 1371, limitedBy: 'bmr' });
    expect(r.weeklyRateKg).toBeCloseTo(((1900 - 1371) * 7) / 7700, 9);
  });
  it('refuses when no safe deficit exists', () => {
    const r = recommendTarget({
      tdeeKcal: 1150,
      profile: { sex: 'female', ageYears: 60, weightKg: 60, heightCm: 160 },
      goal: { type: 'lose', rate: { value: 0.25, unit: 'kg/week' } },
    });
    expect(r.ok === false && r.refusal.reasons[0]!.code).toBe('NO_SAFE_DEFICIT');
  });
  it('keeps a target under the floor only with a clinician override, and flags it', () => {
    const r = recommendTarget(
      { tdeeKcal: 1900, profile: woman, goal: { type: 'lose', rate: { value: 0.75, unit: 'kg/week' } } },
      { clinicianOverride: { reason: 'supervised VLCD' } },
    );
    if (!r.ok) throw new Error('refused');
    expect(r.targetKcal).toBe(1075);
    expect(r.findings.map((f) => f.code)).toContain('BELOW_CALORIE_FLOOR');
    expect(r.clinicianOverride?.reason).toBe('supervised VLCD');
  });
  it('refuses weight loss when underweight, as dailyTargets does', () => {
    const r = recommendTarget({
      tdeeKcal: 2000,
      profile: { ...woman, weightKg: 48 },
      goal: { type: 'lose', rate: { value: 0.25, unit: 'kg/week' } },
    });
    expect(r.ok).toBe(false);
  });
});
