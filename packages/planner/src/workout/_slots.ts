import { type MovementPatternT, type MuscleT, SESSION_REGIONS } from '@nexfitra/core';
import type { ExerciseT } from '@nexfitra/core/exercises';
import type { SessionKind } from './types';

/**
 * @internal Movement slots of each session kind. A slot names a role; each role lists the
 * exercise kinds that can fill it, best first, so that a missing pattern (no squat without a
 * sound knee and a barbell…) falls back to the next way of training the same muscles.
 * ACSM 2009 asks for multiple-joint before single-joint and large before small muscle groups:
 * every template opens with compound lower-body and push/pull slots; the volume step adds
 * single-joint work after them.
 */
export type Role = 'knee' | 'knee-lunge' | 'hinge' | 'h-push' | 'v-push' | 'h-pull' | 'v-pull';

export interface Matcher {
  readonly patterns: readonly MovementPatternT[];
  readonly mechanics?: 'compound' | 'isolation';
  /** At least one of these is a primary muscle. */
  readonly primary?: readonly MuscleT[];
}

const C = 'compound';
const I = 'isolation';
const LOWER_FALLBACK: readonly Matcher[] = [
  { patterns: ['knee-extension'] },
  { patterns: ['squat', 'lunge'], mechanics: I },
  { patterns: ['hinge'], mechanics: C },
  { patterns: ['knee-flexion'] },
  { patterns: ['hip-isolation'], primary: ['glutes'] },
];
const PUSH_FALLBACK: readonly Matcher[] = [
  { patterns: ['horizontal-push'], mechanics: I },
  { patterns: ['shoulder-isolation'], primary: ['front-delts'] },
  { patterns: ['elbow-extension'] },
];
const PULL_FALLBACK: readonly Matcher[] = [
  { patterns: ['vertical-pull'], mechanics: I, primary: ['lats'] },
  { patterns: ['shoulder-isolation'], primary: ['rear-delts', 'upper-back', 'lats'] },
  { patterns: ['elbow-flexion'], primary: ['biceps'] },
];

export const ROLES: Record<Role, { readonly label: string; readonly alternatives: readonly Matcher[] }> = {
  knee: {
    label: 'knee-dominant lower-body (squat, lunge or their fallbacks)',
    alternatives: [
      { patterns: ['squat'], mechanics: C },
      { patterns: ['lunge'], mechanics: C },
      ...LOWER_FALLBACK,
    ],
  },
  'knee-lunge': {
    label: 'knee-dominant lower-body (lunge, squat or their fallbacks)',
    alternatives: [
      { patterns: ['lunge'], mechanics: C },
      { patterns: ['squat'], mechanics: C },
      ...LOWER_FALLBACK,
    ],
  },
  hinge: {
    label: 'hip-dominant lower-body (hinge, leg curl or glute work)',
    alternatives: [
      { patterns: ['hinge'], mechanics: C },
      { patterns: ['knee-flexion'] },
      { patterns: ['hip-isolation'], primary: ['glutes'] },
      { patterns: ['hinge'] },
    ],
  },
  'h-push': {
    label: 'upper-body push (horizontal or vertical press or their fallbacks)',
    alternatives: [
      { patterns: ['horizontal-push'], mechanics: C },
      { patterns: ['vertical-push'], mechanics: C },
      ...PUSH_FALLBACK,
    ],
  },
  'v-push': {
    label: 'upper-body push (vertical or horizontal press or their fallbacks)',
    alternatives: [
      { patterns: ['vertical-push'], mechanics: C },
      { patterns: ['horizontal-push'], mechanics: C },
      ...PUSH_FALLBACK,
    ],
  },
  'h-pull': {
    label: 'upper-body pull (row, pulldown or their fallbacks)',
    alternatives: [
      { patterns: ['horizontal-pull'], mechanics: C },
      { patterns: ['vertical-pull'], mechanics: C, primary: ['lats'] },
      ...PULL_FALLBACK,
    ],
  },
  'v-pull': {
    label: 'upper-body pull (pull-up/pulldown, row or their fallbacks)',
    alternatives: [
      { patterns: ['vertical-pull'], mechanics: C, primary: ['lats'] },
      { patterns: ['horizontal-pull'], mechanics: C },
      ...PULL_FALLBACK,
    ],
  },
};

