/**
 * Which muscles a session of each kind trains as prime movers: an upper day the chest, back,
 * shoulders and arms, a lower or legs day the hips and legs, a push day the pressing muscles, a
 * pull day the pulling ones, and core work on any day; a full-body day anything. The split
 * vocabulary of the common programmes (upper/lower, push/pull/legs; e.g. Schoenfeld, *Science
 * and Development of Muscle Hypertrophy*, 2nd ed., ch. 8), as the rule planner builds them and
 * the plan grammar keeps a model to them (no bench press on a "Lower" day).
 */
import type { MuscleT } from '../schemas/vocab';

/** The kinds of training session the planner writes (core `Session.name` labels map to them). */
export type SessionKindT = 'full' | 'upper' | 'lower' | 'legs' | 'push' | 'pull';

const UPPER: readonly MuscleT[] = [
  'chest',
  'lats',
  'upper-back',
  'front-delts',
  'side-delts',
  'rear-delts',
  'biceps',
  'triceps',
  'forearms',
];
const LOWER: readonly MuscleT[] = ['glutes', 'quads', 'hamstrings', 'adductors', 'calves', 'lower-back'];
const CORE: readonly MuscleT[] = ['abs', 'obliques'];

/** Prime movers each session kind may train (an exercise belongs when all of its primary muscles are in the set). */
export const SESSION_REGIONS: Readonly<Record<SessionKindT, ReadonlySet<MuscleT>>> = Object.freeze({
  full: new Set([...UPPER, ...LOWER, ...CORE]),
  upper: new Set([...UPPER, ...CORE]),
  lower: new Set([...LOWER, ...CORE]),
  legs: new Set([...LOWER, ...CORE]),
  push: new Set<MuscleT>(['chest', 'front-delts', 'side-delts', 'triceps', ...CORE]),
  pull: new Set<MuscleT>(['lats', 'upper-back', 'rear-delts', 'biceps', 'forearms', ...CORE]),
});
