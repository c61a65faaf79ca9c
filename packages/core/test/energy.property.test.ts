import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cunningham,
  harrisBenedict1919,
  katchMcArdle,
  metGrossKcal,
  metMinutes,
  metNetKcal,
  mifflinStJeor,
  NexFitraError,
  rozaShizgal1984,
  schofield,
  schofieldMJ,
  tdee,
  thermicEffectOfFood,
  thermicEffectOfMacros,
} from '../src/index';

type Fn = (input: never) => number;
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const sex = fc.constantFrom('male' as const, 'female' as const);

// Every accepted input to the adult equations; some corners (2 kg, 45 cm, 120 y) give a BMR ≤ 0,
// which the equations refuse with INCONSISTENT (see the property below).
const adultAnyInput = { weightKg: num(2, 400), heightCm: num(45, 250), ageYears: num(18, 120), sex };
// Adults of at least 30 kg and 120 cm: every equation is positive there. The smallest values are
// at 30 kg, 120 cm, 120 y: Mifflin (women) 300 + 750 − 600 − 161 = 289; Harris–Benedict (men)
// 66.473 + 412.548 + 600.396 − 810.6 = 268.8; Roza–Shizgal (men) 88.362 + 401.91 + 575.88 − 681.24 = 384.9.
const adult = { weightKg: num(30, 400), heightCm: num(120, 250), ageYears: num(18, 120), sex };
const FULL: [string, Fn][] = [
  ['mifflinStJeor', mifflinStJeor],
  ['harrisBenedict1919', harrisBenedict1919],
  ['rozaShizgal1984', rozaShizgal1984],
];
const call = (f: Fn, input: unknown) => f(input as never);

describe('BMR equations: monotonicity (fast-check)', () => {
  it.each(FULL)('%s rises with weight and falls with age', (_name, f) => {
    fc.assert(
      fc.property(fc.record(adult), num(0.01, 50), num(0.01, 30), (p, dw, da) => {
        fc.pre(p.weightKg + dw <= 400 && p.ageYears + da <= 120);
        expect(call(f, { ...p, weightKg: p.weightKg + dw })).toBeGreaterThan(call(f, p));
        expect(call(f, { ...p, ageYears: p.ageYears + da })).toBeLessThan(call(f, p));
      }),
    );
  });
  // Schofield has no age term: BMR jumps at band edges (it falls from 29.9 to 30 y for men but
  // rises from 59.9 to 60 y for women of 60 kg), so only the weight slope is a property.
  it.each([
    ['schofield', schofield],
    ['schofieldMJ', schofieldMJ],
  ] as [string, Fn][])('%s rises with weight inside every band', (_name, f) => {
    fc.assert(
      fc.property(num(2, 390), num(0.01, 10), num(0, 120), sex, (weightKg, dw, ageYears, s) => {
        const p = { weightKg, ageYears, sex: s };
        expect(call(f, { ...p, weightKg: weightKg + dw })).toBeGreaterThan(call(f, p));
      }),
    );
  });
  it.each([
    ['katchMcArdle', katchMcArdle],
    ['cunningham', cunningham],
  ] as [string, Fn][])('%s rises with lean mass', (_name, f) => {
    fc.assert(
      fc.property(num(10, 149), num(0.01, 1), (lbm, d) => {
        expect(call(f, { leanMassKg: lbm + d })).toBeGreaterThan(call(f, { leanMassKg: lbm }));
      }),
    );
  });
});

describe('adult BMR equations over every accepted input (fast-check)', () => {
  it.each(FULL)('%s returns a finite positive BMR or throws INCONSISTENT, never a number ≤ 0', (name, f) => {
    fc.assert(
      fc.property(fc.record(adultAnyInput), (p) => {
        try {
          const kcal = call(f, p);
          return Number.isFinite(kcal) && kcal > 0;
        } catch (e) {
          return e instanceof NexFitraError && e.code === 'INCONSISTENT' && e.fn === name;
        }
      }),
    );
  });
});

