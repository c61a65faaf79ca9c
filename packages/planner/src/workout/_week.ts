import {
  MAX_EXERCISES_PER_SESSION,
  MUSCLES,
  type MuscleT,
  type PreferencesT,
  type Rng,
  SECONDARY_SET_WEIGHT,
} from '@nexfitra/core';
import { type ExerciseT, stancesOf } from '@nexfitra/core/exercises';
import { noExerciseFits, pick, slotCandidates } from './_pool';
import { isHold, isLoaded } from './_prescription';
import { type BalanceClass, balanceClass, OPPOSITE, REGION, slotsFor } from './_slots';
import { stapleBonus } from './_staples';
import { EXERCISE_SETUP_SECONDS } from './_time';
import type { SessionKind, ShortfallReason } from './types';

/**
 * @internal Muscles planned to reach the low end of the weekly range, in priority order: first
 * the large groups the validators track (core `DEFAULT_VOLUME_MUSCLES`), then rear delts, calves
 * and abs. Front delts, forearms, obliques, lower back and adductors get enough indirect work
 * from the compounds and are only kept under the top of the range.
 */
export const PRIMARY_TARGETS: readonly MuscleT[] = [
  'quads',
  'glutes',
  'hamstrings',
  'chest',
  'lats',
  'upper-back',
  'side-delts',
  'triceps',
  'biceps',
];
export const TARGET_MUSCLES: readonly MuscleT[] = [...PRIMARY_TARGETS, 'rear-delts', 'calves', 'abs'];
const LARGE: ReadonlySet<MuscleT> = new Set(['quads', 'glutes', 'hamstrings', 'chest', 'lats', 'upper-back']);

export interface Item {
  readonly ex: ExerciseT;
  sets: number;
  readonly required: boolean;
  /** The session's main lift: the first slot, kept at ≥ {@link MAIN_SETS} sets. */
  readonly main: boolean;
}

/** Sets of a session's main lift (issue 8: every session opens with ≥ 3 sets of a compound). */
export const MAIN_SETS = 3;
/** Most exercises in a session (issue 8: 4–8 where time allows); more volume goes into sets. */
export const MAX_EXERCISES = MAX_EXERCISES_PER_SESSION;
export interface SessionPlan {
  readonly kind: SessionKind;
  readonly name: string;
  readonly day: number;
  readonly items: Item[];
}

export interface WeekInput {
  readonly kinds: readonly SessionKind[];
  readonly names: readonly string[];
  readonly days: readonly number[];
  readonly pool: readonly ExerciseT[];
  readonly prefs: PreferencesT;
  readonly rng: Rng;
  readonly range: { readonly min: number; readonly max: number };
  /** Seconds per set including rest, by exercise and whether it is the session's main lift. */
  readonly setSeconds: (e: ExerciseT, main: boolean) => number;
  /** Pick score of an exercise already in the week (see `PickContext.reuse`). */
  readonly reuse: number;
  /** Most distinct exercises in the week (new ones are added only up to it). */
  readonly maxDistinct: number;
  /** Seconds available per session after the warm-up. */
  readonly budget: number;
  /** Most sets of one exercise in one session. */
  readonly maxSetsPerExercise: number;
}

export interface WeekResult {
  readonly sessions: SessionPlan[];
  readonly totals: Record<MuscleT, number>;
  readonly shortfalls: { muscle: MuscleT; sets: number; min: number; reason: ShortfallReason }[];
  readonly skipped: { session: string; slot: string; reason: 'time' | 'no-exercise' }[];
}

const EPS = 1e-9;
/** Extra weekly glute sets allowed above the range's top (see `top` in {@link buildWeek}). */
export const GLUTE_SLACK = 4;
/** Muscles whose work adds sets to each balance side (to unblock the other side). */
const HELPERS: Record<BalanceClass, readonly MuscleT[]> = {
  push: ['chest'],
  pull: ['lats', 'upper-back'],
  knee: ['quads'],
  hip: ['hamstrings', 'glutes'],
};
/** Push sets at most 1.5 × pull (and back; knee vs hip alike): the validators' 3:2 bound. */
const BALANCE = (other: number) => 1.5 * other;

function credit(e: ExerciseT, m: MuscleT): number {
  return e.primaryMuscles.includes(m) ? 1 : e.secondaryMuscles.includes(m) ? SECONDARY_SET_WEIGHT : 0;
}

/**
 * @internal One loading week: fill every session's slots, trim muscles above the range, then
 * add sets and single-joint exercises until each target muscle reaches the low end and then the
 * middle of the range, as far as session time, per-muscle maxima and balance allow.
 */
