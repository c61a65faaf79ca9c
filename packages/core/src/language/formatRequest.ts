import { NexFitraError } from '../errors';
import { parseOrThrow } from '../schemas/parse';
import { PlanRequest, type PlanRequestT, TargetsSummary, type TargetsSummaryT } from '../schemas/plan';
import { ALLERGENS, EQUIPMENT, INJURY_SITES } from '../schemas/vocab';
import { toCm, toKg } from '../units/index';
import {
  catalogueExerciseIds,
  catalogueFoodIds,
  EXERCISES,
  exerciseToken,
  FOODS,
  foodToken,
} from './_catalogues';
import {
  AGE_BANDS,
  BODY_FAT_BANDS,
  band,
  bandLabel,
  GRAM_VALUES,
  HEIGHT_CM_BANDS,
  KCAL_VALUES,
  nearest,
  RATE_VALUES,
  SESSION_MINUTE_VALUES,
  WEIGHT_KG_BANDS,
} from './_numbers';
import { P } from './_prompt';
import { NUM, S } from './_tokens';

const FN = 'formatRequest';

/** Items of `list` in the order of `order` (the vocabulary's), so a prompt is canonical. */
function inOrder<T>(list: readonly T[], order: readonly T[]): T[] {
  return [...list].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function checkIds(
  ids: readonly string[],
  known: ReadonlySet<string>,
  path: readonly string[],
  what: string,
): void {
  ids.forEach((id, i) => {
    if (!known.has(id)) {
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn: FN,
        path: [...path, i],
        value: id,
        allowed: `an id of the ${what} catalogue (the language has one token per catalogue item)`,
      });
    }
  });
}

/**
 * The conditioning prompt for a request: the profile in 5-unit bands (age in years, weight in
 * kg, height in cm, body fat in %), activity, pregnancy/lactation flags, goal and weekly rate
 * (nearest 0.05), target weight band, diet, allergens, disliked foods, level, training days,
 * session minutes (nearest 5), equipment, injuries, preferred and excluded exercises, plan days,
 * meals per day, and the daily targets core computed (kcal to the nearest 100; protein, fat,
 * carbs and fiber as the nearest grams token). Lists are written in vocabulary order, so equal
 * requests give equal prompts. Lossy by design (bands) and never parsed back: the grammar and
 * validators work from the request itself. Cuisines (free text) and the seed are left out.
 *
 * @param request a {@link PlanRequest}
 * @param targets the daily targets for it (e.g. `Plan.targets`, from core `dailyTargets`)
 * @throws {NexFitraError} `SCHEMA` for an invalid request or targets; `INVALID_ENUM` for a
 *   disliked, preferred or excluded id not in its catalogue; `OUT_OF_RANGE` for kcal outside
 *   50–10 050
 * @example formatRequest(request, targets)
 *   // '<request> sex:male age:30-34 wt:80-84 ht:180-184 act:moderate goal:lose rate:0.5 kg/wk … </request>'
 */
export function formatRequest(request: PlanRequestT, targets: TargetsSummaryT): string {
  const r = parseOrThrow(PlanRequest, request, FN);
  const t = parseOrThrow(TargetsSummary, targets, FN);
  const p = r.profile;
  const pref = r.preferences;
  checkIds(pref.dislikedFoodIds, catalogueFoodIds(), ['preferences', 'dislikedFoodIds'], 'food');
  checkIds(
    pref.preferredExerciseIds,
    catalogueExerciseIds(),
    ['preferences', 'preferredExerciseIds'],
    'exercise',
  );
  checkIds(
    pref.excludedExerciseIds,
    catalogueExerciseIds(),
    ['preferences', 'excludedExerciseIds'],
    'exercise',
  );
  if (t.kcal < 50 || t.kcal >= 10050) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['targets', 'kcal'],
      value: t.kcal,
      allowed: 'kcal in [50, 10050) (the prompt spells 100–10000 kcal in steps of 100)',
    });
  }
  const out: string[] = [S.request];
  const bandOf = (prefix: string, bands: readonly number[], x: number) => prefix + bandLabel(band(bands, x));
  out.push(P.sex + p.sex, bandOf(P.age, AGE_BANDS, p.age));
  out.push(
    bandOf(P.weight, WEIGHT_KG_BANDS, toKg(p.weight)),
    bandOf(P.height, HEIGHT_CM_BANDS, toCm(p.height)),
  );
  if (p.bodyFatPercent !== undefined) out.push(bandOf(P.bodyFat, BODY_FAT_BANDS, p.bodyFatPercent));
  out.push(P.activity + p.activityLevel);
  if (p.pregnant === true) out.push(P.pregnant);
  if (p.lactating === true) out.push(P.lactating);
  out.push(P.goal + r.goal.type);
  if (r.goal.rate !== undefined && r.goal.type !== 'maintain') {
    out.push(NUM.rate.prefix + String(nearest(RATE_VALUES, r.goal.rate.value)));
    out.push(r.goal.rate.unit === 'kg/week' ? P.rateKg : P.ratePercent);
  }
  if (r.goal.targetWeight !== undefined) {
    out.push(P.targetWeight, bandOf(P.weight, WEIGHT_KG_BANDS, toKg(r.goal.targetWeight)));
  }
  out.push(P.diet + pref.diet);
  for (const a of inOrder(pref.allergens, ALLERGENS)) out.push(P.allergen + a);
  const foodOrder = FOODS.map((f) => f.id);
  for (const id of inOrder(pref.dislikedFoodIds, foodOrder)) out.push(P.dislike, foodToken(id));
  out.push(P.level + pref.experience);
  out.push(NUM.trainingDays.prefix + String(pref.trainingDaysPerWeek));
  out.push(NUM.minutes.prefix + String(nearest(SESSION_MINUTE_VALUES, pref.sessionMinutes)));
  for (const e of inOrder(pref.equipment, EQUIPMENT)) out.push(P.equipment + e);
  for (const i of inOrder(pref.injuries, INJURY_SITES)) out.push(P.injury + i);
  const exerciseOrder = EXERCISES.map((e) => e.id);
  for (const id of inOrder(pref.preferredExerciseIds, exerciseOrder)) out.push(P.prefer, exerciseToken(id));
  for (const id of inOrder(pref.excludedExerciseIds, exerciseOrder)) out.push(P.exclude, exerciseToken(id));
  out.push(NUM.planDays.prefix + String(r.days), NUM.mealsPerDay.prefix + String(pref.mealsPerDay));
  out.push(NUM.kcal.prefix + String(nearest(KCAL_VALUES, t.kcal)));
  const grams = (x: number) => NUM.grams.prefix + String(nearest(GRAM_VALUES, x));
  out.push(P.protein, grams(t.proteinG), P.fat, grams(t.fatG), P.carbs, grams(t.carbsG));
  if (t.fiberG !== undefined) out.push(P.fiber, grams(t.fiberG));
  out.push(S.requestEnd);
  return out.join(' ');
}
