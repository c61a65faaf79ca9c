/**
 * Over-long sessions of a generated programme are cut to the time asked. Minutes are worked by
 * hand with core's stated session model (5 min warm-up + reps × 3 s + rest, per set; none of
 * these exercises is unilateral in the catalogue): squat 6 reps, 120 s rest = 138 s a set;
 * bench and row 8 reps, 90 s = 114 s; lateral raise 12 reps, 60 s = 96 s.
 */
import type { WorkoutProgramT } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { exercisesById } from '../src/plan/_catalogues';
import { fitSessions } from '../src/plan/_fitSessions';
import { entry, oneWeek } from './_sessions';

// 4 × 138 + 4 × 114 + 4 × 114 + 3 × 96 = 1,752 s = 29.2 min, + 5 warm-up = 34.2 min.
const program: WorkoutProgramT = oneWeek('full-body', [
  {
    day: 0,
    name: 'Full body A',
    exercises: [
      entry('barbell-back-squat', 4, 6, 120),
      entry('barbell-bench-press', 4, 8, 90),
      entry('barbell-bent-over-row', 4, 8, 90),
      entry('dumbbell-lateral-raise', 3, 12, 60),
    ],
  },
]);
const sets = (p: WorkoutProgramT) =>
  p.weeks[0]!.sessions[0]!.exercises.map((x) => [x.exerciseId, x.sets.length]);
const request = (sessionMinutes: number) => makeRequest({ preferences: { sessionMinutes } });

describe('fitSessions', () => {
  it('takes a set from the exercise with most sets (the later one on a tie) until the session fits', () => {
    // 30 min asked, limit 33 (+10 %): one row set off → 1,638 s = 27.3 + 5 = 32.3 min.
    const r = fitSessions(program, request(30), exercisesById());
    expect(sets(r.program)).toEqual([
      ['barbell-back-squat', 4],
      ['barbell-bench-press', 4],
      ['barbell-bent-over-row', 3],
      ['dumbbell-lateral-raise', 3],
    ]);
    expect(r.changes).toEqual(['week 1, Full body A: 34 → 32 min (30 asked), 1 set fewer']);
  });

  it('keeps 3 sets of the opener and 2 of the rest, then drops the last single-joint exercise, then the last one', () => {
    // 15 min asked, limit 16.5. Sets come off to 3/2/2/2: 414 + 228 + 228 + 192 = 1,062 s = 22.7 min;
    // without the lateral raise 19.5 min; without the row 642 s = 10.7 + 5 = 15.7 min.
    const r = fitSessions(program, request(15), exercisesById());
    expect(sets(r.program)).toEqual([
      ['barbell-back-squat', 3],
      ['barbell-bench-press', 2],
    ]);
    expect(r.changes).toEqual([
      'week 1, Full body A: 34 → 16 min (15 asked), 6 sets fewer, without dumbbell-lateral-raise, barbell-bent-over-row',
    ]);
  });

  it('drops a preferred exercise only when no other can go', () => {
    // As above (15 min, sets down to 3/2/2/2: 22.7 min), with the lateral raise preferred: the
    // row goes first (414 + 228 + 192 = 834 s: 13.9 + 5 = 18.9 min, still over 16.5), then the
    // bench press, the last exercise left that is not preferred (414 + 192 = 606 s: 15.1 min).
    const r = fitSessions(
      program,
      makeRequest({ preferences: { sessionMinutes: 15, preferredExerciseIds: ['dumbbell-lateral-raise'] } }),
      exercisesById(),
    );
    expect(sets(r.program)).toEqual([
      ['barbell-back-squat', 3],
      ['dumbbell-lateral-raise', 2],
    ]);
  });

  it('leaves a programme that fits as it was', () => {
    const r = fitSessions(program, request(45), exercisesById());
    expect(r.program).toBe(program);
    expect(r.changes).toEqual([]);
  });
});
