/** Parse, schema and hard-constraint metrics: what makes a plan usable at all. */
import { HARD_VIOLATION_CODES, SOFT_VIOLATION_CODES } from '@nexfitra/core';
import type { MetricFamily, RequestMetric } from './types';

const b = (x: boolean) => (x ? 1 : 0);

export const VALIDITY_METRICS: readonly RequestMetric[] = [
  {
    key: 'planReturned',
    unit: 'share',
    better: 'higher',
    group: 'validity',
    doc: '1 when the model returned a plan (not a refusal or a failure), else 0.',
    compute: (x) => b(x.status === 'ok'),
  },
  {
    key: 'refused',
    unit: 'share',
    better: 'neutral',
    group: 'validity',
    doc: '1 when the model refused the request on safety grounds (right for some stress requests, wrong for most).',
    compute: (x) => b(x.status === 'refused'),
  },
  {
    key: 'schemaValid',
    unit: 'share',
    better: 'higher',
    group: 'validity',
    doc: "1 when a returned plan passes core's Plan schema (parse and schema validity); 0 for a failure or an unparseable plan; null for a refusal.",
    compute: (x) => (x.status === 'refused' ? null : b(x.plan !== null)),
  },
  {
    key: 'validPlan',
    unit: 'share',
    better: 'higher',
    group: 'validity',
    doc: "1 when a plan came back and core's validatePlan finds no hard violation; null for a refusal.",
    compute: (x) => (x.status === 'refused' ? null : b(x.status === 'ok' && x.hard.length === 0)),
  },
  {
    key: 'hardViolations',
    unit: 'count',
    better: 'lower',
    group: 'validity',
    doc: "Hard violations of core's validatePlan (allergen, diet, disliked food, equipment, injury, calorie floor, schema …), or those a failed model reported; null for a refusal or when the model threw (unknown).",
    compute: (x) => (x.status === 'refused' || x.status === 'error' ? null : x.hard.length),
  },
  {
    key: 'softViolations',
    unit: 'count',
    better: 'lower',
    group: 'realism',
    doc: "Soft (quality) violations of core's validatePlan, every code together; null without a plan.",
    compute: (x) => (x.status === 'ok' ? x.soft.length : null),
  },
];

function countBy(codes: readonly string[], xs: readonly { readonly code: string }[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(codes.map((c) => [c, 0]));
  for (const v of xs) out[v.code] = (out[v.code] ?? 0) + 1;
  return out;
}

export const VALIDITY_FAMILIES: readonly MetricFamily[] = [
  {
    prefix: 'hard',
    unit: 'count',
    better: 'lower',
    group: 'validity',
    doc: "Hard violations of one code (core's HARD_VIOLATION_CODES); null for a refusal or when the model threw.",
    members: () => HARD_VIOLATION_CODES,
    compute: (x) =>
      x.status === 'refused' || x.status === 'error' ? {} : countBy(HARD_VIOLATION_CODES, x.hard),
  },
  {
    prefix: 'soft',
    unit: 'count',
    better: 'lower',
    group: 'realism',
    doc: "Soft violations of one code (core's SOFT_VIOLATION_CODES, which include the realism checks: portions, meal composition, sodium, DRIs, volume, progression …); null without a plan.",
    members: () => SOFT_VIOLATION_CODES,
    compute: (x) => (x.status === 'ok' ? countBy(SOFT_VIOLATION_CODES, x.soft) : {}),
  },
];
