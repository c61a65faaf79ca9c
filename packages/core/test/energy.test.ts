import { describe, expect, it } from 'vitest';
import {
  cunningham,
  FAO_PAL_BANDS,
  harrisBenedict1919,
  katchMcArdle,
  metGrossKcal,
  metMinutes,
  metNetKcal,
  mifflinStJeor,
  NexFitraError,
  palFor,
  rozaShizgal1984,
  SCHOFIELD_BANDS,
  SCHOFIELD_SETS,
  schofield,
  schofieldBand,
  schofieldMJ,
  tdee,
  thermicEffectOfFood,
  thermicEffectOfMacros,
} from '../src/index';

const KJ_PER_KCAL = 4.184;

describe('mifflinStJeor', () => {
  it('matches hand calculations for both sexes', () => {
    // 10·70 + 6.25·175 − 5·30 + 5 = 700 + 1093.75 − 150 + 5 = 1648.75
    expect(mifflinStJeor({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' })).toBeCloseTo(1648.75, 9);
    // Published worked example (woman, 40 y, 70 kg, 170 cm): 700 + 1062.5 − 200 − 161 = 1401.5
    expect(mifflinStJeor({ weightKg: 70, heightCm: 170, ageYears: 40, sex: 'female' })).toBeCloseTo(
      1401.5,
      9,
    );
  });
  it('separates the sexes by exactly 166 kcal (Mifflin 1990: +5 vs −161)', () => {
    const p = { weightKg: 82, heightCm: 181, ageYears: 47 };
    expect(mifflinStJeor({ ...p, sex: 'male' }) - mifflinStJeor({ ...p, sex: 'female' })).toBeCloseTo(166, 9);
  });
});

describe('harrisBenedict1919', () => {
  it('uses the monograph coefficients, not the circulating typos', () => {
    // 66.4730 + 13.7516·70 + 5.0033·175 − 6.7550·30 = 66.473 + 962.612 + 875.5775 − 202.65 = 1702.0125
    // The 666.4730 typo alone would add 600 kcal; 5.033 for 5.0033 adds 5.1975 kcal at 175 cm.
    expect(harrisBenedict1919({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' })).toBeCloseTo(
      1702.0125,
      9,
    );
    // 655.0955 + 9.5634·60 + 1.8496·165 − 4.6756·30 = 655.0955 + 573.804 + 305.184 − 140.268 = 1393.8155
    expect(harrisBenedict1919({ weightKg: 60, heightCm: 165, ageYears: 30, sex: 'female' })).toBeCloseTo(
      1393.8155,
      9,
    );
  });
  it('subtracts the age term: one more year costs 6.7550 kcal (men) and 4.6756 kcal (women)', () => {
    const p = { weightKg: 70, heightCm: 175 };
    const m = (a: number) => harrisBenedict1919({ ...p, ageYears: a, sex: 'male' });
    const f = (a: number) => harrisBenedict1919({ ...p, ageYears: a, sex: 'female' });
    expect(m(40) - m(41)).toBeCloseTo(6.755, 9);
    expect(f(40) - f(41)).toBeCloseTo(4.6756, 9);
  });
});

describe('rozaShizgal1984', () => {
  it('matches a published worked example and a hand calculation', () => {
    // Worked example (woman, 25 y, 60 kg, 160 cm), as printed in a dietetics course handout:
    // 447.593 + 554.82 + 495.68 − 108.25 = 1389.843 ≈ "1,389 kcal/day"
    expect(rozaShizgal1984({ weightKg: 60, heightCm: 160, ageYears: 25, sex: 'female' })).toBeCloseTo(
      1389.843,
      9,
    );
    // 88.362 + 13.397·70 + 4.799·175 − 5.677·30 = 88.362 + 937.79 + 839.825 − 170.31 = 1695.667
    expect(rozaShizgal1984({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' })).toBeCloseTo(
      1695.667,
      9,
    );
  });
});

describe('adult BMR equations refuse a non-positive result', () => {
  // Each field inside its own range, the combination outside anything the equations were fitted on.
  const tiny = { weightKg: 2, heightCm: 45, ageYears: 120, sex: 'male' } as const;
  it('throws INCONSISTENT naming the function instead of returning a negative BMR', () => {
    // Mifflin: 10·2 + 6.25·45 − 5·120 + 5 = 20 + 281.25 − 600 + 5 = −293.75
    // Harris–Benedict 1919 (men): 66.473 + 27.5032 + 225.1485 − 810.6 = −491.4753
    // Roza–Shizgal (men): 88.362 + 26.794 + 215.955 − 681.24 = −350.129
    for (const [fn, f] of [
      ['mifflinStJeor', mifflinStJeor],
      ['harrisBenedict1919', harrisBenedict1919],
      ['rozaShizgal1984', rozaShizgal1984],
    ] as const) {
      expect(() => f(tiny)).toThrowError(
        expect.objectContaining({ code: 'INCONSISTENT', fn, path: ['weightKg'] }),
      );
    }
    expect(() => mifflinStJeor(tiny)).toThrowError(/-293\.8 kcal\/day/);
  });
  it('still answers a small but positive case: Mifflin woman 30 kg, 120 cm, 120 y', () => {
    // 300 + 750 − 600 − 161 = 289
    expect(mifflinStJeor({ weightKg: 30, heightCm: 120, ageYears: 120, sex: 'female' })).toBeCloseTo(289, 9);
  });
});

describe('lean-mass equations', () => {
  it('katchMcArdle = 370 + 21.6·LBM', () => {
    // 370 + 21.6·60 = 370 + 1296 = 1666
    expect(katchMcArdle({ leanMassKg: 60 })).toBeCloseTo(1666, 9);
  });
  it('cunningham = 500 + 22·LBM', () => {
    // 500 + 22·60 = 500 + 1320 = 1820
    expect(cunningham({ leanMassKg: 60 })).toBeCloseTo(1820, 9);
  });
  it('rejects implausible lean mass with a typed error', () => {
    expect(() => katchMcArdle({ leanMassKg: 5 })).toThrowError(NexFitraError);
    expect(() => cunningham({ leanMassKg: 300 })).toThrowError(/leanMassKg/);
    try {
      katchMcArdle({ leanMassKg: 151 });
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'katchMcArdle', path: ['leanMassKg'] });
    }
  });
});

describe('schofield', () => {
  // One hand calculation per band and sex, each checking one pair of published coefficients:
  // kcal from WHO TRS 724 (1985) Table 5, MJ from Schofield 1985 / FAO 2001 Table 5.2.
  const cases: [sex: 'male' | 'female', age: number, kg: number, kcal: number, mj: number][] = [
    ['male', 1, 10, 555, 2.363], //        60.9·10 − 54 = 555;      0.249·10 − 0.127 = 2.363
    ['male', 5, 20, 949, 4.01], //         22.7·20 + 495 = 949;     0.095·20 + 2.110 = 4.010
    ['male', 14, 45, 1438.5, 6.084], //    17.5·45 + 651 = 1438.5;  0.074·45 + 2.754 = 6.084
    ['male', 25, 65, 1673.5, 6.991], //    15.3·65 + 679 = 1673.5;  0.063·65 + 2.896 = 6.991
    ['male', 45, 70, 1691, 7.013], //      11.6·70 + 879 = 1691;    0.048·70 + 3.653 = 7.013
    ['male', 70, 65, 1364.5, 5.644], //    13.5·65 + 487 = 1364.5;  0.049·65 + 2.459 = 5.644
    ['female', 1, 10, 559, 2.31], //       61.0·10 − 51 = 559;      0.244·10 − 0.130 = 2.310
    ['female', 5, 20, 949, 3.733], //      22.5·20 + 499 = 949;     0.085·20 + 2.033 = 3.733
    ['female', 14, 45, 1295, 5.418], //    12.2·45 + 746 = 1295;    0.056·45 + 2.898 = 5.418
    ['female', 25, 55, 1304.5, 5.446], // 14.7·55 + 496 = 1304.5;  0.062·55 + 2.036 = 5.446
    ['female', 45, 60, 1351, 5.578], //    8.7·60 + 829 = 1351;     0.034·60 + 3.538 = 5.578
    ['female', 70, 55, 1173.5, 4.845], //  10.5·55 + 596 = 1173.5;  0.038·55 + 2.755 = 4.845
  ];
  it.each(cases)('%s, %s y, %s kg: kcal and MJ equations by hand', (sex, ageYears, weightKg, kcal, mj) => {
    expect(schofield({ weightKg, ageYears, sex })).toBeCloseTo(kcal, 9);
    expect(schofieldMJ({ weightKg, ageYears, sex, equations: 'schofield-1985' })).toBeCloseTo(mj, 9);
  });

  it('matches the FAO/WHO/UNU 2001 worked example (woman 20–30 y, 55 kg → 5.45 MJ, 1302 kcal)', () => {
    // Human energy requirements (FAO 2004), §5.4.1: "BMR … 5.45 MJ/day (1 302 kcal/day)". The
    // example uses Schofield's own MJ equation: 0.062·55 + 2.036 = 5.446 MJ = 1301.6 kcal; the
    // 1985 kcal line gives 14.7·55 + 496 = 1304.5 kcal (5.458 MJ), which does not round to it.
    const person = {
      weightKg: 55,
      ageYears: 25,
      sex: 'female' as const,
      equations: 'schofield-1985' as const,
    };
    expect(schofieldMJ(person)).toBeCloseTo(5.45, 2);
    expect(Math.round(schofield(person))).toBe(1302);
    expect(Math.round(schofield({ ...person, equations: 'fao-who-unu-1985' }))).not.toBe(1302);
  });

  it('keeps the kcal and MJ forms of each named set one equation (issue 13)', () => {
    for (const equations of SCHOFIELD_SETS) {
      for (const [sex, ageYears, weightKg] of cases) {
        const x = { weightKg, ageYears, sex, equations };
        // 1 kcal = 4.184 kJ (thermochemical calorie, as FAO 2001 uses).
        expect(schofieldMJ(x)).toBeCloseTo((schofield(x) * KJ_PER_KCAL) / 1000, 12);
      }
    }
    // The default is the 1985 kcal set for both functions: 15.3·65 + 679 = 1673.5 kcal = 7.002 MJ.
    expect(schofieldMJ({ weightKg: 65, ageYears: 25, sex: 'male' })).toBeCloseTo((1673.5 * 4.184) / 1000, 12);
    expect(() => schofield({ weightKg: 65, ageYears: 25, sex: 'male', equations: 'henry' as never })).toThrow(
      /equations/,
    );
  });

  it('gives each band its lower bound: 3, 10, 18, 30, 60 pick the upper band, 2.999 the lower', () => {
    expect(schofieldBand(0)).toBe('0-3');
    expect(schofieldBand(2.999)).toBe('0-3');
    expect(schofieldBand(3)).toBe('3-10');
    expect(schofieldBand(9.999)).toBe('3-10');
    expect(schofieldBand(10)).toBe('10-18');
    expect(schofieldBand(18)).toBe('18-30');
    expect(schofieldBand(30)).toBe('30-60');
    expect(schofieldBand(59.999)).toBe('30-60');
    expect(schofieldBand(60)).toBe('60+');
    expect(schofieldBand(120)).toBe('60+');
    // The band shows in the value: boy, 15 kg — 60.9·15 − 54 = 859.5 at 2.999 y, 22.7·15 + 495 = 835.5 at 3 y.
    expect(schofield({ weightKg: 15, ageYears: 2.999, sex: 'male' })).toBeCloseTo(859.5, 9);
    expect(schofield({ weightKg: 15, ageYears: 3, sex: 'male' })).toBeCloseTo(835.5, 9);
    // Man, 70 kg — 15.3·70 + 679 = 1750 at 29.999 y, 11.6·70 + 879 = 1691 at 30 y, 13.5·70 + 487 = 1432 at 60 y.
    expect(schofield({ weightKg: 70, ageYears: 29.999, sex: 'male' })).toBeCloseTo(1750, 9);
    expect(schofield({ weightKg: 70, ageYears: 30, sex: 'male' })).toBeCloseTo(1691, 9);
    expect(schofield({ weightKg: 70, ageYears: 60, sex: 'male' })).toBeCloseTo(1432, 9);
  });

  it('the two named sets are separate publications that agree within 2 % at typical weights', () => {
    // Measured relative differences kcal vs MJ·239.006 at these weights (men/women):
    // 0–3 y 10 kg −1.7 %/+1.3 %; 3–10 y 20 kg −1.0 %/+6.4 %; 10–18 y 45 kg −1.1 %/0.0 %;
    // 18–30 y 65/55 kg +0.2 %/+0.2 %; 30–60 y 70/60 kg +0.9 %/+1.3 %; 60+ y 65/55 kg +1.2 %/+1.3 %.
    // Girls 3–10 y are the exception: TRS 724's 22.5·kg + 499 vs Schofield's 0.085 MJ·kg + 2.033 MJ
    // (= 20.3·kg + 486 kcal) really differ, so they get their own bound.
    const refs = { male: [10, 20, 45, 65, 70, 65], female: [10, 20, 45, 55, 60, 55] } as const;
    for (const sex of ['male', 'female'] as const) {
      SCHOFIELD_BANDS.forEach((band, i) => {
        const weightKg = refs[sex][i]!;
        const ageYears = band.minAge + 1;
        const kcal = schofield({ weightKg, ageYears, sex });
        const fromMj =
          (schofieldMJ({ weightKg, ageYears, sex, equations: 'schofield-1985' }) * 1000) / KJ_PER_KCAL;
        const rel = Math.abs(kcal - fromMj) / fromMj;
        if (sex === 'female' && band.id === '3-10') {
          expect(rel).toBeGreaterThan(0.05);
          expect(rel).toBeLessThan(0.07);
        } else {
          expect(rel).toBeLessThan(0.02);
        }
      });
    }
  });

  it('rejects ages outside [0, 120] with a typed error', () => {
    expect(() => schofield({ weightKg: 70, ageYears: -1, sex: 'male' })).toThrowError(NexFitraError);
    expect(() => schofieldBand(200)).toThrowError(/ageYears/);
  });
});

describe('activity and TDEE', () => {
  it('maps the five levels to the conventional multipliers', () => {
    expect(palFor('sedentary')).toBe(1.2);
    expect(palFor('light')).toBe(1.375);
    expect(palFor('moderate')).toBe(1.55);
    expect(palFor('active')).toBe(1.725);
    expect(palFor('very-active')).toBe(1.9);
    expect(() => palFor('couch' as 'sedentary')).toThrowError(NexFitraError);
  });
  it('documents the FAO/WHO/UNU 2001 PAL bands', () => {
    expect(FAO_PAL_BANDS.map((b) => [b.min, b.max])).toEqual([
      [1.4, 1.69],
      [1.7, 1.99],
      [2.0, 2.4],
    ]);
  });
  it('tdee = BMR × PAL (FAO 2001 §5.4.1: 1302 kcal × 1.85 ≈ 2410 kcal)', () => {
    // 1302 × 1.85 = 2408.7, printed rounded as "2 410 kcal/day"
    expect(tdee({ bmrKcal: 1302, pal: 1.85 })).toBeCloseTo(2408.7, 9);
    // 1600 × 1.55 = 2480
    expect(tdee({ bmrKcal: 1600, pal: palFor('moderate') })).toBeCloseTo(2480, 9);
  });
  it('validates pal in [1.0, 2.5]', () => {
    expect(tdee({ bmrKcal: 1500, pal: 1.0 })).toBeCloseTo(1500, 9);
    expect(tdee({ bmrKcal: 1500, pal: 2.5 })).toBeCloseTo(3750, 9);
    expect(() => tdee({ bmrKcal: 1500, pal: 0.99 })).toThrowError(NexFitraError);
    try {
      tdee({ bmrKcal: 1500, pal: 2.51 });
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'tdee', path: ['pal'], value: 2.51 });
    }
  });
});

describe('MET energy', () => {
  it('gross = MET × kg × h; net = (MET − 1) × kg × h; MET-minutes = MET × min', () => {
    // 8 MET × 70 kg × 0.5 h = 280 kcal; (8 − 1) × 70 × 0.5 = 245 kcal
    expect(metGrossKcal({ met: 8, weightKg: 70, minutes: 30 })).toBeCloseTo(280, 9);
    expect(metNetKcal({ met: 8, weightKg: 70, minutes: 30 })).toBeCloseTo(245, 9);
    // 4 MET × 150 min = 600 MET-min (inside the 500–1000 MET-min/week guideline band)
    expect(metMinutes({ met: 4, minutes: 150 })).toBeCloseTo(600, 9);
  });
  it('1 MET for an hour costs 1 kcal per kg gross and nothing net', () => {
    expect(metGrossKcal({ met: 1, weightKg: 83, minutes: 60 })).toBeCloseTo(83, 9);
    expect(metNetKcal({ met: 1, weightKg: 83, minutes: 60 })).toBe(0);
  });
  it('rejects MET values outside [0.9, 25] and durations outside a day', () => {
    expect(() => metGrossKcal({ met: 0.5, weightKg: 70, minutes: 30 })).toThrowError(/met/);
    expect(() => metNetKcal({ met: 8, weightKg: 70, minutes: 1441 })).toThrowError(/minutes/);
  });
});

describe('thermic effect of food', () => {
  it('is 10 % of intake on a mixed diet', () => {
    // 0.10 × 2500 = 250
    expect(thermicEffectOfFood({ intakeKcal: 2500 })).toBeCloseTo(250, 9);
  });
  it('uses the Westerterp range midpoints per macronutrient', () => {
    // 150 g P × 4 × 0.25 = 150; 250 g C × 4 × 0.075 = 75; 70 g F × 9 × 0.015 = 9.45; total 234.45
    expect(thermicEffectOfMacros({ proteinG: 150, carbohydrateG: 250, fatG: 70 })).toBeCloseTo(234.45, 9);
    // Pure protein: 100 g × 4 kcal/g × 0.25 = 100 kcal
    expect(thermicEffectOfMacros({ proteinG: 100, carbohydrateG: 0, fatG: 0 })).toBeCloseTo(100, 9);
  });
});