export function matches(e: ExerciseT, m: Matcher): boolean {
  return (
    m.patterns.includes(e.pattern) &&
    (m.mechanics === undefined || e.mechanics === m.mechanics) &&
    (m.primary === undefined || m.primary.some((p) => e.primaryMuscles.includes(p)))
  );
}

export interface Slot {
  readonly role: Role;
  /** A required slot that no exercise can fill is a typed error, not a silent gap. */
  readonly required: boolean;
}

const req = (role: Role): Slot => ({ role, required: true });
const opt = (role: Role): Slot => ({ role, required: false });

/**
 * @internal The slots of the `index`-th session of `kind` in a week with `countOfKind` such
 * sessions; the first slot is the session's main lift (≥ 3 sets). Templates after widely used
 * programmes (see docs/programmes.md): full-body days alternate a squat-led day (A, with the
 * horizontal press and the row) and a hinge-led day (B, with the overhead press and the
 * pull-down), as in 3×5 novice programmes (squat every session, press and pull alternating);
 * a third day repeats A's lifts in the vertical pull's place. With one or two full-body days a
 * week each day carries all six patterns. Upper/lower and push/pull/legs days alternate which
 * pattern leads (PHUL-style A/B days). Every week covers squat, hinge, horizontal and vertical
 * push, horizontal and vertical pull whenever the pool has them.
 */
export function slotsFor(kind: SessionKind, index: number, countOfKind: number): Slot[] {
  switch (kind) {
    case 'full': {
      if (countOfKind === 1) {
        return [req('knee'), req('h-push'), req('h-pull'), opt('hinge'), opt('v-push'), opt('v-pull')];
      }
      const v = countOfKind === 2 ? index % 2 : index % 3;
      if (v === 1) {
        const base = [req('hinge'), req('v-push'), req('v-pull'), opt('knee-lunge')];
        return countOfKind === 2 ? [...base, opt('h-push'), opt('h-pull')] : base;
      }
      if (v === 2) return [req('knee'), req('h-push'), req('v-pull'), opt('h-pull')];
      // The hinge leads day B; a 3-day week leaves it off A and C (a deadlift three times a
      // week is more than novice programmes ask); two days a week keep it on both.
      return countOfKind === 2
        ? [req('knee'), req('h-push'), req('h-pull'), opt('hinge'), opt('v-push'), opt('v-pull')]
        : [req('knee'), req('h-push'), req('h-pull')];
    }
    case 'upper':
      return index % 2 === 0
        ? [req('h-push'), req('h-pull'), opt('v-push'), opt('v-pull')]
        : [req('v-push'), req('v-pull'), opt('h-push'), opt('h-pull')];
    case 'lower':
      return index % 2 === 0
        ? [req('knee'), opt('hinge'), opt('knee-lunge')]
        : [req('hinge'), opt('knee'), opt('knee-lunge')];
    case 'push':
      return index % 2 === 0
        ? [req('h-push'), opt('v-push'), opt('h-push')]
        : [req('v-push'), opt('h-push'), opt('h-push')];
    case 'pull':
      return index % 2 === 0
        ? [req('v-pull'), opt('h-pull'), opt('h-pull')]
        : [req('h-pull'), opt('v-pull'), opt('h-pull')];
    case 'legs':
      return index % 2 === 0
        ? [req('knee'), opt('hinge'), opt('knee-lunge')]
        : [req('hinge'), opt('knee'), opt('knee-lunge')];
  }
}

/** @internal Muscles a session of each kind may train as prime movers (core `SESSION_REGIONS`: core work fits any day). */
export const REGION: Record<SessionKind, ReadonlySet<MuscleT>> = SESSION_REGIONS;

/** @internal Pattern classes for the push/pull and knee/hip balance. */
export type BalanceClass = 'push' | 'pull' | 'knee' | 'hip';
export const OPPOSITE: Record<BalanceClass, BalanceClass> = {
  push: 'pull',
  pull: 'push',
  knee: 'hip',
  hip: 'knee',
};

export function balanceClass(e: ExerciseT): BalanceClass | undefined {
  switch (e.pattern) {
    case 'horizontal-push':
    case 'vertical-push':
      return 'push';
    case 'horizontal-pull':
    case 'vertical-pull':
      return 'pull';
    case 'squat':
    case 'lunge':
    case 'knee-extension':
      return 'knee';
    case 'hinge':
    case 'knee-flexion':
    case 'hip-isolation':
      return 'hip';
    default:
      return undefined;
  }
}
