import { generateRequests, programWorkout } from '@nexfitra/planner';
import { byIdLookup, validateWorkoutProgram } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
const ex = byIdLookup(EXERCISES);
const agg = new Map<string, number>();
for (const r of generateRequests(300, 7, { days: 1 })) {
  let p; try { p = programWorkout(r).program; } catch { continue; }
  const v = (validateWorkoutProgram as any)(p, r, { exercises: ex });
  for (const x of v.violations) if (x.code === 'WEEKLY_SETS_OUT_OF_RANGE') {
    const dir = x.measured < x.expected.min ? 'under' : 'over';
    const k = `${dir} d${r.preferences.trainingDaysPerWeek} ${r.preferences.sessionMinutes >= 60 ? '60+' : '<60'} ${x.path.at(-1)}`;
    agg.set(k, (agg.get(k) ?? 0) + 1);
  }
}
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 25));