// Every energy function with a valid-input generator and, per field, the bad values it must refuse.
const BAD_NUMBER = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  -70,
  '70',
  null,
  undefined,
  true,
  {},
];
const BAD_SEX = ['other', 'Male', 'm', '', 1, null, undefined];
interface Case {
  name: string;
  f: Fn;
  valid: fc.Arbitrary<Record<string, unknown>>;
  bad: Record<string, unknown[]>;
}
const CASES: Case[] = [
  ...FULL.map(([name, f]) => ({
    name,
    f,
    valid: fc.record(adult),
    bad: {
      weightKg: [...BAD_NUMBER, 0, 1000],
      heightCm: [...BAD_NUMBER, 20, 400],
      ageYears: [...BAD_NUMBER, 200, 10],
      sex: BAD_SEX,
    },
  })),
  ...(['schofield', 'schofieldMJ'] as const).map((name) => ({
    name,
    f: (name === 'schofield' ? schofield : schofieldMJ) as Fn,
    valid: fc.record({ weightKg: num(2, 400), ageYears: num(0, 120), sex }),
    bad: { weightKg: [...BAD_NUMBER, 1, 500], ageYears: [...BAD_NUMBER, 200, 121], sex: BAD_SEX },
  })),
  ...(['katchMcArdle', 'cunningham'] as const).map((name) => ({
    name,
    f: (name === 'katchMcArdle' ? katchMcArdle : cunningham) as Fn,
    valid: fc.record({ leanMassKg: num(10, 150) }),
    bad: { leanMassKg: [...BAD_NUMBER, 5, 200] },
  })),
  {
    name: 'tdee',
    f: tdee as Fn,
    valid: fc.record({ bmrKcal: num(1, 10_000), pal: num(1, 2.5) }),
    bad: { bmrKcal: [...BAD_NUMBER, 0, 20_000], pal: [...BAD_NUMBER, 0.5, 2.6, 3] },
  },
  ...(['metGrossKcal', 'metNetKcal'] as const).map((name) => ({
    name,
    f: (name === 'metGrossKcal' ? metGrossKcal : metNetKcal) as Fn,
    valid: fc.record({ met: num(0.9, 25), weightKg: num(2, 400), minutes: num(0, 1440) }),
    bad: {
      met: [...BAD_NUMBER, 0.5, 30],
      weightKg: [...BAD_NUMBER, 0, 1000],
      minutes: [...BAD_NUMBER, 2000],
    },
  })),
  {
    name: 'metMinutes',
    f: metMinutes as Fn,
    valid: fc.record({ met: num(0.9, 25), minutes: num(0, 1440) }),
    bad: { met: [...BAD_NUMBER, 0, 26], minutes: [...BAD_NUMBER, 1441] },
  },
  {
    name: 'thermicEffectOfFood',
    f: thermicEffectOfFood as Fn,
    valid: fc.record({ intakeKcal: num(0, 20_000) }),
    bad: { intakeKcal: [...BAD_NUMBER, 25_000] },
  },
  {
    name: 'thermicEffectOfMacros',
    f: thermicEffectOfMacros as Fn,
    valid: fc.record({ proteinG: num(0, 2000), carbohydrateG: num(0, 2000), fatG: num(0, 2000) }),
    bad: {
      proteinG: [...BAD_NUMBER, 5000],
      carbohydrateG: [...BAD_NUMBER, 5000],
      fatG: [...BAD_NUMBER, 5000],
    },
  },
];

describe('energy functions: valid in, finite out; invalid in, NexFitraError out (fast-check)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s never returns NaN or ±Infinity', (_n, c) => {
    fc.assert(fc.property(c.valid, (input) => Number.isFinite(call(c.f, input))));
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s throws a NexFitraError naming the bad field',
    (_n, c) => {
      const fieldAndValue = fc
        .constantFrom(...Object.keys(c.bad))
        .chain((field) => fc.tuple(fc.constant(field), fc.constantFrom(...c.bad[field]!)));
      fc.assert(
        fc.property(c.valid, fieldAndValue, (input, [field, value]) => {
          let thrown: unknown;
          try {
            call(c.f, { ...input, [field]: value });
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(NexFitraError);
          expect(thrown).toMatchObject({ fn: c.name, path: [field] });
        }),
      );
    },
  );

  it.each(CASES.map((c) => [c.name, c] as const))('%s rejects a missing or non-object input', (_n, c) => {
    for (const input of [undefined, null, 42, 'x', []]) {
      expect(() => call(c.f, input)).toThrowError(NexFitraError);
    }
  });
});