export function buildWeek(w: WeekInput): WeekResult {
  const { pool, prefs, rng, range } = w;
  const preferred = new Set(prefs.preferredExerciseIds);
  const used = new Set<string>();
  const totals = Object.fromEntries(MUSCLES.map((m) => [m, 0])) as Record<MuscleT, number>;
  const cls: Record<BalanceClass, number> = { push: 0, pull: 0, knee: 0, hip: 0 };
  const skipped: WeekResult['skipped'] = [];
  const sessions: SessionPlan[] = w.kinds.map((kind, i) => ({
    kind,
    name: w.names[i]!,
    day: w.days[i]!,
    items: [],
  }));
  const seconds = sessions.map(() => 0);

  const change = (s: number, item: Item, delta: number) => {
    item.sets += delta;
    seconds[s]! += delta * w.setSeconds(item.ex, item.main);
    for (const m of item.ex.primaryMuscles) totals[m] += delta;
    for (const m of item.ex.secondaryMuscles) totals[m] += delta * SECONDARY_SET_WEIGHT;
    const c = balanceClass(item.ex);
    if (c) cls[c] += delta;
  };
  /**
   * Most weekly sets a muscle may get: the top of the range, and for the glutes
   * {@link GLUTE_SLACK} more. The catalogue lists the glutes as a prime mover of every squat,
   * lunge and hinge, so with the glutes capped at the top the hamstrings (Romanian deadlifts)
   * and quads (squats, lunges) could not both reach the bottom of theirs; a coach would rather
   * see a little extra glute work than 4 hamstring sets. The validator still reports it. The
   * slack is open only while muscles are raised to the low end of their range (not while
   * trimming the slots or filling toward the middle).
   */
  let slack = 0;
  const top = (m: MuscleT) => (m === 'glutes' ? range.max + slack : range.max);
  const fitsMax = (e: ExerciseT, n: number) =>
    e.primaryMuscles.every((m) => totals[m] + n <= top(m) + EPS) &&
    e.secondaryMuscles.every((m) => totals[m] + n * SECONDARY_SET_WEIGHT <= top(m) + EPS);
  /** The side (push, pull, knee, hip) whose lack last blocked an addition by the balance rule. */
  let shortSide: BalanceClass | undefined;
  const balanced = (e: ExerciseT, n: number) => {
    const c = balanceClass(e);
    const ok = c === undefined || cls[c] + n <= BALANCE(cls[OPPOSITE[c]]) + EPS;
    if (!ok) shortSide = OPPOSITE[c!];
    return ok;
  };
  const addItem = (s: number, ex: ExerciseT, sets: number, required: boolean, main = false) => {
    const item: Item = { ex, sets: 0, required, main };
    sessions[s]!.items.push(item);
    seconds[s]! += EXERCISE_SETUP_SECONDS;
    used.add(ex.id);
    change(s, item, sets);
  };
  /**
   * Preference among fitting exercises: the staples of widely used programmes (`_staples.ts`)
   * +5–6, externally loaded ones (progressive overload by load, ACSM 2009) +2, bands +1,
   * holds −1, and −3 when a prime mover would pass the top of its range with two more sets.
   */
  const quality = (e: ExerciseT) =>
    stapleBonus(e) +
    (e.equipment[0] === 'bodyweight' ? 0 : e.equipment.includes('bands') ? 1 : 2) -
    (isHold(e) ? 1 : 0) -
    (e.primaryMuscles.some((m) => totals[m] + 2 > top(m) + EPS) ? 3 : 0);
  const ctx = (s: number) => ({
    rng,
    preferred,
    reuse: w.reuse,
    usedInWeek: used,
    // What the session refuses: the exercises it holds and their other stances (core
    // `stancesOf`: no sumo deadlift next to a barbell deadlift).
    inSession: new Set(sessions[s]!.items.flatMap((i) => stancesOf(i.ex.id))),
  });

  // 1. Slots: the main lift first (3 sets, fewer only when the session is too short), then two
  // sets each where time allows, one otherwise; a session never stays empty.
  const kindCount = (k: SessionKind) => w.kinds.filter((x) => x === k).length;
  const kindIndex = w.kinds.map((k, i) => w.kinds.slice(0, i).filter((x) => x === k).length);
  sessions.forEach((session, s) => {
    for (const slot of slotsFor(session.kind, kindIndex[s]!, kindCount(session.kind))) {
      const c = ctx(s);
      const first = session.items.length === 0;
      const all = slotCandidates(pool, slot.role, c.inSession);
      // A main lift is a loaded compound where the pool has one (progression by load).
      const loaded = first ? all.filter((e) => e.mechanics === 'compound' && isLoaded(e)) : [];
      const candidates = loaded.length > 0 ? loaded : all;
      if (candidates.length === 0) {
        // Empty because the pool has nothing for the role (not because the session holds it all).
        if (slot.required && slotCandidates(pool, slot.role, new Set()).length === 0) {
          noExerciseFits(slot.role, session.name, prefs);
        }
        skipped.push({ session: session.name, slot: slot.role, reason: 'no-exercise' });
        continue;
      }
      const ex = pick(candidates, c, quality)!;
      const each = w.setSeconds(ex, first);
      const room = w.budget - seconds[s]! - EXERCISE_SETUP_SECONDS;
      const sets = first
        ? Math.max(1, Math.min(MAIN_SETS, Math.floor(room / each)))
        : room >= 2 * each
          ? 2
          : room >= each && slot.required
            ? 1
            : 0;
      if (sets === 0) {
        skipped.push({ session: session.name, slot: slot.role, reason: 'time' });
        continue;
      }
      addItem(s, ex, sets, slot.required, first);
    }
  });

  // 2. Trim: take sets off (then optional exercises out) where a muscle is above the range.
  for (const m of MUSCLES) {
    while (totals[m] > top(m) + EPS) {
      let best: { s: number; item: Item } | undefined;
      let bestKey = -1;
      sessions.forEach((session, s) => {
        for (const item of session.items) {
          const c = credit(item.ex, m);
          if (c === 0 || (item.sets <= 1 && item.required) || (item.main && item.sets <= MAIN_SETS)) continue;
          // Spare the exercises another prime mover relies on (e.g. keep the Romanian deadlift
          // for the hamstrings and take the lunge when glutes are over the top).
          const deficit = item.ex.primaryMuscles.reduce(
            (d, o) => d + (o === m ? 0 : Math.max(0, range.min - (totals[o] - item.sets))),
            0,
          );
          const key = c * 100 + item.sets - 10 * deficit;
          if (key > bestKey) [best, bestKey] = [{ s, item }, key];
        }
      });
      if (!best) break;
      const { s, item } = best as { s: number; item: Item };
      // An optional exercise is not left at one set: it goes whole (the fill re-adds work).
      const whole = item.sets === 1 || (item.sets === 2 && !item.required && !item.main);
      if (!whole) change(s, item, -1);
      else {
        change(s, item, -item.sets);
        sessions[s]!.items.splice(sessions[s]!.items.indexOf(item), 1);
        seconds[s]! -= EXERCISE_SETUP_SECONDS;
        if (!sessions.some((x) => x.items.some((i) => i.ex.id === item.ex.id))) used.delete(item.ex.id);
      }
    }
  }

  // 3. Fill toward the low end, then the middle of the range.
  const mains = new Set(sessions.flatMap((x) => x.items.filter((i) => i.main).map((i) => i.ex.id)));
  const failure = new Map<MuscleT, ShortfallReason>();
  let balanceBlocked = false;
  const byPrimary = new Map(TARGET_MUSCLES.map((m) => [m, pool.filter((e) => e.primaryMuscles.includes(m))]));
  const sessionSets = (s: number, m: MuscleT) =>
    sessions[s]!.items.reduce((sum, i) => sum + i.sets * credit(i.ex, m), 0);
  const raise = (m: MuscleT): boolean => {
    let timeBlocked = false;
    let otherBlocked = false;
    balanceBlocked = false;
    const tryExisting = (limit: number): boolean => {
      let best: { s: number; item: Item; key: number } | undefined;
      sessions.forEach((session, s) => {
        for (const item of session.items) {
          if (!item.ex.primaryMuscles.includes(m) || item.sets >= limit) continue;
          if (seconds[s]! + w.setSeconds(item.ex, item.main) > w.budget) {
            timeBlocked = true;
            continue;
          }
          if (!fitsMax(item.ex, 1)) {
            otherBlocked = true;
            continue;
          }
          if (!balanced(item.ex, 1)) {
            balanceBlocked = otherBlocked = true;
            continue;
          }
          const key = item.sets * 1000 + sessionSets(s, m);
          if (!best || key < best.key) best = { s, item, key };
        }
      });
      if (!best) return false;
      const b = best as { s: number; item: Item };
      change(b.s, b.item, 1);
      return true;
    };
    // New exercise: in the session where the muscle has least work, then most time left; a
    // second exercise for the muscle in one session only after its sets reached the cap.
    const tryNew = (again: boolean): boolean => {
      const order = sessions
        .map((session, s) => ({
          s,
          load: sessionSets(s, m),
          free: w.budget - seconds[s]!,
          kind: session.kind,
        }))
        .filter(
          (x) =>
            REGION[x.kind].has(m) &&
            sessions[x.s]!.items.length < MAX_EXERCISES &&
            (again || !sessions[x.s]!.items.some((i) => i.ex.primaryMuscles.includes(m))),
        )
        .sort((a, b) => a.load - b.load || b.free - a.free || a.s - b.s);
      for (const { s } of order) {
        const region = REGION[sessions[s]!.kind];
        const capped = used.size >= w.maxDistinct;
        const c = ctx(s);
        const room = w.budget - seconds[s]! - EXERCISE_SETUP_SECONDS;
        const candidates = byPrimary.get(m)!.filter((e) => {
          if (c.inSession.has(e.id)) return false;
          if (capped && !used.has(e.id)) return false;
          // Another day's main lift is not added as an accessory (no 1-set deadlifts).
          if (mains.has(e.id)) return false;
          if (!e.primaryMuscles.every((p) => region.has(p))) return false;
          if (w.setSeconds(e, false) > room) {
            timeBlocked = true;
            return false;
          }
          if (!fitsMax(e, 1)) {
            otherBlocked = true;
            return false;
          }
          if (!balanced(e, 1)) {
            balanceBlocked = otherBlocked = true;
            return false;
          }
          return true;
        });
        const large = LARGE.has(m);
        const ex = pick(candidates, c, (e) => quality(e) + ((e.mechanics === 'compound') === large ? 2 : 0));
        if (!ex) continue;
        const two = 2 * w.setSeconds(ex, false) <= room && fitsMax(ex, 2) && balanced(ex, 2);
        addItem(s, ex, two ? 2 : 1, false);
        return true;
      }
      return false;
    };
    if (tryExisting(3) || tryNew(false) || tryExisting(w.maxSetsPerExercise) || tryNew(true)) return true;
    failure.set(m, otherBlocked && !timeBlocked ? 'other-limits' : timeBlocked ? 'time' : 'no-exercise');
    return false;
  };
  // Totals and session times only grow while filling, so a muscle that cannot be raised stays
  // so for the rest of the phase — unless only the balance guard stopped it (the other side may
  // grow): such a muscle is retried. Large groups reach the low end first.
  const mid = Math.floor((range.min + range.max) / 2);
  const phases: [readonly MuscleT[], number][] = [
    [PRIMARY_TARGETS, range.min],
    [TARGET_MUSCLES, range.min],
    [TARGET_MUSCLES, mid],
  ];
  /**
   * When `m` is held under the low end only because a muscle its exercises also train is at the
   * top (glutes full from squats and lunges while the hamstrings need Romanian deadlifts), move
   * one set: take it from an exercise that trains the full muscle but not `m`, if its own prime
   * movers stay at or above the low end, and give `m` a set; undone if `m` still cannot rise.
   */
  const makeRoom = (m: MuscleT): boolean => {
    const full = new Set(MUSCLES.filter((o) => o !== m && totals[o] > top(o) - 1 + EPS));
    if (full.size === 0) return false;
    for (let s = 0; s < sessions.length; s++) {
      for (const item of sessions[s]!.items) {
        const ex = item.ex;
        if (credit(ex, m) >= 1 || item.sets <= (item.main ? MAIN_SETS : 2)) continue;
        if (![...ex.primaryMuscles, ...ex.secondaryMuscles].some((o) => full.has(o))) continue;
        if (ex.primaryMuscles.some((o) => totals[o] - 1 < range.min - EPS)) continue;
        change(s, item, -1);
        if (raise(m)) return true;
        change(s, item, 1);
      }
    }
    return false;
  };
  for (const [muscles, target] of phases) {
    slack = target === range.min ? GLUTE_SLACK : 0;
    const stuck = new Set<MuscleT>();
    let progress = true;
    while (progress) {
      progress = false;
      for (const m of muscles) {
        if (stuck.has(m) || totals[m] >= target - EPS) continue;
        if (raise(m)) progress = true;
        else if (!balanceBlocked) {
          if (target === range.min && makeRoom(m)) progress = true;
          else stuck.add(m);
        } else {
          // Blocked by the push/pull (knee/hip) balance: give the short side a set if its
          // muscles have room, so this muscle can follow.
          const side = shortSide;
          if (side !== undefined && HELPERS[side].some((o) => totals[o] < range.max - EPS && raise(o))) {
            progress = true;
          }
        }
      }
    }
  }

  // 3b. No single sets: a coach writes "calf raise 2 × 12" or leaves it out, not "1 × 12".
  // A one-set accessory gets its second set where the session has time and its muscles room;
  // else its set moves to another exercise of the week for the same prime mover (the setup
  // time it frees pays for the set), unless it is the week's only exercise of its movement
  // pattern or a muscle in range would fall under it; else it stays.
  const inRange = (snapshot: Record<MuscleT, number>) =>
    TARGET_MUSCLES.every((m) => totals[m] >= range.min - EPS || totals[m] >= snapshot[m] - EPS);
  const moveSet = (s: number, item: Item): boolean => {
    const patternElsewhere = sessions.some((x) =>
      x.items.some((i) => i !== item && i.ex.pattern === item.ex.pattern),
    );
    if (!patternElsewhere) return false;
    const before = { ...totals };
    const order = [s, ...sessions.map((_, k) => k).filter((k) => k !== s)];
    for (const k of order) {
      for (const to of sessions[k]!.items) {
        if (to === item || to.sets >= w.maxSetsPerExercise) continue;
        if (!to.ex.primaryMuscles.some((m) => item.ex.primaryMuscles.includes(m))) continue;
        const freed = k === s ? w.setSeconds(item.ex, false) + EXERCISE_SETUP_SECONDS : 0;
        if (seconds[k]! - freed + w.setSeconds(to.ex, to.main) > w.budget) continue;
        change(s, item, -1);
        if (fitsMax(to.ex, 1) && balanced(to.ex, 1)) {
          change(k, to, 1);
          if (inRange(before)) {
            sessions[s]!.items.splice(sessions[s]!.items.indexOf(item), 1);
            seconds[s]! -= EXERCISE_SETUP_SECONDS;
            if (!sessions.some((x) => x.items.some((i) => i.ex.id === item.ex.id))) used.delete(item.ex.id);
            return true;
          }
          change(k, to, -1);
        }
        change(s, item, 1);
      }
    }
    return false;
  };
  /** A set for `item` taken from an exercise of the same session that keeps ≥ 2 (the main lift ≥ 3), its muscles' surplus first. */
  const tradeSet = (s: number, item: Item): boolean => {
    const before = { ...totals };
    const surplus = (i: Item) => Math.min(...i.ex.primaryMuscles.map((m) => totals[m] - range.min));
    const donors = sessions[s]!.items.filter((i) => i !== item && i.sets > (i.main ? MAIN_SETS : 2)).sort(
      (a, b) => surplus(b) - surplus(a),
    );
    for (const from of donors) {
      if (seconds[s]! - w.setSeconds(from.ex, from.main) + w.setSeconds(item.ex, false) > w.budget) continue;
      change(s, from, -1);
      if (fitsMax(item.ex, 1) && balanced(item.ex, 1)) {
        change(s, item, 1);
        if (inRange(before)) return true;
        change(s, item, -1);
      }
      change(s, from, 1);
    }
    return false;
  };
  sessions.forEach((session, s) => {
    for (const item of [...session.items]) {
      if (item.sets !== 1 || item.main || item.ex.pattern === 'cardio') continue;
      const fits =
        seconds[s]! + w.setSeconds(item.ex, false) <= w.budget && fitsMax(item.ex, 1) && balanced(item.ex, 1);
      if (fits) change(s, item, 1);
      else if (!moveSet(s, item)) tradeSet(s, item);
    }
  });

  // 4. Order: the main lift, then multiple-joint before single-joint (stable, so slot order is
  // kept; ACSM 2009: large-muscle, multiple-joint exercises first).
  for (const session of sessions) {
    const main = session.items.filter((i) => i.main);
    const compound = session.items.filter((i) => !i.main && i.ex.mechanics === 'compound');
    const single = session.items.filter((i) => !i.main && i.ex.mechanics !== 'compound');
    session.items.splice(0, session.items.length, ...main, ...compound, ...single);
  }

  const shortfalls = TARGET_MUSCLES.filter((m) => totals[m] < range.min - EPS).map((m) => ({
    muscle: m,
    sets: totals[m],
    min: range.min,
    reason: pool.some((e) => e.primaryMuscles.includes(m))
      ? (failure.get(m) ?? 'other-limits')
      : ('no-exercise' as const),
  }));
  return { sessions, totals, shortfalls, skipped };
}
