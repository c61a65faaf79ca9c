/**
 * @internal `generatePlan` for a text model: targets → prompt → constrained generation → parse →
 * repair → validate. Each stage is timed; the report says what the model chose and what the
 * repair changed.
 */
import { isNexFitraError, type PlanRequestT } from '@nexfitra/core';
import { formatRequest, parsePlan } from '@nexfitra/core/language';
import { planTargets, programWorkout } from '@nexfitra/planner';
import type { TextPlanModel } from '../registry/types';
import { allowedFoods, exercisesById, foodsById } from './_catalogues';
import { assemblePlan, checkPlan, choicesOf, dayTotals, emitParts } from './_finish';
import { fitSessions } from './_fitSessions';
import { grammarFor } from './_grammarCache';
import { preferExercises } from './_preferExercises';
import { extendProgram } from './extendProgram';
import { repairMealDay } from './repairMeals';
import { orderLifts, repairWorkout } from './repairWorkout';
import type { GeneratePlanOptions, GeneratePlanResult, GenerationReport, ItemSwap } from './types';

const FN = 'generatePlan';
/** Default token budget: a 4-week, 7-day plan in the language is about 1,500–3,000 tokens. */
export const DEFAULT_MAX_NEW_TOKENS = 12000;
/** Default program length in weeks (the rule planner's). */
export const DEFAULT_WEEKS = 4;

