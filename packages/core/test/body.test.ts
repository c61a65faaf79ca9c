import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bmiClass,
  fatMassKg,
  ffmi,
  leanMassKg,
  NexFitraError,
  navyBodyFat,
  navyBodyFatInches,
  normalizedFfmi,
} from '../src/index';

const CM_PER_IN = 2.54;
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** The estimate, or NaN where the equation leaves (0, 100) % and the function refuses. */
const orNaN = (f: () => number) => {
  try {
    return f();
  } catch {
    return Number.NaN;
  }
};

describe('navyBodyFatInches (inch form)', () => {
  it('matches a published worked example: man 70 in, waist 34 in, neck 15 in ≈ 17.5 %', () => {
    // 86.010·log10(19) − 70.041·log10(70) + 36.76 = 86.010·1.278754 − 70.041·1.845098 + 36.76
    //   = 109.9856 − 129.2325 + 36.76 = 17.513
    expect(navyBodyFatInches({ sex: 'male', heightIn: 70, neckIn: 15, waistIn: 34 })).toBeCloseTo(17.513, 3);
  });
  it('matches a hand calculation for a woman', () => {
    // 163.205·log10(30 + 39 − 13) − 97.684·log10(64) − 78.387
    //   = 163.205·1.748188 − 97.684·1.806180 − 78.387 = 285.3130 − 176.4349 − 78.387 = 30.491
    expect(
      navyBodyFatInches({ sex: 'female', heightIn: 64, neckIn: 13, waistIn: 30, hipIn: 39 }),
    ).toBeCloseTo(30.49, 2);
  });
});

