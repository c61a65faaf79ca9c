import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { LEAN_MASS_KG } from '../body/leanMass';
import { NexFitraError } from '../errors';
import { GOAL_TYPES, type GoalTypeT } from '../schemas/vocab';
import type { TargetFinding } from './_finding';

/**
 * Macronutrient targets: protein by goal in g/kg, fat at a share of energy with two floors, and
 * carbohydrate as the remainder, so that 4·P + 4·C + 9·F equals the calorie target to within
 * rounding (whole grams; |error| ≤ 2 kcal, the value of half a gram of carbohydrate).
 *
 * Energy factors 4/4/9 kcal/g: Regulation (EU) No 1169/2011, Annex XIV.
 *
 * Protein (g/kg/d):
 * - `general` population: the RDA, 0.8 g/kg body weight (IOM. Dietary Reference Intakes for
 *   Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein, and Amino Acids.
 *   National Academies Press; 2005, ch. 10).
 * - `exercising` (default), maintain or gain: 1.6 g/kg, inside the ISSN 1.4–2.0 g/kg/d range
 *   (Jäger R, Kerksick CM, Campbell BI, et al. International Society of Sports Nutrition position
 *   stand: protein and exercise. J Int Soc Sports Nutr 2017;14:20) and at the 1.62 g/kg/d
 *   breakpoint of Morton RW et al. Br J Sports Med 2018;52:376–384.
 * - `exercising`, lose: 2.3 g/kg of lean (fat-free) mass when lean mass is known — the low end of
 *   2.3–3.1 g/kg LBM (Helms ER, Aragon AA, Fitschen PJ. J Int Soc Sports Nutr 2014;11:20; cited by
 *   Jäger 2017 for hypocaloric periods); otherwise 2.0 g/kg body weight, the top of the ISSN range.
 *
 * Reference weight: the g/kg figures above come from lean, trained people. Above a BMI of 25 they
 * apply to the weight the person would have at BMI 25 for their height (25 kg/m² × height²) —
 * the practice of basing protein on an ideal or reference weight, not the actual weight, in
 * obesity (McClave SA et al. ASPEN/SCCM guidelines. JPEN 2016;40:159–211: protein per kg of ideal
 * body weight when BMI ≥ 30). Without it a 117 kg, 146 cm person losing weight would be given
 * 234 g of protein, more than a BMR-level target's whole energy with the fat floor. The basis is
 * continuous at BMI 25 and reported (`basis: 'reference-weight'`). Needs `heightCm`; lean mass,
 * when known, takes precedence, and a caller's `proteinGPerKg` stays per kg of body weight.
 *
 * Fat: `fatPercent` of energy (default 25 %), never under 20 % of energy (the AMDR floor, IOM
 * 2005; Thomas DT, Erdman KA, Burke LM. Med Sci Sports Exerc 2016;48:543–568) nor under
 * 0.5 g/kg body weight — the reference weight above BMI 25 — (the low end of 0.5–1.5 g/kg/d in
 * Iraki J et al. Sports 2019;7:154).
 * Fat grams are rounded up so both floors hold after rounding.
 *
 * Carbohydrate: the remaining energy / 4. A finding reports carbohydrate under the 130 g/d RDA
 * (IOM 2005, ch. 6) and the case where protein and fat alone exceed the target (carbohydrate is
 * then 0 and the macros' energy is above the target).
 */

export const PROTEIN_RDA_G_PER_KG = 0.8;
export const PROTEIN_EXERCISING_G_PER_KG = 1.6;
export const PROTEIN_DEFICIT_G_PER_KG_BW = 2.0;
export const PROTEIN_DEFICIT_G_PER_KG_LEAN = 2.3;
export const FAT_MIN_PERCENT = 20;
export const FAT_DEFAULT_PERCENT = 25;
export const FAT_MIN_G_PER_KG = 0.5;
export const CARB_RDA_G = 130;
/** BMI (kg/m²) whose weight is the g/kg basis above it (see module doc). */
export const REFERENCE_BMI = 25;
/** kcal per gram (EU 1169/2011 Annex XIV). */
export const KCAL_PER_G = { protein: 4, carbohydrate: 4, fat: 9 } as const;

