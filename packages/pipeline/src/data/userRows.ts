import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isNexFitraError, NexFitraError, PlanRequest, type PlanRequestT } from '@nexfitra/core';
import { formatPlan, formatRequest, PlanBody, parsePlan, quantizeForLanguage } from '@nexfitra/core/language';
import { planTargets } from '@nexfitra/planner';
import { tableFromIPC } from 'apache-arrow';
import { parseCsv } from './_csv';
import type { TrainingRow } from './row';
import { type SplitShares, splitOf } from './split';

const FN = 'readUserRows';

/** A row that was not used, and why. */
export interface BadRow {
  /** 1-based line of the row in the file (JSONL, CSV), or 1-based row number (Arrow). */
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface UserRowsOptions {
  /** `skip` (default): leave bad rows out and report them; `fail`: throw when there is one. */
  readonly onBadRow?: 'skip' | 'fail';
  /** Split seed (rows of one profile share a split; the profile is the request's JSON). */
  readonly splitSeed?: number;
  readonly splitShares?: SplitShares;
}

export interface UserRows {
  readonly rows: TrainingRow[];
  readonly bad: BadRow[];
}

type Raw = Record<string, unknown>;

const words = (t: string) => t.split(' ').length;

/** One raw record → a row, or the first problem found. */
function toRow(raw: Raw, line: number, options: UserRowsOptions): TrainingRow | BadRow {
  const bad = (field: string, reason: string): BadRow => ({ line, field, reason });
  let requestJson = raw['request'];
  if (typeof requestJson === 'string') {
    try {
      requestJson = JSON.parse(requestJson);
    } catch {
      return bad('request', 'not JSON (a PlanRequest object or its JSON text)');
    }
  }
  const parsed = PlanRequest.safeParse(requestJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return bad(['request', ...issue.path].join('.'), issue.message);
  }
  const request: PlanRequestT = parsed.data;
  const t = planTargets(request);
  if (!t.ok) {
    return bad(
      'request',
      `refused by the targets policy (${t.refusal.reasons.map((r) => r.code).join(', ')})`,
    );
  }
  const planRaw = raw['plan'];
  let plan: string;
  try {
    if (typeof planRaw === 'string') {
      // Canonical form: parse, then write back (extra spaces or line breaks do not matter).
      plan = formatPlan(parsePlan(planRaw.trim().replace(/\s+/g, ' ')));
    } else if (typeof planRaw === 'object' && planRaw !== null) {
      const body = PlanBody.safeParse(planRaw);
      if (!body.success) {
        const issue = body.error.issues[0]!;
        return bad(['plan', ...issue.path].join('.'), issue.message);
      }
      plan = formatPlan(quantizeForLanguage(body.data).plan);
    } else {
      return bad('plan', 'missing: plan-language text or a { workoutProgram, mealPlan } object');
    }
  } catch (e) {
    if (!isNexFitraError(e)) throw e;
    return bad('plan', e.message);
  }
  const num = (k: 'rating' | 'weight'): number | null | BadRow => {
    const v = raw[k];
    if (v === undefined || v === null || v === '') return null;
    const x = typeof v === 'string' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x))
      return bad(k, `not a finite number: ${JSON.stringify(v)}`);
    if (k === 'weight' && !(x > 0)) return bad(k, `a weight must be > 0, got ${x}`);
    return x;
  };
  const rating = num('rating');
  if (rating !== null && typeof rating === 'object') return rating;
  const weight = num('weight');
  if (weight !== null && typeof weight === 'object') return weight;
  const prompt = formatRequest(request, t.targets);
  const profile = JSON.stringify(request.profile);
  return {
    id: `user:${line}`,
    profile,
    split: splitOf(profile, options.splitSeed ?? 0, options.splitShares),
    prompt,
    plan,
    request: JSON.stringify(request),
    teacher: 'user',
    teacherMs: 0,
    promptTokens: words(prompt),
    planTokens: words(plan),
    weight: weight ?? 1,
    rating,
  };
}

/** Records of a JSONL, CSV (header row) or Arrow IPC file, each with its line / row number. */
function records(bytes: Uint8Array, ext: string): { raws: { line: number; raw: Raw }[]; bad: BadRow[] } {
  const bad: BadRow[] = [];
  const raws: { line: number; raw: Raw }[] = [];
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') {
    const table = tableFromIPC(bytes);
    for (const [i, r] of table.toArray().entries()) raws.push({ line: i + 1, raw: r.toJSON() as Raw });
    return { raws, bad };
  }
  const text = new TextDecoder().decode(bytes);
  if (ext === '.csv') {
    const csv = parseCsv(text);
    if (csv.error) bad.push({ line: csv.error.line, field: '(csv)', reason: csv.error.reason });
    const [header, ...rest] = csv.records;
    if (!header) return { raws, bad };
    for (const r of rest) {
      if (r.fields.length !== header.fields.length) {
        bad.push({
          line: r.line,
          field: '(csv)',
          reason: `${r.fields.length} fields, the header has ${header.fields.length}`,
        });
        continue;
      }
      raws.push({
        line: r.line,
        raw: Object.fromEntries(header.fields.map((h, i) => [h.trim(), r.fields[i]])),
      });
    }
    return { raws, bad };
  }
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      const v = JSON.parse(l) as unknown;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        bad.push({ line: i + 1, field: '(line)', reason: 'not a JSON object' });
      } else raws.push({ line: i + 1, raw: v as Raw });
    } catch (e) {
      bad.push({ line: i + 1, field: '(line)', reason: `not JSON: ${(e as Error).message}` });
    }
  });
  return { raws, bad };
}

/**
 * Reads a user's own examples (request → plan, optional `rating` and `weight`) from JSONL, CSV
 * (a header row; `request` as JSON text) or Arrow IPC, by file extension. Every row is checked:
 * the request against the `PlanRequest` schema and the targets policy (a refused request cannot
 * be a training example), the plan by parsing it in the plan language (text) or the `PlanBody`
 * schema (object), `rating`/`weight` as finite numbers (weight > 0). Bad rows are returned with
 * their line and reason (`onBadRow: 'skip'`), or the call throws listing them all (`'fail'`) —
 * none is dropped silently.
 *
 * @throws NexFitraError `BAD_DATA` (`onBadRow: 'fail'`) whose `value` lists `line N: field: reason`
 */
export async function readUserRows(path: string, options: UserRowsOptions = {}): Promise<UserRows> {
  const ext = extname(path).toLowerCase();
  const { raws, bad } = records(await readFile(path), ext);
  const rows: TrainingRow[] = [];
  for (const { line, raw } of raws) {
    const r = toRow(raw, line, options);
    if ('reason' in r) bad.push(r);
    else rows.push(r);
  }
  bad.sort((a, b) => a.line - b.line);
  if (bad.length > 0 && options.onBadRow === 'fail') {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [path],
      value: bad.map((b) => `line ${b.line}: ${b.field}: ${b.reason}`),
      allowed: 'rows with a valid PlanRequest, a plan in the plan language, finite rating and weight > 0',
    });
  }
  return { rows, bad };
}
