/**
 * Exercises a coach would not put in one session: the same main lift in another stance, bar
 * position or box height. A barbell deadlift and a sumo deadlift, a back squat and a front
 * squat, a bodyweight squat and a box squat train one pattern with one tool, so the second costs
 * the session's time and recovery and adds little; the choice between them belongs to the
 * programme, not to one session (NSCA, *Essentials of Strength Training and Conditioning*, 4th
 * ed., ch. 17: core exercises by movement pattern, assistance exercises for other muscles).
 *
 * The families are our authored reading of that, kept to squats and hinges, where the catalogue
 * has several stances of one lift. A squat with a leg press, a deadlift with a Romanian deadlift
 * or a hip thrust, a bench press with an incline press: different lifts, ordinary programming.
 */

/** Lift families: each list is one lift in its stances (ids of the exercise catalogue). */
export const LIFT_FAMILIES: readonly (readonly string[])[] = [
  ['barbell-deadlift', 'sumo-deadlift'],
  ['barbell-back-squat', 'barbell-front-squat', 'barbell-box-squat', 'smith-machine-squat'],
  ['bodyweight-squat', 'high-box-squat', 'sumo-squat'],
  ['pistol-squat', 'shrimp-squat'],
  ['goblet-squat', 'goblet-box-squat', 'kettlebell-goblet-squat', 'dumbbell-sumo-squat'],
  ['dumbbell-glute-bridge', 'dumbbell-hip-thrust'],
  ['glute-bridge', 'single-leg-glute-bridge'],
];

const FAMILY = new Map<string, number>(LIFT_FAMILIES.flatMap((ids, f) => ids.map((id) => [id, f] as const)));

/** @internal `id`'s family in {@link LIFT_FAMILIES}, or `undefined`; the id is not checked. */
export function liftFamily(id: string): readonly string[] | undefined {
  const f = FAMILY.get(id);
  return f === undefined ? undefined : LIFT_FAMILIES[f];
}
