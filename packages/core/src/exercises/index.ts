/**
 * @packageDocumentation
 * `@nexfitra/core/exercises`: the NexFitra exercise catalogue (written by us, Apache-2.0): home
 * (bodyweight, dumbbells, bands, pull-up bar, kettlebell), gym (barbell, cable, machine) and cardio
 * work, each entry valid against the {@link Exercise} schema, with its muscles, equipment, movement
 * pattern, minimum level and contraindication tags. Built, counted and documented in
 * `datasets/exercises/CARD.md`.
 */
import { checkEnum, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import type { ExerciseT } from '../schemas/exercise';
import type { EquipmentT, ExperienceLevelT, InjurySiteT } from '../schemas/vocab';
import { EQUIPMENT, EQUIPMENT_SETS, EXPERIENCE_LEVELS, INJURY_SITES } from '../schemas/vocab';
import { EXERCISE_ROWS } from './catalogue';
import { liftFamily } from './liftFamilies';

export type { ExerciseT } from '../schemas/exercise';
export { Exercise } from '../schemas/exercise';
export { LIFT_FAMILIES } from './liftFamilies';

/** A named equipment set from `EQUIPMENT_SETS`. */
export type EquipmentSetName = keyof typeof EQUIPMENT_SETS;
const SET_NAMES = Object.keys(EQUIPMENT_SETS) as EquipmentSetName[];

/** Every exercise of the catalogue, frozen, in catalogue order. */
export const EXERCISES: readonly ExerciseT[] = /* @__PURE__ */ Object.freeze(
  EXERCISE_ROWS.map((r): ExerciseT => {
    const [id, name, primary, secondary, equipment, pattern, mechanics, level, uni, contra, met, metCode] =
      r as (typeof EXERCISE_ROWS)[number] & readonly unknown[];
    const e: ExerciseT = {
      id,
      name,
      primaryMuscles: Object.freeze([...primary]) as ExerciseT['primaryMuscles'],
      secondaryMuscles: Object.freeze([...secondary]) as ExerciseT['secondaryMuscles'],
      equipment: Object.freeze([...equipment]) as ExerciseT['equipment'],
      pattern,
      mechanics,
      level,
      unilateral: uni === 1,
      contraindications: Object.freeze([...contra]) as ExerciseT['contraindications'],
    };
    if (typeof met === 'number' && typeof metCode === 'string') {
      e.met = met;
      e.metCode = metCode;
    }
    return Object.freeze(e);
  }),
);

let byId: Map<string, ExerciseT> | undefined;

/**
 * The catalogue entry with this id.
 *
 * @param id kebab-case exercise id, e.g. `"barbell-back-squat"`
 * @throws {NexFitraError} `INVALID_TYPE` when `id` is not a string; `INVALID_ENUM` naming the
 *   unknown id (with near matches) when it is not in the catalogue
 * @example getExercise('push-up').contraindications // ['wrist']
 */
export function getExercise(id: string): ExerciseT {
  if (typeof id !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'getExercise',
      path: ['id'],
      value: id,
      allowed: 'an exercise id string, e.g. "push-up"',
    });
  }
  byId ??= new Map(EXERCISES.map((e) => [e.id, e]));
  const found = byId.get(id);
  if (found) return found;
  const words = id
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2);
  const near = EXERCISES.filter((e) => words.some((w) => e.id.includes(w)))
    .slice(0, 5)
    .map((e) => JSON.stringify(e.id));
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn: 'getExercise',
    path: ['id'],
    value: id,
    allowed: `an id of one of the ${EXERCISES.length} catalogue exercises${near.length ? ` (near: ${near.join(', ')})` : ''}`,
  });
}

/** What a user has and can do; every field is optional and omitted means "no restriction". */
export interface ExerciseFilter {
  /** A named set (`'home-dumbbells'`…) or the list of items available. */
  readonly equipment?: EquipmentSetName | readonly EquipmentT[];
  /** Injury sites to protect: exercises contraindicated for any of them are left out. */
  readonly injuries?: readonly InjurySiteT[];
  /** The user's level: exercises whose minimum level is above it are left out. */
  readonly level?: ExperienceLevelT;
}

/**
 * The exercises a user can do with the equipment at hand, without loading an injured site,
 * at or below their experience level. `bodyweight` exercises are always available: they need
 * nothing. An exercise needs *all* of its listed equipment.
 *
 * @throws {NexFitraError} `INVALID_TYPE` / `INVALID_ENUM` naming the bad field and item
 * @example exercisesFor({ equipment: 'bodyweight-only', injuries: ['knee'], level: 'beginner' })
 */
export function exercisesFor(filter: ExerciseFilter = {}): readonly ExerciseT[] {
  const fn = 'exercisesFor';
  const f = checkObject(fn, 'filter', filter);
  let have: ReadonlySet<string> | undefined;
  if (f.equipment !== undefined) {
    if (typeof f.equipment === 'string') {
      have = new Set(EQUIPMENT_SETS[checkEnum(fn, 'equipment', f.equipment, SET_NAMES)]);
    } else if (Array.isArray(f.equipment)) {
      have = new Set(f.equipment.map((x, i) => checkEnum(fn, ['equipment', i], x, EQUIPMENT)));
    } else {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['equipment'],
        value: f.equipment,
        allowed: `an equipment set name (${SET_NAMES.join(', ')}) or an array of equipment items`,
      });
    }
  }
  let injuries: readonly InjurySiteT[] = [];
  if (f.injuries !== undefined) {
    if (!Array.isArray(f.injuries)) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['injuries'],
        value: f.injuries,
        allowed: 'an array of injury sites',
      });
    }
    injuries = f.injuries.map((x, i) => checkEnum(fn, ['injuries', i], x, INJURY_SITES));
  }
  const maxLevel =
    f.level === undefined
      ? EXPERIENCE_LEVELS.length - 1
      : EXPERIENCE_LEVELS.indexOf(checkEnum(fn, 'level', f.level, EXPERIENCE_LEVELS));
  return EXERCISES.filter(
    (e) =>
      EXPERIENCE_LEVELS.indexOf(e.level) <= maxLevel &&
      !e.contraindications.some((c) => injuries.includes(c)) &&
      (have === undefined || e.equipment.every((q) => q === 'bodyweight' || have.has(q))),
  );
}

/**
 * True when exercises `a` and `b` (catalogue ids) are different stances of one lift
 * ({@link LIFT_FAMILIES}: a barbell and a sumo deadlift, a back and a front squat): a coach does
 * not put both in one session.
 *
 * @throws {NexFitraError} `INVALID_TYPE` / `INVALID_ENUM` for an id that is not a catalogue exercise
 * @example sameLift('barbell-deadlift', 'sumo-deadlift') // true
 * @example sameLift('barbell-back-squat', 'leg-press') // false
 */
export function sameLift(a: string, b: string): boolean {
  getExercise(a);
  getExercise(b);
  return a !== b && (liftFamily(a)?.includes(b) ?? false);
}

/**
 * `id` and its other stances ({@link LIFT_FAMILIES}): the exercises a session that holds `id`
 * does not take; `[id]` for an exercise of no family.
 *
 * @throws {NexFitraError} `INVALID_TYPE` / `INVALID_ENUM` for an id that is not a catalogue exercise
 * @example stancesOf('sumo-deadlift') // ['barbell-deadlift', 'sumo-deadlift']
 */
export function stancesOf(id: string): readonly string[] {
  getExercise(id);
  return liftFamily(id) ?? [id];
}