export async function textPath(
  model: TextPlanModel,
  request: PlanRequestT,
  seed: number,
  options: GeneratePlanOptions,
): Promise<GeneratePlanResult> {
  const t0 = performance.now();
  const t = planTargets(request);
  if (!t.ok) return { ok: false, refused: true, refusal: t.refusal };
  const targets = t.targets;
  const targetFindings = t.daily.findings.map((f) => ({ code: f.code, message: f.message }));
  const t1 = performance.now();
  const weeks = options.weeks ?? DEFAULT_WEEKS;
  const prompt = formatRequest(request, targets);
  // The model writes week 1; later weeks follow by the programmer's progression (extendProgram).
  const derive = options.deriveWeeks !== false;
  const grammar = grammarFor(request, derive ? 1 : weeks);
  // Batched sessions take the programmer's weekdays for week 1 (the reference the repair uses too).
  const reference = programWorkout(request, { seed, weeks }).program;
  const batch = options.batch !== false;
  const week1 = reference.weeks[0]?.sessions.map((s) => s.day) ?? [];
  const sessionDays =
    batch &&
    derive &&
    grammar.exerciseTokens.length > 0 &&
    week1.length === request.preferences.trainingDaysPerWeek &&
    week1.every((d, i) => i === 0 || d > week1[i - 1]!)
      ? week1
      : undefined;
  const t2 = performance.now();
  let out: Awaited<ReturnType<TextPlanModel['generate']>>;
  try {
    out = await model.generate({
      prompt,
      grammar,
      seed,
      maxNewTokens: options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS,
      ...(batch ? { batchDays: request.days } : {}),
      ...(sessionDays ? { sessionDays } : {}),
      ...(options.maxMs !== undefined ? { maxMs: options.maxMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    // A model that cannot write what the grammar asks (a vocabulary older than the catalogue, a
    // released session) fails this request, typed; a bug in the caller's options still throws.
    if (!isNexFitraError(e) || e.code !== 'BAD_DATA') throw e;
    return {
      ok: false,
      refused: false,
      failure: { code: 'MODEL_ERROR', message: e.message, violations: [] },
      report: { model: model.info, seed, targetFindings },
    };
  }
  const t3 = performance.now();
  const tokens = { emitted: out.tokensEmitted, run: out.tokensRun, stopReason: out.stopReason };
  const partial = { model: model.info, seed, tokens, targetFindings };
  if (out.stopReason === 'aborted' || out.stopReason === 'time-limit') {
    const code = out.stopReason === 'aborted' ? 'ABORTED' : 'TIME_LIMIT';
    const message =
      code === 'ABORTED'
        ? `generation aborted after ${out.tokensEmitted} tokens`
        : `generation stopped at the ${options.maxMs} ms limit after ${out.tokensEmitted} tokens`;
    return { ok: false, refused: false, failure: { code, message, violations: [] }, report: partial };
  }
  let body: ReturnType<typeof parsePlan>;
  try {
    body = parsePlan(out.text);
  } catch (e) {
    if (!isNexFitraError(e)) throw e;
    const why = out.stopReason === 'max-tokens' ? ` (cut at ${out.tokensEmitted} tokens)` : '';
    return {
      ok: false,
      refused: false,
      failure: {
        code: 'UNPARSEABLE',
        message: `the model's text does not parse${why}: ${e.message}`,
        violations: [],
      },
      report: partial,
    };
  }
  const t4 = performance.now();
  const chosen = choicesOf(body.mealPlan, body.workoutProgram);
  const proposedDayTotals = dayTotals(body.mealPlan);
  const foods = foodsById();
  const allowed = allowedFoods(request);
  const days = [];
  const swaps: ItemSwap[] = [];
  const daysOffBand: number[] = [];
  const sodiumOver: { day: number; sodiumMg: number; note: string }[] = [];
  let gramsMoved = 0;
  let itemsResized = 0;
  // A day the model proposed before (same meals, same grams) gets the same repair: the seed only
  // picks among additions, so the first repair of an identical day is reused (swaps re-dated).
  const repaired = new Map<string, Awaited<ReturnType<typeof repairMealDay>>>();
  for (const [i, day] of body.mealPlan.days.entries()) {
    const key = JSON.stringify(day);
    const seen = repaired.get(key);
    const r = seen
      ? { ...seen, swaps: seen.swaps.map((x) => ({ ...x, day: i })) }
      : await repairMealDay({
          day,
          dayIndex: i,
          targets,
          sex: request.profile.sex,
          foodsById: foods,
          allowed,
          seed,
        });
    if (!seen) repaired.set(key, r);
    days.push(r.mealDay);
    swaps.push(...r.swaps);
    gramsMoved += r.gramsMoved;
    itemsResized += r.itemsResized;
    if (!r.inBand) daysOffBand.push(i);
    if (r.sodiumNote !== undefined) sodiumOver.push({ day: i, sodiumMg: r.sodiumMg, note: r.sodiumNote });
  }
  // The person's preferred exercises in week 1 (like for like), before later weeks are derived from it.
  const liked = preferExercises(body.workoutProgram, request, exercisesById());
  // Lifts before single-joint work, core and cardio last, as a coach writes a session.
  const ordered = orderLifts(liked.program, exercisesById());
  const proposed = derive ? extendProgram(ordered.program, reference) : ordered.program;
  const volume = repairWorkout(proposed, request, reference, exercisesById());
  // Then the clock: sessions the volume repair (or the model) made longer than asked are cut.
  const timed = fitSessions(volume.program, request, exercisesById());
  const workout = { program: timed.program, changes: [...volume.changes, ...timed.changes] };
  const t5 = performance.now();
  let plan: ReturnType<typeof assemblePlan>;
  try {
    plan = assemblePlan(
      request,
      targets,
      { ...body.mealPlan, days },
      workout.program,
      { name: model.info.name, version: model.info.version },
      FN,
    );
  } catch (e) {
    // The repair is meant to keep the plan schema's rules (a session of at least one exercise
    // …); should it not, the caller gets a failed result saying which rule, not an exception.
    if (!isNexFitraError(e)) throw e;
    return {
      ok: false,
      refused: false,
      failure: {
        code: 'HARD_VIOLATION',
        message: `the repaired plan does not pass the plan schema: ${e.message}`,
        violations: [],
      },
      report: partial,
    };
  }
  const validation = checkPlan(plan);
  const t6 = performance.now();
  const report: GenerationReport = {
    ...partial,
    chosen,
    repair: {
      gramsMoved,
      itemsResized,
      swaps,
      daysOffBand,
      workout: [...liked.changes, ...ordered.changes, ...workout.changes],
      ...(sodiumOver.length > 0 ? { sodiumOver } : {}),
    },
    timings: {
      targets: t1 - t0,
      prompt: t2 - t1,
      generate: t3 - t2,
      parse: t4 - t3,
      repair: t5 - t4,
      validate: t6 - t5,
      total: t6 - t0,
    },
    dayTotals: dayTotals(plan.mealPlan),
    proposedDayTotals,
    validation,
  };
  if (validation.hard.length > 0) {
    return {
      ok: false,
      refused: false,
      failure: {
        code: 'HARD_VIOLATION',
        message: `the repaired plan still breaks ${validation.hard.length} hard rule(s): ${validation.hard[0]!.message}`,
        violations: validation.hard,
      },
      report,
    };
  }
  emitParts(plan, options.onPart);
  return { ok: true, plan, targets, report };
}
