import { driReferences } from '../nutrition/dri';
import type { PlanRequestT } from '../schemas/plan';
import { adultMicronutrientReferences, DRI_ADULT_AGE } from './_dri';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * @internal The plan's mean daily intake of each micronutrient against the adult DRIs (`_dri.ts`).
 * DRIs are meant to be met as an average over days, so the check is once per nutrient over the
 * whole plan, not per day. A nutrient is checked only when every day reports it (the food data
 * leaves some out, and `sumNutrients` drops a nutrient any item of a day does not report); days
 * with an unknown food (`null`) are left out of the mean. Not checked under 19 years or in
 * pregnancy or lactation, where the adult values do not apply. Iron is × 1.8 for vegetarian and
 * vegan diets (IOM 2001). Fibre's mean is checked against the adult AI (IOM 2005) as
 * `FIBER_BELOW_AI`.
 */
export function checkMicronutrients(
  days: readonly ({
    readonly fiberG?: number;
    readonly micronutrients?: Readonly<Record<string, number>>;
  } | null)[],
  request: PlanRequestT,
  path: Path,
): Violation[] {
  const { profile } = request;
  if (profile.age < DRI_ADULT_AGE || profile.pregnant === true || profile.lactating === true) return [];
  const known = days.filter((d) => d !== null);
  if (known.length === 0) return [];
  const out: Violation[] = [];
  const fiberAi = driReferences(profile.sex, profile.age, request.preferences.diet).find(
    (r) => r.key === 'fiber_g',
  )!;
  const fibers = known.map((d) => d.fiberG);
  if (fibers.every((f) => f !== undefined)) {
    const mean = (fibers as number[]).reduce((s, a) => s + a, 0) / fibers.length;
    if (mean < fiberAi.amount) {
      out.push(
        violation(
          'FIBER_BELOW_AI',
          path,
          `fibre: ${r2(mean)} g/d on average is under the ${fiberAi.amount} g/d of the ${fiberAi.source}`,
          { measured: mean, expected: { min: fiberAi.amount }, unit: 'g/d' },
        ),
      );
    }
  }
  for (const ref of adultMicronutrientReferences(profile.sex, profile.age, request.preferences.diet)) {
    const amounts = known.map((d) => d.micronutrients?.[ref.key]);
    if (amounts.some((a) => a === undefined)) continue;
    const mean = (amounts as number[]).reduce((s, a) => s + a, 0) / amounts.length;
    if (ref.kind === 'min' ? mean < ref.amount : mean > ref.amount) {
      const below = ref.kind === 'min';
      out.push(
        violation(
          below ? 'MICRONUTRIENT_BELOW_DRI' : 'MICRONUTRIENT_ABOVE_LIMIT',
          path,
          `${ref.name}: ${r2(mean)} ${ref.unit}/d on average is ${below ? 'under' : 'over'} the ${ref.amount} ${ref.unit}/d of the ${ref.source}`,
          {
            measured: mean,
            expected: below ? { min: ref.amount } : { max: ref.amount },
            unit: `${ref.unit}/d`,
          },
        ),
      );
    }
  }
  return out;
}
