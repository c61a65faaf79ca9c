import type { ExerciseT } from '@nexfitra/core/exercises';

/**
 * @internal The lifts widely used programmes are built on (3×5 novice programmes, GZCLP, PHUL,
 * 5/3/1 — see docs/programmes.md), best first within each movement, then their usual
 * dumbbell, machine and bodyweight stand-ins. A staple wins over an equally fitting exercise,
 * so a full gym gets a barbell squat, bench press, deadlift, row and pull-down, and a home gym
 * their dumbbell versions, instead of a random pick among the catalogue's variants. The list is
 * a preference only: the pool (equipment, injuries, level, exclusions) decides what is allowed.
 */
const STAPLES: readonly string[] = [
  // squat
  'barbell-back-squat',
  'barbell-front-squat',
  'leg-press',
  'goblet-squat',
  'kettlebell-goblet-squat',
  'goblet-box-squat',
  'band-squat',
  'bodyweight-squat',
  'high-box-squat',
  // lunge
  'dumbbell-bulgarian-split-squat',
  'dumbbell-reverse-lunge',
  'dumbbell-split-squat',
  'barbell-reverse-lunge',
  'bulgarian-split-squat',
  'split-squat',
  'reverse-lunge',
  'low-step-up',
  // hinge
  'barbell-deadlift',
  'romanian-deadlift',
  'barbell-hip-thrust',
  'dumbbell-romanian-deadlift',
  'kettlebell-deadlift',
  'dumbbell-hip-thrust',
  'band-romanian-deadlift',
  'bodyweight-single-leg-rdl',
  'glute-bridge',
  // horizontal push
  'barbell-bench-press',
  'incline-barbell-bench-press',
  'dumbbell-bench-press',
  'dumbbell-incline-press',
  'machine-chest-press',
  'dumbbell-floor-press',
  'band-chest-press',
  'push-up',
  'incline-push-up',
  'kneeling-push-up',
  // vertical push
  'barbell-overhead-press',
  'seated-dumbbell-shoulder-press',
  'standing-dumbbell-shoulder-press',
  'machine-shoulder-press',
  'landmine-press',
  'band-overhead-press',
  'pike-push-up',
  // horizontal pull
  'barbell-bent-over-row',
  'seated-cable-row',
  'one-arm-dumbbell-row',
  'chest-supported-dumbbell-row',
  'machine-row',
  'band-seated-row',
  'table-inverted-row',
  'barbell-inverted-row',
  // vertical pull
  'pull-up',
  'chin-up',
  'lat-pulldown',
  'assisted-pull-up-machine',
  'band-assisted-pull-up',
  'negative-pull-up',
  'band-lat-pulldown',
  // accessories
  'lying-leg-curl',
  'seated-leg-curl',
  'leg-extension',
  'dumbbell-lateral-raise',
  'cable-lateral-raise',
  'dumbbell-curl',
  'cable-curl',
  'cable-pushdown',
  'overhead-dumbbell-extension',
  'cable-face-pull',
  'standing-calf-raise',
  'dumbbell-calf-raise',
  'machine-standing-calf-raise',
  'hanging-knee-raise',
  'cable-crunch',
  'plank',
];
const RANK = new Map(STAPLES.map((id, i) => [id, i]));

/** Pick bonus of a staple: 5, plus up to 1 for an earlier place in its list; 0 otherwise. */
export function stapleBonus(e: ExerciseT): number {
  const i = RANK.get(e.id);
  return i === undefined ? 0 : 5 + (STAPLES.length - i) / STAPLES.length;
}
