/**
 * @internal What the CLI shows, independent of the output format: the person, the targets, each
 * day's meals and totals against the bands, each week's sessions, and the safety findings.
 */
import {
  CALORIE_FLOOR_KCAL,
  EQUIPMENT_SETS,
  type PlanT,
  type PrescribedSetT,
  toCm,
  toKg,
  type Violation,
} from '@nexfitra/core';
import { getDish, hasDish } from '@nexfitra/core/dishes';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS, type FoodT } from '@nexfitra/core/foods';
import type { GenerationReport } from '../plan/types';
import { portionText } from './_measure';
import { groupSets, type SetGroup, setsLine } from './_sets';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

let foodMap: ReadonlyMap<string, FoodT> | undefined;
let exerciseNames: ReadonlyMap<string, string> | undefined;
function food(id: string): FoodT | undefined {
  foodMap ??= new Map(FOODS.map((f) => [f.id, f]));
  return foodMap.get(id);
}
/** The catalogue's name of a dish, else its id in words. */
function dishName(id: string): string {
  return hasDish(id) ? getDish(id).name : cap(id.replace(/[-_]+/g, ' '));
}

export function exerciseName(id: string): string {
  exerciseNames ??= new Map(EXERCISES.map((e) => [e.id, e.name]));
  return exerciseNames.get(id) ?? id;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const int = (x: number) => Math.round(x).toLocaleString('en-US');

export interface ItemView {
  readonly name: string;
  readonly portion: string;
  /** The dish name on the first item of a dish (its items follow one another); absent otherwise. */
  readonly dishStart?: string;
  /** True for every item that belongs to a dish. */
  readonly inDish: boolean;
}

export interface MealView {
  readonly label: string;
  readonly items: readonly ItemView[];
}

export interface DayView {
  readonly label: string;
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  readonly fiberG: number;
  /** "on target" or what is off, e.g. "kcal +4.2 %". */
  readonly status: string;
  readonly meals: readonly MealView[];
}

export interface ExerciseView {
  readonly name: string;
  readonly sets: readonly PrescribedSetT[];
  readonly groups: readonly SetGroup[];
  readonly compact: string;
  readonly id: string;
}

export interface SessionView {
  readonly label: string;
  readonly name: string;
  readonly exercises: readonly ExerciseView[];
}

export interface WeekView {
  readonly label: string;
  readonly deload: boolean;
  readonly sessions: readonly SessionView[];
}

export interface PlanView {
  readonly title: string;
  readonly person: string;
  readonly goal: string;
  readonly preferences: string;
  readonly model: string;
  readonly targets: string;
  readonly split: string;
  readonly weeks: readonly WeekView[];
  readonly days: readonly DayView[];
  readonly safety: readonly string[];
  readonly notes: readonly string[];
}

function personLine(plan: PlanT): string {
  const p = plan.request.profile;
  const kg = toKg(p.weight);
  const cm = toCm(p.height);
  const bits = [
    `${p.sex}, ${p.age} y`,
    `${Math.round(kg * 10) / 10} kg`,
    `${Math.round(cm)} cm`,
    `activity ${p.activityLevel}`,
  ];
  if (p.bodyFatPercent !== undefined) bits.push(`${p.bodyFatPercent} % body fat`);
  return bits.join(' · ');
}

function goalLine(plan: PlanT): string {
  const g = plan.request.goal;
  const rate =
    g.rate && g.type !== 'maintain'
      ? ` ${g.rate.value} ${g.rate.unit === 'kg/week' ? 'kg' : '% body weight'} a week`
      : '';
  const word = g.type === 'lose' ? 'lose weight' : g.type === 'gain' ? 'gain weight' : 'maintain weight';
  return `${word}${rate}`;
}

function prefLine(plan: PlanT): string {
  const p = plan.request.preferences;
  const bits = [p.diet, p.allergens.length ? `no ${p.allergens.join(', ')}` : 'no allergies listed'];
  bits.push(
    `${p.mealsPerDay} meals a day`,
    `${p.trainingDaysPerWeek} training days × ${p.sessionMinutes} min`,
    p.experience,
  );
  if (p.injuries.length) bits.push(`injuries: ${p.injuries.join(', ')}`);
  const set = Object.entries(EQUIPMENT_SETS).find(
    ([, items]) => items.length === p.equipment.length && items.every((x) => p.equipment.includes(x)),
  );
  bits.push(`equipment: ${set ? set[0] : p.equipment.join(', ') || 'none (bodyweight)'}`);
  return bits.join(' · ');
}

function dayStatus(t: GenerationReport['dayTotals'][number], plan: PlanT): string {
  const g = plan.targets;
  const off: string[] = [];
  const pct = ((t.kcal - g.kcal) / g.kcal) * 100;
  if (Math.abs(pct) > 3) off.push(`kcal ${pct > 0 ? '+' : ''}${pct.toFixed(1)} %`);
  for (const [k, label] of [
    ['proteinG', 'protein'],
    ['fatG', 'fat'],
    ['carbsG', 'carbs'],
  ] as const) {
    const d = t[k] - g[k];
    if (Math.abs(d) > 5) off.push(`${label} ${d > 0 ? '+' : ''}${Math.round(d)} g`);
  }
  return off.length ? `off: ${off.join(', ')}` : 'on target';
}

function safetyLines(plan: PlanT, report: GenerationReport): { safety: string[]; notes: string[] } {
  const floor = CALORIE_FLOOR_KCAL[plan.request.profile.sex];
  const lowest = Math.min(...report.dayTotals.map((d) => d.kcal));
  const p = plan.request.preferences;
  const safety = [
    `hard rules: ${report.validation.hard.length === 0 ? 'none broken' : `${report.validation.hard.length} BROKEN`} (allergens, diet, dislikes, equipment, injuries, calorie floor, days)`,
    `calorie floor ${int(floor)} kcal (${plan.request.profile.sex}): lowest day ${int(lowest)} kcal`,
  ];
  if (p.allergens.length) safety.push(`allergens avoided: ${p.allergens.join(', ')}`);
  if (p.injuries.length) safety.push(`exercises contraindicated for ${p.injuries.join(', ')} left out`);
  for (const f of report.targetFindings) safety.push(`${f.code}: ${f.message}`);
  const counts = new Map<string, Violation[]>();
  for (const v of report.validation.soft) counts.set(v.code, [...(counts.get(v.code) ?? []), v]);
  const notes = [...counts].map(([code, vs]) => `${code} ×${vs.length}: ${vs[0]!.message}`);
  return { safety, notes };
}

export function planView(
  plan: PlanT,
  report: GenerationReport,
  name: string | undefined,
  modelLine: string,
): PlanView {
  const t = plan.targets;
  const days: DayView[] = plan.mealPlan.days.map((day, d) => {
    const tot = report.dayTotals[d]!;
    return {
      label: `Day ${d + 1} (${WEEKDAYS[d % 7]})`,
      ...tot,
      status: dayStatus(tot, plan),
      meals: day.meals.map((meal) => ({
        label: cap(meal.type),
        items: meal.items.map((it, i) => ({
          name: food(it.foodId)?.name ?? it.foodId,
          portion: portionText(food(it.foodId), it.grams),
          inDish: it.dishId !== undefined,
          ...(it.dishId !== undefined && meal.items[i - 1]?.dishId !== it.dishId
            ? { dishStart: dishName(it.dishId) }
            : {}),
        })),
      })),
    };
  });
  const weeks: WeekView[] = plan.workoutProgram.weeks.map((w, i) => ({
    label: `Week ${i + 1}${w.deload ? ' (deload)' : ''}`,
    deload: w.deload,
    sessions: w.sessions.map((s) => ({
      label: WEEKDAYS[s.day]!,
      name: s.name,
      exercises: s.exercises.map((x) => ({
        id: x.exerciseId,
        sets: x.sets,
        name: exerciseName(x.exerciseId),
        groups: groupSets(x.sets),
        compact: setsLine(x.sets),
      })),
    })),
  }));
  const { safety, notes } = safetyLines(plan, report);
  return {
    title: `NexFitra plan${name ? ` for ${name}` : ''}`,
    person: personLine(plan),
    goal: goalLine(plan),
    preferences: prefLine(plan),
    model: modelLine,
    targets: `${int(t.kcal)} kcal · protein ${int(t.proteinG)} g · fat ${int(t.fatG)} g · carbs ${int(t.carbsG)} g${t.fiberG !== undefined ? ` · fiber ≥ ${int(t.fiberG)} g` : ''}`,
    split: plan.workoutProgram.split,
    weeks,
    days,
    safety,
    notes,
  };
}

function firstReps(x: ExerciseView): number | undefined {
  const r = x.sets[0]?.reps;
  return typeof r === 'number' ? r : r?.min;
}

/**
 * A later week against week 1: when it has the same exercises in the same slots, one line
 * ("same exercises; 54 sets (week 1: 54); reps +1; RIR 2"); otherwise, per session, the
 * exercises whose prescription differs.
 */
export function weekAgainstFirst(first: WeekView, week: WeekView): string[] {
  const a = first.sessions.flatMap((s) => s.exercises);
  const b = week.sessions.flatMap((s) => s.exercises);
  const same = a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
  if (same) {
    const sets = (xs: readonly ExerciseView[]) => xs.reduce((n, x) => n + x.sets.length, 0);
    const deltas = new Set(b.map((x, i) => (firstReps(x) ?? 0) - (firstReps(a[i]!) ?? 0)));
    const loads = new Set(b.flatMap((x) => x.groups.map((g) => g.load)).filter(Boolean));
    const bits = ['same exercises', `${sets(b)} sets (week 1: ${sets(a)})`];
    if (deltas.size === 1) {
      const d = [...deltas][0]!;
      bits.push(d === 0 ? 'reps as week 1' : `reps ${d > 0 ? '+' : ''}${d}`);
    } else bits.push('reps vary by exercise');
    if (loads.size === 1) bits.push([...loads][0]!);
    return [bits.join('; ')];
  }
  return week.sessions.flatMap((s, i) => {
    const base = first.sessions[i];
    const changes = s.exercises.flatMap((x, j) => {
      const y = base?.exercises[j];
      return y && y.id === x.id && y.compact === x.compact ? [] : [`${x.name} ${x.compact}`];
    });
    return changes.length ? [`${s.label} ${s.name}: ${changes.join('; ')}`] : [];
  });
}