describe('navyBodyFat (centimetre form)', () => {
  it('matches published worked examples (man 178/40/86 cm ≈ 15.7 %, woman 165/34/75/98 cm ≈ 27.9 %)', () => {
    // 495 / (1.0324 − 0.19077·log10(46) + 0.15456·log10(178)) − 450
    //   = 495 / (1.0324 − 0.317204 + 0.347825) − 450 = 495 / 1.063021 − 450 = 15.654
    expect(navyBodyFat({ sex: 'male', heightCm: 178, neckCm: 40, waistCm: 86 })).toBeCloseTo(15.654, 2);
    // 495 / (1.29579 − 0.35004·log10(139) + 0.22100·log10(165)) − 450
    //   = 495 / (1.29579 − 0.750141 + 0.490064) − 450 = 495 / 1.035713 − 450 = 27.932
    expect(navyBodyFat({ sex: 'female', heightCm: 165, neckCm: 34, waistCm: 75, hipCm: 98 })).toBeCloseTo(
      27.932,
      3,
    );
  });

  it('gives nearly the same value for the same person in inches and centimetres', () => {
    // Grid of adult men (height 150–200 cm, neck 32–46 cm, waist 65–130 cm) and women (height
    // 145–190, neck 28–40, waist 60–120, hip 85–130 cm), keeping estimates of 3–50 % (men) and
    // 8–55 % (women). Measured max |cm form − inch form|: 1.33 pp (men), 1.17 pp (women), largest
    // for short, heavy people; typical differences are a few tenths.
    let maxMale = 0;
    for (let h = 150; h <= 200; h += 5)
      for (let n = 32; n <= 46; n += 2)
        for (let w = 65; w <= 130; w += 5) {
          const cm = orNaN(() => navyBodyFat({ sex: 'male', heightCm: h, neckCm: n, waistCm: w }));
          if (!(cm >= 3 && cm <= 50)) continue;
          const inch = navyBodyFatInches({
            sex: 'male',
            heightIn: h / CM_PER_IN,
            neckIn: n / CM_PER_IN,
            waistIn: w / CM_PER_IN,
          });
          maxMale = Math.max(maxMale, Math.abs(cm - inch));
        }
    let maxFemale = 0;
    for (let h = 145; h <= 190; h += 5)
      for (let n = 28; n <= 40; n += 2)
        for (let w = 60; w <= 120; w += 5)
          for (let hip = 85; hip <= 130; hip += 5) {
            const cm = orNaN(() =>
              navyBodyFat({ sex: 'female', heightCm: h, neckCm: n, waistCm: w, hipCm: hip }),
            );
            if (!(cm >= 8 && cm <= 55)) continue;
            const inch = navyBodyFatInches({
              sex: 'female',
              heightIn: h / CM_PER_IN,
              neckIn: n / CM_PER_IN,
              waistIn: w / CM_PER_IN,
              hipIn: hip / CM_PER_IN,
            });
            maxFemale = Math.max(maxFemale, Math.abs(cm - inch));
          }
    expect(maxMale).toBeLessThan(1.4);
    expect(maxFemale).toBeLessThan(1.2);
    // The example man above: 17.513 % by inches, 17.435 % by centimetres (0.08 pp apart).
    const inchForm = navyBodyFatInches({ sex: 'male', heightIn: 70, neckIn: 15, waistIn: 34 });
    const cmForm = navyBodyFat({ sex: 'male', heightCm: 177.8, neckCm: 38.1, waistCm: 86.36 });
    expect(Math.abs(inchForm - cmForm)).toBeLessThan(0.1);
  });

  it('refuses inches fed to the centimetre form (range check), the classic unit bug', () => {
    // 70 in / 15.5 in / 36 in pushed into the cm equation would silently give 13.8 % instead of 20.4 %
    // (a calculator page prints exactly this mistake as its worked example).
    expect(() => navyBodyFat({ sex: 'male', heightCm: 70, neckCm: 15.5, waistCm: 36 })).toThrowError(
      NexFitraError,
    );
  });

  it('throws INCONSISTENT when waist ≤ neck', () => {
    for (const waistCm of [42, 41]) {
      try {
        navyBodyFat({ sex: 'male', heightCm: 180, neckCm: 42, waistCm });
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({
          code: 'INCONSISTENT',
          fn: 'navyBodyFat',
          path: ['waistCm'],
          value: waistCm,
        });
      }
    }
    expect(() => navyBodyFatInches({ sex: 'male', heightIn: 70, neckIn: 16, waistIn: 16 })).toThrowError(
      /waist larger than the neck/,
    );
  });

  it('throws INCONSISTENT rather than returning a negative body fat', () => {
    // waist − neck = 1 cm at 250 cm: 495 / (1.0324 − 0 + 0.15456·2.39794) − 450 = 352.8 − 450 < 0
    expect(() => navyBodyFat({ sex: 'male', heightCm: 250, neckCm: 40, waistCm: 41 })).toThrowError(
      expect.objectContaining({ code: 'INCONSISTENT' }),
    );
  });

  it('requires the hip for women and names the missing field', () => {
    try {
      navyBodyFat({ sex: 'female', heightCm: 165, neckCm: 34, waistCm: 75 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_TYPE', fn: 'navyBodyFat', path: ['hipCm'] });
    }
  });

  it('rejects invalid measurements of any field (fast-check)', () => {
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, '80', null, 0, 1000);
    const field = fc.constantFrom('heightCm', 'neckCm', 'waistCm', 'hipCm', 'sex');
    fc.assert(
      fc.property(field, bad, (f, v) => {
        const input = { sex: 'female', heightCm: 165, neckCm: 34, waistCm: 75, hipCm: 98, [f]: v };
        expect(() => navyBodyFat(input as never)).toThrowError(NexFitraError);
      }),
    );
  });
});

describe('leanMassKg / fatMassKg', () => {
  it('splits weight by body-fat percentage', () => {
    // 80 kg × (1 − 0.20) = 64 kg lean; 80 × 0.20 = 16 kg fat
    expect(leanMassKg({ weightKg: 80, bodyFatPercent: 20 })).toBeCloseTo(64, 9);
    expect(fatMassKg({ weightKg: 80, bodyFatPercent: 20 })).toBeCloseTo(16, 9);
  });
  it('lean + fat = weight for any valid input (fast-check)', () => {
    fc.assert(
      fc.property(num(2, 400), num(2, 70), (weightKg, bodyFatPercent) => {
        const sum = leanMassKg({ weightKg, bodyFatPercent }) + fatMassKg({ weightKg, bodyFatPercent });
        expect(Math.abs(sum - weightKg)).toBeLessThan(1e-9 * weightKg);
      }),
    );
  });
  it('rejects body fat outside 2–70 % with a typed error', () => {
    expect(() => leanMassKg({ weightKg: 80, bodyFatPercent: 75 })).toThrowError(/bodyFatPercent/);
    expect(() => fatMassKg({ weightKg: 80, bodyFatPercent: Number.NaN })).toThrowError(NexFitraError);
  });
});

describe('ffmi / normalizedFfmi (Kouri et al. 1995)', () => {
  it('matches hand calculations', () => {
    // 65 / 1.70² = 65 / 2.89 = 22.491349…; normalised + 6.1 × (1.8 − 1.7) = + 0.61 → 23.101349…
    expect(ffmi({ leanMassKg: 65, heightCm: 170 })).toBeCloseTo(22.4913495, 6);
    expect(normalizedFfmi({ leanMassKg: 65, heightCm: 170 })).toBeCloseTo(23.1013495, 6);
    // 90 / 1.90² = 90 / 3.61 = 24.930748…; 6.1 × (1.8 − 1.9) = −0.61 → 24.320748…
    expect(normalizedFfmi({ leanMassKg: 90, heightCm: 190 })).toBeCloseTo(24.3207479, 6);
  });
  it('normalised equals raw at exactly 1.80 m', () => {
    // 70 / 3.24 = 21.604938…
    expect(ffmi({ leanMassKg: 70, heightCm: 180 })).toBeCloseTo(21.6049383, 6);
    expect(normalizedFfmi({ leanMassKg: 70, heightCm: 180 })).toBeCloseTo(21.6049383, 6);
  });
  it('rejects height 20 cm and a string lean mass', () => {
    expect(() => ffmi({ leanMassKg: 70, heightCm: 20 })).toThrowError(NexFitraError);
    expect(() => normalizedFfmi({ leanMassKg: '70' as unknown as number, heightCm: 180 })).toThrowError(
      /leanMassKg/,
    );
  });
});

describe('bmiClass @example', () => {
  it('22.86 kg/m² (70 kg, 1.75 m) is normal (18.5 ≤ BMI < 25, WHO TRS 894 Table 2.1)', () => {
    expect(bmiClass(22.86)).toBe('normal');
  });
});
