import { describe, expect, it } from 'vitest';
import { amdrStatus } from '../src/targets/amdr';
import { fiberAdequateIntake, fiberForEnergy } from '../src/targets/fiber';

describe('fiber (IOM 2005 DRI)', () => {
  it('14 g per 1,000 kcal', () => {
    expect(fiberForEnergy(2000)).toBeCloseTo(28, 12);
    // The men's AI of 38 g is 14 g/1000 kcal at ~2,700 kcal: 14 × 2.7 = 37.8.
    expect(fiberForEnergy(2700)).toBeCloseTo(37.8, 12);
  });
  it('adult AIs: men 38 / 30 g, women 25 / 21 g, split at 51', () => {
    expect(fiberAdequateIntake({ ageYears: 30, sex: 'male' })).toBe(38);
    expect(fiberAdequateIntake({ ageYears: 50.9, sex: 'male' })).toBe(38);
    expect(fiberAdequateIntake({ ageYears: 51, sex: 'male' })).toBe(30);
    expect(fiberAdequateIntake({ ageYears: 19, sex: 'female' })).toBe(25);
    expect(fiberAdequateIntake({ ageYears: 60, sex: 'female' })).toBe(21);
  });
  it('children, pregnancy and lactation', () => {
    expect(fiberAdequateIntake({ ageYears: 3, sex: 'female' })).toBe(19);
    expect(fiberAdequateIntake({ ageYears: 4, sex: 'male' })).toBe(25);
    expect(fiberAdequateIntake({ ageYears: 9, sex: 'male' })).toBe(31);
    expect(fiberAdequateIntake({ ageYears: 9, sex: 'female' })).toBe(26);
    expect(fiberAdequateIntake({ ageYears: 14, sex: 'male' })).toBe(38);
    expect(fiberAdequateIntake({ ageYears: 18, sex: 'female' })).toBe(26);
    expect(fiberAdequateIntake({ ageYears: 30, sex: 'female', pregnant: true })).toBe(28);
    expect(fiberAdequateIntake({ ageYears: 30, sex: 'female', lactating: true })).toBe(29);
    expect(() => fiberAdequateIntake({ ageYears: 0.5, sex: 'male' })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: ['ageYears'] }),
    );
  });
});

describe('amdrStatus (IOM 2005)', () => {
  it('20/27/53 % for 100 g P, 60 g F, 265 g C: all within (@example)', () => {
    // 400 + 540 + 1060 = 2000 kcal → 20 %, 27 %, 53 %.
    const r = amdrStatus({ proteinG: 100, fatG: 60, carbsG: 265 });
    expect(r.band).toBe('adults');
    expect(r.protein.percent).toBeCloseTo(20, 10);
    expect(r.fat).toMatchObject({ min: 20, max: 35, status: 'within' });
    expect(r.fat.percent).toBeCloseTo(27, 10);
    expect(r.carbohydrate).toMatchObject({ min: 45, max: 65, status: 'within' });
  });
  it('bounds are inclusive: fat exactly 20 % and 35 % is within', () => {
    // 45 g P (180) + 20 g F (180) + 135 g C (540) = 900 kcal → fat 20 %.
    expect(amdrStatus({ proteinG: 45, fatG: 20, carbsG: 135 }).fat.status).toBe('within');
    // 45 g P (180) + 35 g F (315) + 101.25 g C (405) = 900 → fat 35 %.
    expect(amdrStatus({ proteinG: 45, fatG: 35, carbsG: 101.25 }).fat.status).toBe('within');
  });
  it('flags above and below', () => {
    // 200 + 900 + 400 = 1500 kcal → protein 13.3 %, fat 60 %, carbs 26.7 %.
    const r = amdrStatus({ proteinG: 50, fatG: 100, carbsG: 100 });
    expect([r.protein.status, r.fat.status, r.carbohydrate.status]).toEqual(['within', 'above', 'below']);
  });
  it('uses the children bands by age', () => {
    expect(amdrStatus({ proteinG: 30, fatG: 40, carbsG: 150 }, { ageYears: 2 }).fat).toMatchObject({
      min: 30,
      max: 40,
    });
    expect(amdrStatus({ proteinG: 30, fatG: 40, carbsG: 150 }, { ageYears: 18.9 }).band).toBe(
      'children-4-18',
    );
    expect(amdrStatus({ proteinG: 30, fatG: 40, carbsG: 150 }, { ageYears: 19 }).band).toBe('adults');
    expect(() => amdrStatus({ proteinG: 0, fatG: 0, carbsG: 0 })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT' }),
    );
  });
});
