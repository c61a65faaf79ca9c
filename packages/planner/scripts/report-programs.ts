/**
 * The workout programmer's realism figures over generated requests (issue 8), read as a strength
 * coach would count them: weekly sets of chest, back (lats and upper back), quads, hamstrings and
 * shoulders (side delts) inside the level's range (core `WEEKLY_SET_RANGES`) — over all
 * programmes and over those whose time allows (no `volumeFinding` in the report) —, loading
 * weeks that progress, sessions opening with fewer than 3 sets, distinct exercises a week,
 * missing movement patterns, soft findings by code, and time per 4-week program.
 *
 * Every figure is measured by core's validator (`validateWorkoutProgram`: its own set counter,
 * its own progression rule), not taken from the planner's report; the report only says whether
 * the planner judged the time too short.
 *
 * Run: `npx tsx --conditions=@nexfitra/source packages/planner/scripts/report-programs.ts [n] [seed] [weeks]`
 */
import { byIdLookup, type MuscleT, validateWorkoutProgram, WEEKLY_SET_RANGES } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { generateRequests } from '../src/requests/generateRequests';
import { programWorkout } from '../src/workout/programWorkout';

const N = Number(process.argv[2] ?? 3000);
const SEED = Number(process.argv[3] ?? 20240601);
const WEEKS = Number(process.argv[4] ?? 4);
const exercises = byIdLookup(EXERCISES);
const exerciseById = new Map(EXERCISES.map((e) => [e.id, e]));

const GROUPS: Record<string, readonly MuscleT[]> = {
  chest: ['chest'],
  back: ['lats', 'upper-back'],
  quads: ['quads'],
  hamstrings: ['hamstrings'],
  shoulders: ['side-delts'],
};
const quantile = (xs: readonly number[], q: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);

const requests = generateRequests(N, SEED);
const inRange = Object.fromEntries(Object.keys(GROUPS).map((g) => [g, { all: 0, timeOk: 0 }]));
let programs = 0;
let timeOk = 0;
let everyWeekProgresses = 0;
let noFinding = 0;
let openers = 0;
/** Week-1 exercise entries of one set (cardio aside), and all week-1 non-cardio entries. */
let singleSets = 0;
let entries = 0;
let sessions = 0;
let hard = 0;
let glutesOver = 0;
const perSession = { 'under 4': 0, '4–8': 0, 'over 8': 0 };
const failures = new Map<string, number>();
const soft = new Map<string, number>();
const distinct: number[] = [];
const distinctBeginner: number[] = [];
const missing = new Map<string, number>();
const ms: number[] = [];
for (const req of requests) {
  const t0 = performance.now();
  let plan: ReturnType<typeof programWorkout>;
  try {
    plan = programWorkout(req, { weeks: WEEKS });
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'ERROR';
    failures.set(code, (failures.get(code) ?? 0) + 1);
    continue;
  }
  ms.push(performance.now() - t0);
  programs++;
  const { program, report } = plan;
  const v = validateWorkoutProgram(program, req, { exercises });
  hard += v.violations.filter((x) => x.severity === 'hard').length;
  for (const x of v.violations) if (x.severity === 'soft') soft.set(x.code, (soft.get(x.code) ?? 0) + 1);
  openers += v.violations.filter((x) => x.code === 'ONE_SET_OPENER').length;
  sessions += program.weeks.reduce((t, w) => t + (w.deload ? 0 : w.sessions.length), 0);
  for (const s of program.weeks[0]!.sessions) {
    for (const x of s.exercises) {
      if (exerciseById.get(x.exerciseId)?.pattern === 'cardio') continue;
      entries++;
      if (x.sets.length === 1) singleSets++;
    }
    if (s.name === 'Light conditioning') continue;
    const n = s.exercises.length;
    perSession[n < 4 ? 'under 4' : n > 8 ? 'over 8' : '4–8']++;
  }
  const metrics = v.metrics!;
  const first = metrics.weeks.find((w) => !w.deload)!;
  const range = WEEKLY_SET_RANGES[req.preferences.experience];
  const allows = report.volumeFinding === undefined;
  if (allows) timeOk++;
  for (const [g, muscles] of Object.entries(GROUPS)) {
    const ok = muscles.every(
      (m) => first.setsPerMuscle![m] >= range.min && first.setsPerMuscle![m] <= range.max,
    );
    if (ok) inRange[g]!.all++;
    if (ok && allows) inRange[g]!.timeOk++;
  }
  const shares = metrics.weeks.map((w) => w.progressedShare).filter((s) => s !== null);
  if (shares.every((s) => s > 0)) everyWeekProgresses++;
  if (!v.violations.some((x) => x.code === 'NO_PROGRESSION')) noFinding++;
  distinct.push(first.distinctExercises!);
  if (req.preferences.experience === 'beginner') distinctBeginner.push(first.distinctExercises!);
  for (const m of first.missingPatterns ?? []) missing.set(m, (missing.get(m) ?? 0) + 1);
  if (first.setsPerMuscle!.glutes > range.max) glutesOver++;
}

console.log(`programWorkout over ${N} generated requests (seed ${SEED}), ${WEEKS}-week programs`);
console.log(`  programs: ${programs}; typed refusals: ${JSON.stringify(Object.fromEntries(failures))}`);
console.log(`  hard violations: ${hard}`);
console.log(`  time allows the range (no volumeFinding): ${timeOk} (${pct(timeOk, programs)})`);
console.log('  weekly sets inside the level range (week 1, core counter):');
for (const g of Object.keys(GROUPS)) {
  const r = inRange[g]!;
  console.log(
    `    ${g.padEnd(11)} all ${pct(r.all, programs).padStart(8)}   where time allows ${pct(r.timeOk, timeOk).padStart(8)}`,
  );
}
console.log(`  glutes above the range (the planner's GLUTE_SLACK): ${pct(glutesOver, programs)}`);
console.log(`  every loading week progresses something: ${pct(everyWeekProgresses, programs)}`);
console.log(
  `  no NO_PROGRESSION finding (≥ half the exercises progress each week): ${pct(noFinding, programs)}`,
);
console.log(`  one-set openers: ${openers} of ${sessions} loading-week sessions`);
console.log(
  `  exercises of a single set (week 1, cardio aside): ${singleSets} of ${entries} (${pct(singleSets, entries)})`,
);
console.log(`  exercises per resistance session (week 1): ${JSON.stringify(perSession)}`);
console.log(
  `  distinct exercises/week: median ${quantile(distinct, 0.5)}, p95 ${quantile(distinct, 0.95)}, max ${quantile(distinct, 1)}; beginners median ${quantile(distinctBeginner, 0.5)}, max ${quantile(distinctBeginner, 1)}`,
);
console.log(`  weeks missing a pattern (week 1): ${JSON.stringify(Object.fromEntries(missing))}`);
console.log(
  `  soft findings by code: ${JSON.stringify(Object.fromEntries([...soft].sort((a, b) => b[1] - a[1])))}`,
);
console.log(
  `  time per program: p50 ${quantile(ms, 0.5).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms, p99 ${quantile(ms, 0.99).toFixed(2)} ms, max ${quantile(ms, 1).toFixed(2)} ms`,
);
