/**
 * Type tests. `expectTypeOf` assertions are checked by `tsc` (the repo typecheck includes
 * packages/*\/test) and are no-ops when vitest runs them; each `// @ts-expect-error` fails the
 * typecheck if the misuse it marks ever starts to compile. A `*.test-d.ts` file would not be
 * picked up by this repo's vitest config, hence a plain `.test.ts`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type DailyTargets,
  type DailyTargetsOk,
  dailyTargets,
  estimateOneRepMax,
  mifflinStJeor,
  type NexFitraErrorCode,
  type OneRepMaxFormula,
  type Profile,
  type ProfileT,
  type Refusal,
  type SexT,
  toKg,
} from '../src/index';

const man = { sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180, activityLevel: 'moderate' } as const;

describe('types', () => {
  it('ProfileT is z.infer of the Profile schema, with unit-tagged quantities', () => {
    expectTypeOf<ProfileT>().toEqualTypeOf<z.infer<typeof Profile>>();
    expectTypeOf<ProfileT['sex']>().toEqualTypeOf<SexT>();
    expectTypeOf<SexT>().toEqualTypeOf<'male' | 'female'>();
    expectTypeOf<ProfileT['weight']>().toEqualTypeOf<
      { value: number; unit: 'kg' } | { value: number; unit: 'lb' }
    >();
    expectTypeOf<ProfileT['bodyFatPercent']>().toEqualTypeOf<number | undefined>();
  });

  it('dailyTargets returns a union that narrows on `ok`', () => {
    const r = dailyTargets(man, { type: 'maintain' });
    expectTypeOf(r).toEqualTypeOf<DailyTargets>();
    if (r.ok) {
      expectTypeOf(r).toEqualTypeOf<DailyTargetsOk>();
      expectTypeOf(r.calories.targetKcal).toBeNumber();
      expectTypeOf(r.macros.proteinG).toBeNumber();
    } else {
      expectTypeOf(r.refusal).toEqualTypeOf<Refusal>();
      // @ts-expect-error a refusal carries no macros
      r.macros;
    }
    // @ts-expect-error the union must be narrowed before reading a result field
    r.calories;
  });

  it('misuse does not compile', () => {
    // Never called: these would throw NexFitraError at runtime; only the compiler looks at them.
    const misuse = () => {
      misuseCalls();
    };
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf<OneRepMaxFormula>().toEqualTypeOf<
      'epley' | 'brzycki' | 'lombardi' | 'lander' | 'mayhew' | 'oconner' | 'wathan'
    >();
    expectTypeOf<'INCONSISTENT'>().toExtend<NexFitraErrorCode>();
  });
});

function misuseCalls(): void {
  // @ts-expect-error sex is 'male' | 'female' only
  mifflinStJeor({ weightKg: 70, heightCm: 175, ageYears: 30, sex: 'other' });
  // @ts-expect-error an age is a number, not a string
  mifflinStJeor({ weightKg: 70, heightCm: 175, ageYears: '30', sex: 'male' });
  // @ts-expect-error the goal type is 'lose' | 'maintain' | 'gain'
  dailyTargets(man, { type: 'cut' });
  // @ts-expect-error a rate unit is 'kg/week' or '%/week'
  dailyTargets(man, { type: 'lose', rate: { value: 1, unit: 'lb/week' } });
  // @ts-expect-error a mass is tagged 'kg' or 'lb'
  toKg({ value: 10, unit: 'stone' });
  // @ts-expect-error unknown 1RM formula
  estimateOneRepMax(100, 5, 'nsca');
}