export const PROTEIN_POPULATIONS = ['exercising', 'general'] as const;
export type ProteinPopulation = (typeof PROTEIN_POPULATIONS)[number];

export interface MacroInput {
  /** Daily calorie target, kcal/d (> 0, ≤ 10,000); low targets are reported, not rejected. */
  readonly targetKcal: number;
  readonly weightKg: number;
  readonly goal: GoalTypeT;
  /** Height, cm: above BMI 25 the g/kg figures apply to the weight at BMI 25 (see module doc). */
  readonly heightCm?: number;
  /** Lean (fat-free) mass, kg; used for protein in a deficit. */
  readonly leanMassKg?: number;
  /** Default `exercising`. */
  readonly population?: ProteinPopulation;
  /** Override protein, g per kg of body weight (0.5–4). */
  readonly proteinGPerKg?: number;
  /** Fat share of energy, % (20–80; default 25). */
  readonly fatPercent?: number;
}

export interface MacroTargets {
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
  /** 4·P + 4·C + 9·F, kcal. */
  readonly energyKcal: number;
  readonly protein: {
    readonly gPerKg: number;
    readonly basis: ProteinBasis;
    /** The weight the g/kg figure applies to, kg (body, lean or reference weight). */
    readonly basisKg: number;
    readonly source: string;
  };
  readonly findings: readonly TargetFinding[];
}

/** What protein's g/kg applies to: the body weight, lean mass, or the weight at BMI 25. */
export type ProteinBasis = 'body-weight' | 'lean-mass' | 'reference-weight';

const FN = 'macroTargets';

function proteinPlan(
  goal: GoalTypeT,
  population: ProteinPopulation,
  weightKg: number,
  referenceKg: number | undefined,
  leanMassKg: number | undefined,
  override: number | undefined,
): { grams: number; gPerKg: number; basis: ProteinBasis; basisKg: number; source: string } {
  const kg = referenceKg ?? weightKg;
  const basis: ProteinBasis = referenceKg !== undefined ? 'reference-weight' : 'body-weight';
  const ref = referenceKg !== undefined ? '; reference weight: McClave et al. 2016' : '';
  // The caller's figure is per kg of body weight, as documented on `proteinGPerKg`.
  if (override !== undefined) {
    return {
      grams: override * weightKg,
      gPerKg: override,
      basis: 'body-weight',
      basisKg: weightKg,
      source: 'caller',
    };
  }
  if (population === 'general') {
    const g = PROTEIN_RDA_G_PER_KG;
    return { grams: g * kg, gPerKg: g, basis, basisKg: kg, source: `IOM 2005 RDA${ref}` };
  }
  if (goal === 'lose' && leanMassKg !== undefined) {
    const g = PROTEIN_DEFICIT_G_PER_KG_LEAN;
    return {
      grams: g * leanMassKg,
      gPerKg: g,
      basis: 'lean-mass',
      basisKg: leanMassKg,
      source: 'Helms et al. 2014; Jäger et al. 2017',
    };
  }
  const g = goal === 'lose' ? PROTEIN_DEFICIT_G_PER_KG_BW : PROTEIN_EXERCISING_G_PER_KG;
  return { grams: g * kg, gPerKg: g, basis, basisKg: kg, source: `Jäger et al. 2017 (ISSN)${ref}` };
}

/**
 * Protein, fat and carbohydrate targets in whole grams for a calorie target (see module doc).
 *
 * @throws {NexFitraError} `INVALID_TYPE` / `OUT_OF_RANGE` / `INVALID_ENUM` naming the field;
 *   `INCONSISTENT` when lean mass exceeds body weight
 * @example macroTargets({ targetKcal: 2000, weightKg: 70, goal: 'maintain' }) // { proteinG: 112, fatG: 56, carbsG: 262, energyKcal: 2000, … }
 */
