/**
 * Builds the shipped suites from one seed: `standard` (400 generated requests in slice
 * `general` plus 10 of each stress slice = 500), `stress` (25 of each stress slice) and `smoke`
 * (the first 10 `general` rows and the first row of each stress slice of `standard`: a strict
 * subset, so its cached results are reused by `standard`).
 */
import { createRng, PlanRequest, type PlanRequestT, parseOrThrow } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { STRESS_SLICES } from './stressSlices';
import type { SuiteRowT } from './suiteRow';

/** Slices whose requests may be refused or capped on purpose (they test the safety policy). */
const MAY_BE_UNSAFE = new Set(['aggressive-goals']);
const UNSAFE_FINDINGS = new Set(['BELOW_CALORIE_FLOOR', 'BELOW_BMR', 'LOSS_RATE_ABOVE_MAX']);

function acceptable(slice: string, r: PlanRequestT): boolean {
  if (MAY_BE_UNSAFE.has(slice)) return true;
  const t = planTargets(r);
  return t.ok && t.daily.findings.every((f) => !UNSAFE_FINDINGS.has(f.code));
}

/** `n` rows of a stress slice, each from its own generated base request; unsuitable draws are redrawn. */
export function stressRows(slice: string, n: number, seed: number): SuiteRowT[] {
  const rewrite = STRESS_SLICES[slice];
  if (rewrite === undefined) throw new Error(`unknown slice ${slice}`);
  const rng = createRng(seed);
  const bases = generateRequests(n * 4, seed, { foodIds: FOODS.map((f) => f.id) });
  const out: SuiteRowT[] = [];
  for (const base of bases) {
    if (out.length === n) break;
    const request = parseOrThrow(PlanRequest, rewrite(base, rng.fork()), 'stressRows');
    if (!acceptable(slice, request)) continue;
    out.push({ id: `${slice}-${String(out.length + 1).padStart(3, '0')}`, slice, request });
  }
  if (out.length < n) throw new Error(`slice ${slice}: only ${out.length} of ${n} acceptable requests`);
  return out;
}

export interface ShippedSuites {
  readonly smoke: SuiteRowT[];
  readonly standard: SuiteRowT[];
  readonly stress: SuiteRowT[];
}

/** The three shipped suites (see the module comment); deterministic in `seed`. */
export function buildSuites(seed = 20261129): ShippedSuites {
  const general: SuiteRowT[] = generateRequests(400, seed, { foodIds: FOODS.map((f) => f.id) }).map(
    (request, i) => ({
      id: `general-${String(i + 1).padStart(4, '0')}`,
      slice: 'general',
      request,
    }),
  );
  const slices = Object.keys(STRESS_SLICES);
  // One stream per slice, so adding a slice leaves the others' rows unchanged.
  const stress = slices.flatMap((s, k) => stressRows(s, 25, (seed + 1000 * (k + 1)) >>> 0));
  const standardStress = slices.flatMap((s) => stress.filter((r) => r.slice === s).slice(0, 10));
  const standard = [...general, ...standardStress];
  const smoke = [
    ...general.slice(0, 10),
    ...slices.map((s) => standardStress.find((r) => r.slice === s) as SuiteRowT),
  ];
  return { smoke, standard, stress };
}
