import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXERCISES,
  Exercise,
  type ExerciseT,
  exercisesFor,
  getExercise,
  LIFT_FAMILIES,
  sameLift,
  stancesOf,
} from '../src/exercises/index';
import { EQUIPMENT_SETS, INJURY_SITES, MUSCLES, NexFitraError } from '../src/index';
import { getMet } from '../src/met/index';

type SetName = keyof typeof EQUIPMENT_SETS;
const SETS = Object.keys(EQUIPMENT_SETS) as SetName[];
const primaryOf = (list: readonly ExerciseT[], m: string) =>
  list.filter((e) => (e.primaryMuscles as readonly string[]).includes(m));
const anyOf = (list: readonly ExerciseT[], m: string) =>
  list.filter(
    (e) =>
      (e.primaryMuscles as readonly string[]).includes(m) ||
      (e.secondaryMuscles as readonly string[]).includes(m),
  );
const ids = (list: readonly ExerciseT[]) => list.map((e) => e.id);

describe('exercise catalogue: shape', () => {
  it('has at least 200 exercises, each valid against the Exercise schema', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(200);
    for (const e of EXERCISES) {
      const r = Exercise.safeParse(e);
      expect(r.success, `${e.id}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });
  it('has unique ids and unique names', () => {
    expect(new Set(ids(EXERCISES)).size).toBe(EXERCISES.length);
    expect(new Set(EXERCISES.map((e) => e.name.toLowerCase())).size).toBe(EXERCISES.length);
  });
  it('is frozen', () => {
    expect(Object.isFrozen(EXERCISES)).toBe(true);
    const e = getExercise('push-up');
    expect(Object.isFrozen(e) && Object.isFrozen(e.contraindications)).toBe(true);
  });
  it('schema rejects a bad entry (not kebab-case, muscle outside the vocabulary, met without code)', () => {
    const good = getExercise('push-up');
    expect(Exercise.safeParse({ ...good, id: 'Push Up' }).success).toBe(false);
    expect(Exercise.safeParse({ ...good, primaryMuscles: ['pecs'] }).success).toBe(false);
    expect(Exercise.safeParse({ ...good, primaryMuscles: [] }).success).toBe(false);
    expect(Exercise.safeParse({ ...good, met: 8 }).success).toBe(false);
    expect(Exercise.safeParse({ ...good, equipment: ['bodyweight', 'bench'] }).success).toBe(false);
  });
});

describe('exercise catalogue: coverage per muscle × equipment set', () => {
  // Exceptions (documented in datasets/exercises/CARD.md): with no equipment at all there is
  // only one honest direct side-delt exercise (isometric wall raise) and one forearm exercise
  // (towel wring); both muscles are still trained as secondaries (pike push-ups, rows, curls).
  const EXCEPTIONS: Partial<Record<SetName, readonly string[]>> = {
    'bodyweight-only': ['side-delts', 'forearms'],
  };
  for (const set of SETS) {
    it(`${set}: every muscle is a primary mover in ≥ 3 exercises (exceptions stated)`, () => {
      const list = exercisesFor({ equipment: set });
      for (const m of MUSCLES) {
        if (EXCEPTIONS[set]?.includes(m)) {
          expect(primaryOf(list, m).length, `${set}/${m}`).toBeGreaterThanOrEqual(1);
          expect(anyOf(list, m).length, `${set}/${m}`).toBeGreaterThanOrEqual(3);
        } else {
          expect(primaryOf(list, m).length, `${set}/${m}`).toBeGreaterThanOrEqual(3);
        }
      }
    });
  }

  const COMPOUND_PATTERNS = [
    'squat',
    'hinge',
    'lunge',
    'horizontal-push',
    'vertical-push',
    'horizontal-pull',
    'vertical-pull',
    'carry',
  ] as const;
  it('every compound pattern has a knee-safe and a lower-back-safe option', () => {
    for (const p of COMPOUND_PATTERNS) {
      for (const site of ['knee', 'lower-back'] as const) {
        const safe = exercisesFor({ injuries: [site] }).filter((e) => e.pattern === p);
        expect(safe.length, `${p} without ${site}`).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it('the same holds inside each home set (carries need a load: none with bodyweight or bands)', () => {
    for (const set of SETS) {
      for (const p of COMPOUND_PATTERNS) {
        if (p === 'carry' && (set === 'bodyweight-only' || set === 'home-bands')) continue;
        for (const site of ['knee', 'lower-back'] as const) {
          const safe = exercisesFor({ equipment: set, injuries: [site] }).filter((e) => e.pattern === p);
          expect(safe.length, `${set}: ${p} without ${site}`).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });
  it('covers cardio machines and jump rope with MET values', () => {
    for (const q of ['treadmill', 'stationary-bike', 'rowing-machine', 'elliptical', 'jump-rope'] as const) {
      const list = EXERCISES.filter((e) => e.equipment.includes(q));
      expect(list.length, q).toBeGreaterThanOrEqual(1);
      expect(list.every((e) => e.met !== undefined)).toBe(true);
    }
  });
});

describe('exercise catalogue: contraindication spot checks (rules of thumb in the card)', () => {
  const tags = (id: string) => getExercise(id).contraindications;
  it('loaded deep knee flexion → knee; spinal loading → lower-back', () => {
    expect(tags('barbell-back-squat')).toEqual(expect.arrayContaining(['knee', 'lower-back']));
    expect(tags('leg-press')).toContain('knee');
    expect(tags('barbell-deadlift')).toContain('lower-back');
    expect(tags('barbell-bent-over-row')).toContain('lower-back');
    expect(tags('sit-up')).toContain('lower-back');
  });
  it('overhead pressing/pulling and dips → shoulder; dips also elbow', () => {
    expect(tags('parallel-bar-dip')).toEqual(expect.arrayContaining(['shoulder', 'elbow']));
    expect(tags('bench-dip')).toContain('shoulder');
    expect(tags('barbell-overhead-press')).toContain('shoulder');
    expect(tags('pull-up')).toContain('shoulder');
  });
  it('hands on the floor or front rack → wrist', () => {
    expect(tags('push-up')).toContain('wrist');
    expect(tags('barbell-front-squat')).toContain('wrist');
    expect(tags('burpee')).toContain('wrist');
  });
  it('impact → knee/ankle; skull crushers → elbow', () => {
    expect(tags('jump-rope-moderate')).toEqual(expect.arrayContaining(['ankle', 'knee']));
    expect(tags('treadmill-run-6-mph')).toContain('knee');
    expect(tags('barbell-skull-crusher')).toContain('elbow');
  });
  it('the rehab-style alternatives carry no tag', () => {
    for (const id of [
      'glute-bridge',
      'bird-dog',
      'dead-bug',
      'high-box-squat',
      'low-step-up',
      'wall-push-up',
    ]) {
      expect(tags(id), id).toEqual([]);
    }
  });
  it('rules hold across the whole catalogue, with named exceptions', () => {
    const without = (site: string, pred: (e: ExerciseT) => boolean) =>
      ids(EXERCISES.filter((e) => pred(e) && !(e.contraindications as readonly string[]).includes(site)));
    // Squats and lunges load deep knee flexion, except the short-range rehab options.
    expect(without('knee', (e) => e.pattern === 'squat' || e.pattern === 'lunge').sort()).toEqual(
      ['goblet-box-squat', 'high-box-squat', 'low-step-up'].sort(),
    );
    // Barbell squats, lunges and hinges load the spine, except the hip thrust (bench-supported).
    expect(
      without(
        'lower-back',
        (e) => e.equipment.includes('barbell') && ['squat', 'lunge', 'hinge'].includes(e.pattern),
      ),
    ).toEqual(['barbell-hip-thrust']);
    // Vertical pushes go overhead or are dips, except the landmine press (angled, shoulder-friendly).
    expect(without('shoulder', (e) => e.pattern === 'vertical-push')).toEqual(['landmine-press']);
    // Hanging from a bar puts the shoulder in full flexion.
    expect(without('shoulder', (e) => e.equipment.includes('pull-up-bar'))).toEqual([]);
    // Lower-body jumps land: knee or ankle.
    const jumps = EXERCISES.filter(
      (e) =>
        e.pattern === 'plyometric' && e.primaryMuscles.some((m) => ['quads', 'calves', 'glutes'].includes(m)),
    );
    for (const e of jumps)
      expect(
        e.contraindications.some((c) => c === 'knee' || c === 'ankle'),
        e.id,
      ).toBe(true);
  });
});

describe('exercise catalogue: MET values', () => {
  it('every MET value equals its Compendium row in the MET table', () => {
    const withMet = EXERCISES.filter((e) => e.met !== undefined);
    expect(withMet.length).toBeGreaterThanOrEqual(25);
    for (const e of withMet) expect(e.met, e.id).toBe(getMet(e.metCode!).met);
  });
  it('only cardio and conditioning work carries a MET value', () => {
    for (const e of EXERCISES.filter((x) => x.met !== undefined)) {
      expect(['cardio', 'plyometric'], e.id).toContain(e.pattern);
    }
    for (const e of EXERCISES.filter((x) => x.pattern === 'cardio')) expect(e.met, e.id).toBeDefined();
  });
  it('spot checks against the 2011 Compendium', () => {
    // 2011 Compendium (Ainsworth et al. 2011): 12050 running 6 mph = 9.8; 02048 elliptical,
    // moderate = 5.0; 15551 rope jumping, moderate = 11.8; 02073 rowing 150 W = 8.5.
    expect(getExercise('treadmill-run-6-mph')).toMatchObject({ met: 9.8, metCode: '12050' });
    expect(getExercise('elliptical-moderate')).toMatchObject({ met: 5.0, metCode: '02048' });
    expect(getExercise('jump-rope-moderate')).toMatchObject({ met: 11.8, metCode: '15551' });
    expect(getExercise('rowing-machine-150w')).toMatchObject({ met: 8.5, metCode: '02073' });
  });
});

describe('getExercise / exercisesFor', () => {
  it('getExercise throws a typed error naming the unknown id', () => {
    expect(() => getExercise('bench-press-deluxe')).toThrowError(NexFitraError);
    try {
      getExercise('bench-press-deluxe');
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INVALID_ENUM',
        fn: 'getExercise',
        path: ['id'],
        value: 'bench-press-deluxe',
      });
      expect((e as Error).message).toMatch(/bench-press/);
    }
    expect(() => getExercise(42 as unknown as string)).toThrowError(/getExercise: id = 42/);
  });
  it('filters by equipment set, injuries and level', () => {
    const home = exercisesFor({
      equipment: 'bodyweight-only',
      injuries: ['knee', 'wrist'],
      level: 'beginner',
    });
    expect(home.length).toBeGreaterThan(10);
    for (const e of home) {
      expect(e.equipment).toEqual(['bodyweight']);
      expect(e.level).toBe('beginner');
      expect(e.contraindications).not.toContain('knee');
      expect(e.contraindications).not.toContain('wrist');
    }
    expect(ids(home)).toContain('glute-bridge');
    expect(ids(home)).not.toContain('push-up');
    // An explicit list works like a set; bodyweight exercises need nothing and are always in.
    const db = ids(exercisesFor({ equipment: ['dumbbells'] }));
    expect(db).toContain('dumbbell-floor-press');
    expect(db).toContain('push-up');
    expect(db).not.toContain('dumbbell-bench-press'); // needs a bench too
    expect(exercisesFor()).toHaveLength(EXERCISES.length);
  });
  it('rejects bad filters naming the field and item', () => {
    const fails = (f: unknown, path: readonly (string | number)[]) => {
      try {
        exercisesFor(f as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(NexFitraError);
        expect((e as NexFitraError).path).toEqual(path);
      }
    };
    fails({ equipment: 'garage' }, ['equipment']);
    fails({ equipment: ['dumbbells', 'sled'] }, ['equipment', 1]);
    fails({ equipment: 3 }, ['equipment']);
    fails({ injuries: ['toe'] }, ['injuries', 0]);
    fails({ injuries: 'knee' }, ['injuries']);
    fails({ level: 'expert' }, ['level']);
    fails(null, ['filter']);
  });
  it('is monotone: more injuries or a lower level never adds exercises (property)', () => {
    const level = fc.constantFrom('beginner', 'intermediate', 'advanced' as const);
    const injuries = fc.subarray([...INJURY_SITES]);
    const set = fc.constantFrom(...SETS);
    fc.assert(
      fc.property(set, injuries, injuries, level, (s, a, b, l) => {
        const wide = new Set(ids(exercisesFor({ equipment: s, injuries: a, level: 'advanced' })));
        const narrow = exercisesFor({ equipment: s, injuries: [...new Set([...a, ...b])], level: l });
        return narrow.every((e) => wide.has(e.id));
      }),
      { numRuns: 100 },
    );
  });
});

describe('lift stances (sameLift, stancesOf)', () => {
  it('every family is catalogue exercises of one pattern, and no exercise is in two families', () => {
    // One lift in several stances: the members share the movement pattern by definition.
    const seen = new Set<string>();
    for (const family of LIFT_FAMILIES) {
      const patterns = new Set(family.map((id) => getExercise(id).pattern));
      expect(patterns.size, family.join(', ')).toBe(1);
      for (const id of family) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
  it('a sumo and a barbell deadlift are one lift; a squat and a leg press, or a deadlift and an RDL, are not', () => {
    expect(sameLift('barbell-deadlift', 'sumo-deadlift')).toBe(true);
    expect(sameLift('barbell-back-squat', 'barbell-front-squat')).toBe(true);
    expect(sameLift('barbell-deadlift', 'barbell-deadlift')).toBe(false);
    expect(sameLift('barbell-back-squat', 'leg-press')).toBe(false);
    expect(sameLift('barbell-deadlift', 'romanian-deadlift')).toBe(false);
    expect(stancesOf('sumo-deadlift')).toEqual(['barbell-deadlift', 'sumo-deadlift']);
    expect(stancesOf('push-up')).toEqual(['push-up']);
  });
  it('an unknown id is a typed error naming it', () => {
    expect(() => sameLift('barbell-deadlift', 'sumo-deadlfit')).toThrow(NexFitraError);
    expect(() => stancesOf('nope')).toThrow(/stancesOf|getExercise/);
  });
});