export function macroTargets(input: MacroInput): MacroTargets {
  checkObject(FN, 'input', input);
  const targetKcal = checkNumber(FN, 'targetKcal', input.targetKcal, {
    min: 0,
    minExclusive: true,
    max: 10000,
    unit: 'kcal/d',
  });
  const weightKg = checkNumber(FN, 'weightKg', input.weightKg, HUMAN.weightKg);
  const goal = checkEnum(FN, 'goal', input.goal, GOAL_TYPES);
  const population =
    input.population === undefined
      ? 'exercising'
      : checkEnum(FN, 'population', input.population, PROTEIN_POPULATIONS);
  let leanMassKg: number | undefined;
  if (input.leanMassKg !== undefined) {
    leanMassKg = checkNumber(FN, 'leanMassKg', input.leanMassKg, LEAN_MASS_KG);
    if (leanMassKg > weightKg) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: FN,
        path: ['leanMassKg'],
        value: leanMassKg,
        allowed: `at most weightKg (${weightKg} kg)`,
      });
    }
  }
  const override =
    input.proteinGPerKg === undefined
      ? undefined
      : checkNumber(FN, 'proteinGPerKg', input.proteinGPerKg, { min: 0.5, max: 4, unit: 'g/kg' });
  const fatPercent =
    input.fatPercent === undefined
      ? FAT_DEFAULT_PERCENT
      : checkNumber(FN, 'fatPercent', input.fatPercent, { min: FAT_MIN_PERCENT, max: 80, unit: '%' });

  const heightCm =
    input.heightCm === undefined ? undefined : checkNumber(FN, 'heightCm', input.heightCm, HUMAN.heightCm);
  const atReferenceBmi = heightCm === undefined ? undefined : REFERENCE_BMI * (heightCm / 100) ** 2;
  const referenceKg = atReferenceBmi !== undefined && weightKg > atReferenceBmi ? atReferenceBmi : undefined;
  const protein = proteinPlan(goal, population, weightKg, referenceKg, leanMassKg, override);
  const proteinG = Math.round(protein.grams);
  // fatPercent ≥ 20 already holds the AMDR floor; the g/kg floor can bind for heavy people on
  // low targets. The 1e-9 keeps an exact whole number (e.g. 500 kcal / 9 × 9) from rounding up.
  const fatFloorKg = referenceKg ?? weightKg;
  const fatRaw =
    Math.max((fatPercent / 100) * targetKcal, FAT_MIN_G_PER_KG * fatFloorKg * KCAL_PER_G.fat) / 9;
  const fatG = Math.ceil(fatRaw - 1e-9);
  const remainderKcal = targetKcal - proteinG * KCAL_PER_G.protein - fatG * KCAL_PER_G.fat;
  const carbsG = Math.max(0, Math.round(remainderKcal / KCAL_PER_G.carbohydrate));
  const energyKcal = 4 * proteinG + 4 * carbsG + 9 * fatG;

  const findings: TargetFinding[] = [];
  if (remainderKcal < 0) {
    findings.push({
      code: 'MACROS_EXCEED_TARGET',
      severity: 'critical',
      message: `Protein (${proteinG} g) and the fat floor (${fatG} g) alone supply ${Math.round(energyKcal)} kcal, above the ${Math.round(targetKcal)} kcal target; raise the target or lower protein.`,
      value: energyKcal,
      limit: targetKcal,
      unit: 'kcal/d',
      source: 'EU 1169/2011 Annex XIV (4/4/9 kcal/g)',
    });
  }
  if (carbsG < CARB_RDA_G) {
    findings.push({
      code: 'CARBS_BELOW_RDA',
      severity: 'warning',
      message: `Carbohydrate ends at ${carbsG} g/d, below the ${CARB_RDA_G} g/d RDA (the brain's glucose need).`,
      value: carbsG,
      limit: CARB_RDA_G,
      unit: 'g/d',
      source: 'IOM 2005 DRI, ch. 6',
    });
  }
  return {
    proteinG,
    fatG,
    carbsG,
    energyKcal,
    protein: {
      gPerKg: protein.gPerKg,
      basis: protein.basis,
      basisKg: protein.basisKg,
      source: protein.source,
    },
    findings,
  };
}
