import { writeFile } from 'node:fs/promises';
import { PlanRequest, type PlanRequestT, parseOrThrow } from '@nexfitra/core';
import { generateRequests } from '@nexfitra/planner';
import type { TrainingRow } from '../data/row';
import { type SkippedRequest, type TeacherSearch, teacherRow } from '../data/teacher';

/** A population with a preference shift: a name and how it changes a drawn request. */
export interface PopulationVariant {
  readonly name: string;
  readonly description: string;
  /** Returns the shifted request (validated again with `PlanRequest`). */
  readonly apply: (request: PlanRequestT) => PlanRequestT;
}

/**
 * Plant-based athletes: the planner's population (`generateRequests`) with every diet set to
 * vegan, at least 4 training days a week and a hypertrophy focus. Allergies, injuries, equipment,
 * bodies and goals stay as drawn, so the shift is the preference alone.
 */
export const PLANT_BASED_ATHLETES: PopulationVariant = {
  name: 'plant-based-athletes',
  description:
    'vegan diet, ≥ 4 training days a week, hypertrophy focus; bodies, goals and constraints as in the base population',
  apply: (r) => ({
    ...r,
    preferences: {
      ...r.preferences,
      diet: 'vegan',
      trainingDaysPerWeek: Math.max(4, r.preferences.trainingDaysPerWeek),
      trainingFocus: 'hypertrophy',
    },
  }),
};

export interface VariantRowsOptions {
  readonly variant: PopulationVariant;
  readonly n: number;
  readonly seed: number;
  /** Days of meals per request (default 7, as the base dataset). */
  readonly days?: number;
  /** Teacher search (default `best`, the slow wide search the base model learned from). */
  readonly search?: TeacherSearch;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Teacher rows for a shifted population: `n` seeded requests from `generateRequests`, shifted
 * by the variant, re-validated, planned by the teacher (`teacherRow`). Refused or failed
 * requests are returned in `skipped` with their reason codes.
 */
export async function buildVariantRows(
  o: VariantRowsOptions,
): Promise<{ rows: TrainingRow[]; skipped: SkippedRequest[] }> {
  const requests = generateRequests(o.n, o.seed, { days: o.days ?? 7 });
  const rows: TrainingRow[] = [];
  const skipped: SkippedRequest[] = [];
  for (const [i, r] of requests.entries()) {
    const shifted = parseOrThrow(PlanRequest, o.variant.apply(r), 'buildVariantRows');
    const id = `${o.variant.name}:${String(i).padStart(6, '0')}`;
    const res = await teacherRow(shifted, id, { search: o.search ?? 'best', splitSeed: o.seed });
    if ('row' in res) rows.push(res.row);
    else skipped.push(res.skipped);
    o.onProgress?.(i + 1, requests.length);
  }
  return { rows, skipped };
}

/** Writes rows as bring-your-own JSONL (`request` object, `plan` text, `weight`), the `--data` format. */
export async function writeUserRowsJsonl(path: string, rows: readonly TrainingRow[]): Promise<void> {
  const lines = rows.map((r) =>
    JSON.stringify({ request: JSON.parse(r.request), plan: r.plan, weight: r.weight }),
  );
  await writeFile(path, lines.length > 0 ? `${lines.join('\n')}\n` : '');
}
