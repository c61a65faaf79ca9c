/** @internal Totals and misses of a plan, computed from the grams themselves (not solver output). */
import type { NormProblem } from './_normalize';
import type { PortionMiss, PortionTargetName, PortionTotals } from './types';

/** Absolute slack for float noise when testing a band edge (kcal or g). */
const EDGE_EPS = 1e-6;
const NAMES: readonly PortionTargetName[] = ['kcal', 'proteinG', 'fatG', 'carbsG'];

export function totalsOf(p: NormProblem, n: readonly number[]): PortionTotals {
  const t = [0, 0, 0, 0, 0, 0];
  p.items.forEach((it, i) => {
    for (let k = 0; k < 6; k++) t[k] = (t[k] as number) + (it.perStep[k] as number) * (n[i] as number);
  });
  const [kcal, proteinG, fatG, carbsG, fiberG, sodiumMg] = t as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { kcal, proteinG, fatG, carbsG, fiberG, sodiumMg };
}

function bandMiss(
  field: PortionTargetName,
  value: number,
  target: number,
  tolerance: number,
): PortionMiss | undefined {
  const over = value - (target + tolerance);
  const under = target - tolerance - value;
  if (over > EDGE_EPS) return { field, value, target, tolerance, miss: over, direction: 'over', hard: true };
  if (under > EDGE_EPS)
    return { field, value, target, tolerance, miss: under, direction: 'under', hard: true };
  return undefined;
}

export function missesOf(p: NormProblem, n: readonly number[], totals: PortionTotals): PortionMiss[] {
  const misses: PortionMiss[] = [];
  const values = [totals.kcal, totals.proteinG, totals.fatG, totals.carbsG];
  for (let k = 0; k < 4; k++) {
    const m = bandMiss(
      NAMES[k] as PortionTargetName,
      values[k] as number,
      p.target[k] as number,
      p.tolerance[k] as number,
    );
    if (m) misses.push(m);
  }
  for (const meal of p.meals) {
    let e = 0;
    for (const i of meal.items) e += (p.items[i] as (typeof p.items)[number]).perStep[0] * (n[i] as number);
    const m = bandMiss('mealKcal', e, meal.target, meal.tolerance);
    if (m) misses.push({ ...m, meal: meal.id });
  }
  if (p.fiberMin > 0 && p.fiberMin - totals.fiberG > EDGE_EPS) {
    misses.push({
      field: 'fiberMinG',
      value: totals.fiberG,
      target: p.fiberMin,
      tolerance: 0,
      miss: p.fiberMin - totals.fiberG,
      direction: 'under',
      hard: false,
    });
  }
  if (totals.sodiumMg - p.sodiumMax > EDGE_EPS) {
    misses.push({
      field: 'sodiumMaxMg',
      value: totals.sodiumMg,
      target: p.sodiumMax,
      tolerance: 0,
      miss: totals.sodiumMg - p.sodiumMax,
      direction: 'over',
      hard: false,
    });
  }
  return misses;
}
