import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { EXPERIENCE_LEVELS, MUSCLES, type MuscleT } from '../src/schemas/vocab';
import { totalVolumeLoad, volumeLoad, WEEKLY_SET_RANGES, weeklySetsPerMuscle } from '../src/training/volume';

describe('volumeLoad', () => {
  it('is sets × reps × load (hand calculation)', () => {
    expect(volumeLoad({ sets: 3, reps: 10, load: 100 })).toBe(3000);
    // 3·5·100 + 2·8·80 = 1500 + 1280 = 2780
    expect(
      totalVolumeLoad([
        { sets: 3, reps: 5, load: 100 },
        { sets: 2, reps: 8, load: 80 },
      ]),
    ).toBe(2780);
    expect(totalVolumeLoad([])).toBe(0);
  });
  it('names the offending entry', () => {
    try {
      totalVolumeLoad([
        { sets: 3, reps: 5, load: 100 },
        { sets: 2, reps: -1, load: 80 },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'OUT_OF_RANGE', fn: 'totalVolumeLoad', path: ['entries', 1, 'reps'] });
    }
    expect(() => volumeLoad({ sets: 3, reps: 5, load: Number.NaN })).toThrowError(NexFitraError);
  });
});

describe('weeklySetsPerMuscle', () => {
  const week = [
    {
      exercises: [
        // bench 4 sets: chest 4; triceps, front delts 4 × 0.5 = 2
        { sets: 4, primary: ['chest'], secondary: ['triceps', 'front-delts'] },
        // pushdown 3 sets: triceps 3
        { sets: 3, primary: ['triceps'] },
      ],
    },
    {
      exercises: [
        // squat 5 sets: quads, glutes 5; adductors, lower back 2.5
        { sets: 5, primary: ['quads', 'glutes'], secondary: ['adductors', 'lower-back'] },
        // bench again 3 sets: chest 3; triceps, front delts 1.5
        { sets: 3, primary: ['chest'], secondary: ['triceps', 'front-delts'] },
      ],
    },
  ] as const satisfies readonly {
    exercises: readonly { sets: number; primary: readonly MuscleT[]; secondary?: readonly MuscleT[] }[];
  }[];

  it('counts primary sets as 1 and secondary as 0.5 (hand calculation)', () => {
    const s = weeklySetsPerMuscle(week);
    expect(s.chest).toBe(7); // 4 + 3
    expect(s.triceps).toBe(6.5); // 2 + 3 + 1.5
    expect(s['front-delts']).toBe(3.5); // 2 + 1.5
    expect(s.quads).toBe(5);
    expect(s.adductors).toBe(2.5);
    expect(s.lats).toBe(0);
    expect(Object.keys(s).sort()).toEqual([...MUSCLES].sort());
  });
  it('supports the "direct" (0) and "total" (1) counts of Pelland et al.', () => {
    expect(weeklySetsPerMuscle(week, { secondaryWeight: 0 }).triceps).toBe(3);
    expect(weeklySetsPerMuscle(week, { secondaryWeight: 1 }).triceps).toBe(10); // 4 + 3 + 3
  });
  it('total credit = Σ sets × (primaries + 0.5 × secondaries)', () => {
    const muscle = fc.constantFrom(...MUSCLES);
    const exercise = fc
      .record({
        sets: fc.integer({ min: 0, max: 10 }),
        primary: fc.uniqueArray(muscle, { minLength: 1, maxLength: 3 }),
        secondary: fc.uniqueArray(muscle, { maxLength: 3 }),
      })
      .map((e) => ({ ...e, secondary: e.secondary.filter((m) => !e.primary.includes(m)) }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ exercises: fc.array(exercise, { maxLength: 5 }) }), { maxLength: 4 }),
        (sessions) => {
          const total = Object.values(weeklySetsPerMuscle(sessions)).reduce((a, b) => a + b, 0);
          const expected = sessions
            .flatMap((s) => s.exercises)
            .reduce((a, e) => a + e.sets * (e.primary.length + 0.5 * e.secondary.length), 0);
          return Math.abs(total - expected) < 1e-9;
        },
      ),
    );
  });
  it('rejects unknown muscles and double listing with the field path', () => {
    try {
      weeklySetsPerMuscle([{ exercises: [{ sets: 3, primary: ['pecs' as MuscleT] }] }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_ENUM', path: ['sessions', 0, 'exercises', 0, 'primary', 0] });
    }
    try {
      weeklySetsPerMuscle([{ exercises: [{ sets: 3, primary: ['chest'], secondary: ['chest'] }] }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INCONSISTENT',
        path: ['sessions', 0, 'exercises', 0, 'secondary', 0],
      });
    }
    expect(() => weeklySetsPerMuscle(week, { secondaryWeight: 2 })).toThrowError(/secondaryWeight/);
  });
});

describe('WEEKLY_SET_RANGES', () => {
  it('covers every experience level with min < max, the bands of issue 8', () => {
    for (const level of EXPERIENCE_LEVELS)
      expect(WEEKLY_SET_RANGES[level].min).toBeLessThan(WEEKLY_SET_RANGES[level].max);
    // The product's bands as the issue states them (beginner 8–12, intermediate 10–20, advanced 12–22).
    expect(WEEKLY_SET_RANGES).toEqual({
      beginner: { min: 8, max: 12 },
      intermediate: { min: 10, max: 20 },
      advanced: { min: 12, max: 22 },
    });
  });
});
