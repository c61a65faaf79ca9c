import { NexFitraError } from '../errors';
import type { SessionKindT } from '../training/sessionRegions';

/**
 * @internal Split and session names of the plan language. `WorkoutProgram.split` and
 * `Session.name` are free strings in the schema, but a word-level vocabulary needs a closed set:
 * the language carries the names the rule planner gives (split names, and session labels
 * "Full body", "Upper", "Lower", "Push", "Pull", "Legs", "Light conditioning", each alone or
 * with a letter "Upper A" … "Upper G" when a kind occurs more than once a week). A planner
 * that names sessions otherwise needs its names added here (a minor LANGUAGE_VERSION bump). Any other name is refused by `formatPlan` with a typed error.
 */

/** Split names (as `WorkoutProgram.split` carries them; already token-safe). */
export const SPLIT_NAMES = [
  'full-body',
  'upper-lower',
  'upper-lower-full',
  'push-pull-legs',
  'push-pull-legs-upper-lower',
] as const;

/** Session labels by kind, as `Session.name` spells them. */
export const SESSION_LABELS = [
  'Full body',
  'Upper',
  'Lower',
  'Push',
  'Pull',
  'Legs',
  'Light conditioning',
] as const;

/** Letters that tell repeated sessions of one kind apart (a week has at most 7 training days). */
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;

/** Every session name the language carries, in vocabulary order. */
export const SESSION_NAMES: readonly string[] = Object.freeze(
  SESSION_LABELS.flatMap((label) => [label, ...LETTERS.map((l) => `${label} ${l}`)]),
);

/** "Full body A" → "full-body-a": the name's token text (lower case, spaces → hyphens). */
export function nameSlug(name: string): string {
  return name.toLowerCase().replace(/ /g, '-');
}

/** The session kind of a label ({@link SESSION_REGIONS} in core's training module); light conditioning has none (any exercise). */
export const LABEL_KIND: Readonly<Record<(typeof SESSION_LABELS)[number], SessionKindT | undefined>> = {
  'Full body': 'full',
  Upper: 'upper',
  Lower: 'lower',
  Push: 'push',
  Pull: 'pull',
  Legs: 'legs',
  'Light conditioning': undefined,
};

/**
 * The session labels each split uses, as the rule planner names them (its training data: every
 * session of every split kept to these), light conditioning with any split (the planner adds it
 * on asked days above a split's cap).
 */
export const SPLIT_LABELS: Readonly<
  Record<(typeof SPLIT_NAMES)[number], readonly (typeof SESSION_LABELS)[number][]>
> = {
  'full-body': ['Full body', 'Light conditioning'],
  'upper-lower': ['Upper', 'Lower', 'Light conditioning'],
  'upper-lower-full': ['Upper', 'Lower', 'Full body', 'Light conditioning'],
  'push-pull-legs': ['Push', 'Pull', 'Legs', 'Light conditioning'],
  'push-pull-legs-upper-lower': ['Push', 'Pull', 'Legs', 'Upper', 'Lower', 'Light conditioning'],
};

/** "Upper B" → "Upper": the label of a session name of the language. */
export function labelOf(name: string): (typeof SESSION_LABELS)[number] {
  return findLabel(name)!;
}

const findLabel = (name: string) => SESSION_LABELS.find((l) => name === l || name.startsWith(`${l} `));

/**
 * The session kind of a session name the language carries ("Upper B" → `upper`): undefined for
 * light conditioning (any exercise) and for a name the language does not carry.
 *
 * @throws {NexFitraError} `INVALID_TYPE` when `name` is not a string
 * @example sessionKindOf('Push A') // 'push'
 */
export function sessionKindOf(name: string): SessionKindT | undefined {
  if (typeof name !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'sessionKindOf',
      path: ['name'],
      value: name,
      allowed: 'a session name (a string)',
    });
  }
  const label = findLabel(name);
  return label === undefined ? undefined : LABEL_KIND[label];
}
