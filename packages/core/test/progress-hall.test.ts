import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOSS_KCAL_PER_KG } from '../src/index';
import { projectWeight, timeToGoal } from '../src/progress/index';

/**
 * The bw package (INSP-RH/bw, an open R implementation of the Hall model) commits reference
 * outputs: tests/parity/reference_values/adult_male_deficit.json, made by
 * tests/parity/generate_reference.R case 4, `adult_weight(90, 1.80, 40, "male", EIchange =
 * rep(-500, 365))` with the package defaults PAL 1.5 and 50 % carbohydrate. Its baseline intake
 * is 2748.45 kcal/d (Energy_Intake[0]). Values read from that file: Body_Weight[30] =
 * 87.983254162541868, Body_Weight[364] = 76.260804299583214, Fat_Mass[364] = 14.587498589238718.
 * bw steps glycogen, ECF and AT before lean mass inside each RK4 step; we step them together,
 * so agreement to ~0.01 kg (not bit-for-bit) is what to expect.
 */
const BW_MAN = { sex: 'male', ageYears: 40, weightKg: 90, heightCm: 180, pal: 1.5 } as const;

describe('projectWeight (Hall et al. 2011)', () => {
  it('reproduces the bw package reference run (−500 kcal/d for a year)', () => {
    const p = projectWeight(BW_MAN, 2748.45 - 500, 364);
    expect(p.baseline.maintenanceKcal).toBeCloseTo(2748.45, 9);
    expect(p.days[30]!.weightKg).toBeCloseTo(87.983254162541868, 1);
    expect(Math.abs(p.days[30]!.weightKg - 87.983254162541868)).toBeLessThan(0.01);
    expect(Math.abs(p.days[364]!.weightKg - 76.260804299583214)).toBeLessThan(0.01);
    expect(Math.abs(p.days[364]!.fatKg - 14.587498589238718)).toBeLessThan(0.01);
    expect(p.method).toBe('rk4, 1-day step');
  });

  it('matches the Lancet paper’s rule: 100 kJ/d less → about 1 kg, half in about a year, 95 % in about 3 years', () => {
    // Hall et al. 2011, Lancet 378:826, Summary and Fig. 3: for an average overweight adult each
    // 100 kJ/d change of intake gives an eventual change of about 1 kg, half of it in about one
    // year and 95 % of it in about three years.
    const base = projectWeight(BW_MAN, 0, 1).baseline.maintenanceKcal;
    const p = projectWeight({ ...BW_MAN, pal: 1.6 }, (base * 1.6) / 1.5 - 100 / 4.184, 3650);
    const final = 90 - p.days[3650]!.weightKg;
    expect(final).toBeGreaterThan(0.8);
    expect(final).toBeLessThan(1.2);
    const half = p.days.findIndex((d) => 90 - d.weightKg >= final / 2);
    const ninetyFive = p.days.findIndex((d) => 90 - d.weightKg >= 0.95 * final);
    expect(half / 365).toBeGreaterThan(0.5);
    expect(half / 365).toBeLessThan(1.5);
    expect(ninetyFive / 365).toBeGreaterThan(2.5);
    expect(ninetyFive / 365).toBeLessThan(4);
  });

  it('predicts less loss over a year than the static 7,700 kcal/kg rule', () => {
    // Static rule: 500 kcal/d × 365 d / 7,700 kcal/kg = 23.7 kg. Thomas et al. 2013 and Hall &
    // Chow 2013 show the rule overestimates; the dynamic model loses ~13.8 kg.
    const staticLoss = (500 * 365) / LOSS_KCAL_PER_KG;
    const p = projectWeight(BW_MAN, 2748.45 - 500, 365);
    const loss = 90 - p.days[365]!.weightKg;
    expect(staticLoss).toBeCloseTo(23.7, 1);
    expect(loss).toBeLessThan(staticLoss * 0.7);
    expect(loss).toBeGreaterThan(10);
  });

  it('stays at baseline weight when eating at maintenance', () => {
    const p = projectWeight(
      { sex: 'female', ageYears: 30, weightKg: 65, heightCm: 165, activityLevel: 'light' },
      0,
      1,
    );
    const q = projectWeight(
      { sex: 'female', ageYears: 30, weightKg: 65, heightCm: 165, activityLevel: 'light' },
      p.baseline.maintenanceKcal,
      365,
    );
    expect(Math.abs(q.days[365]!.weightKg - 65)).toBeLessThan(1e-9);
  });

  it('property: the projection is monotone in intake, and a longer deficit never predicts less loss', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1200, max: 3500, noNaN: true }),
        fc.double({ min: 1, max: 800, noNaN: true }),
        fc.integer({ min: 70, max: 150 }), // BMI 22–47 at 178 cm: the adults the model is for
        (intake, extra, weight) => {
          const prof = { sex: 'male' as const, ageYears: 45, weightKg: weight, heightCm: 178 };
          const lo = projectWeight(prof, intake, 120).days;
          const hi = projectWeight(prof, intake + extra, 120).days;
          expect(hi[120]!.weightKg).toBeGreaterThan(lo[120]!.weightKg);
          if (intake < lo[0]!.expenditureKcal) {
            for (let d = 1; d <= 120; d++)
              expect(lo[d]!.weightKg).toBeLessThanOrEqual(lo[d - 1]!.weightKg + 1e-9);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('adapts: expenditure falls in a deficit (adaptive thermogenesis and lower weight)', () => {
    const p = projectWeight(BW_MAN, 2248.45, 180).days;
    expect(p[180]!.adaptiveThermogenesisKcal).toBeCloseTo(-0.14 * 500, 0); // βAT·ΔEI once settled
    expect(p[180]!.expenditureKcal).toBeLessThan(p[0]!.expenditureKcal);
    expect(p[180]!.expenditureKcal).toBeLessThan(2748.45 - 200); // baseline 2,748 kcal/d
  });

  it('rejects bad input with a NexFitraError naming the field', () => {
    expect(() => projectWeight({ ...BW_MAN, ageYears: 15 }, 2000, 10)).toThrow(/profile.ageYears/);
    expect(() => projectWeight(BW_MAN, -1, 10)).toThrow(/intakePlan/);
    expect(() => projectWeight(BW_MAN, 2000, 0)).toThrow(/days/);
    expect(() => projectWeight(BW_MAN, [2000, Number.NaN], 10)).toThrow(/intakePlan.1/);
    // Ten years without food: the model leaves its range (fat under 1 kg) and says so, no NaN.
    expect(() =>
      projectWeight({ sex: 'female', ageYears: 30, weightKg: 50, heightCm: 160 }, 0, 3650),
    ).toThrow(/intake the body can sustain/);
  });
});

describe('timeToGoal', () => {
  it('agrees with projectWeight: the first day at or under the goal', () => {
    const p = projectWeight(BW_MAN, 2248.45, 365).days;
    const expected = p.findIndex((d) => d.weightKg <= 85);
    const t = timeToGoal({ profile: BW_MAN, intakeKcal: 2248.45, goalWeightKg: 85 });
    expect(t).toMatchObject({ reached: true, days: expected, weeks: expected / 7 });
    expect(t.weightKg).toBeLessThanOrEqual(85);
  });
  it('says "not reached" (no date) when the plateau lies short of the goal', () => {
    // −100 kJ/d gives about 1 kg in total (Lancet rule above): 5 kg is never reached.
    const t = timeToGoal({ profile: BW_MAN, intakeKcal: 2748.45 - 24, goalWeightKg: 85 });
    expect(t).toMatchObject({ reached: false, days: null, weeks: null });
    expect(t.weightKg).toBeGreaterThan(88.5);
  });
  it('handles gain goals and a goal equal to the current weight', () => {
    expect(timeToGoal({ profile: BW_MAN, intakeKcal: 3000, goalWeightKg: 90 }).days).toBe(0);
    const g = timeToGoal({ profile: BW_MAN, intakeKcal: 3100, goalWeightKg: 92 });
    expect(g.reached).toBe(true);
    expect(g.weightKg).toBeGreaterThanOrEqual(92);
  });
});
