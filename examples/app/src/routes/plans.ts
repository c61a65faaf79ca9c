/**
 * Plans: `POST /plans?model=<registry id>&days=1-14&weeks=1-12&seed=n` makes a plan from the
 * stored profile through `@nexfitra/inference/plan`'s `generatePlan` (default `builtin:rules`),
 * stores it as the user's next version and returns it with the page's view of it (meals with
 * household measures, day totals, the shopping list by store section, sessions in words).
 * `POST /plans/stream` (same query) answers with server-sent events: `start`, one `part` per
 * finished session and day (the inference layer's `onPart`), then `plan` (the stored plan, as
 * `POST /plans` returns it) or `error`. `POST /plans/:id/swap` with `{ day, meal }` or
 * `{ week?, session }` replaces one meal or one session (`regenerate`), stores the result as the
 * next version and records the swap as a dislike of the part swapped out (feedback). Refusals (a
 * minor, pregnancy, lactation, weight loss when underweight, no safe deficit) are 422 with the
 * reasons; a plan the layer could not make safely is 422 with its failure code. `GET /plans`
 * lists, `GET /plans/:id` reads one.
 */
import { isNexFitraError, PlanRequest, type PlanT, SCHEMA_VERSION } from '@nexfitra/core';
import {
  type GeneratePlanResult,
  generatePlan,
  type PlanPart,
  type RegenerateTarget,
  regenerate,
} from '@nexfitra/inference/plan';
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppDeps, Env } from '../context';
import type { Db } from '../db/db';
import { resolveTarget } from '../http/auth';
import { readBody } from '../http/body';
import { HttpError } from '../http/errors';
import { foodLabels } from '../labels';
import { partDayView, planView, sessionView } from './_planView';
import { recordSwapFeedback } from './feedback';
import { loadProfile } from './profiles';

/** `POST /plans/:id/swap`: one meal of one day, or one session of one week (week default 0). */
export const SwapBody = z
  .union([
    z.strictObject({ day: z.int().min(0).max(13), meal: z.int().min(0).max(5) }),
    z.strictObject({ week: z.int().min(0).max(11).optional(), session: z.int().min(0).max(13) }),
  ])
  .meta({ id: 'SwapBody', description: 'What to replace: { day, meal } or { week?, session } (0-based).' });

function intParam(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  dflt: number | undefined,
): number | undefined {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!/^\d{1,10}$/.test(raw) || n < min || n > max) {
    throw new HttpError(400, 'INVALID_FIELDS', `${name} is out of range`, [
      { path: name, value: raw, allowed: `an integer ${min}–${max}` },
    ]);
  }
  return n;
}

interface StoredPlanRow {
  id: string;
  user_id: string;
  version: number;
  model: string;
  profile_version: number;
  plan: PlanT;
  report: Record<string, unknown>;
  created_at: Date | string;
}

/** What every plan answer carries: the stored row, food labels and the page's view. */
function planBody(row: {
  id: number;
  version: number;
  createdAt: string;
  model: string;
  profileVersion: number;
  plan: PlanT;
  report: unknown;
}) {
  return { ...row, foods: foodLabels(row.plan), view: planView(row.plan) };
}

async function storePlan(
  deps: AppDeps,
  userId: number,
  model: string,
  profileVersion: number,
  plan: PlanT,
  report: unknown,
  alongside?: (tx: Db) => Promise<void>,
) {
  return deps.db.transaction(async (tx) => {
    // One user's versions are numbered one at a time: a server runs transactions side by side.
    await tx.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
    await alongside?.(tx);
    const [last] = await tx.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM plans WHERE user_id = $1',
      [userId],
    );
    const version = (last?.v ?? 0) + 1;
    const [row] = await tx.query<{ id: string; created_at: Date | string }>(
      'INSERT INTO plans (user_id, version, model, profile_version, plan, report) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at',
      [userId, version, model, profileVersion, JSON.stringify(plan), JSON.stringify(report)],
    );
    return { id: Number(row!.id), version, createdAt: new Date(row!.created_at).toISOString() };
  });
}

/** Reads and checks the query and the stored profile; throws before any planning starts. */
async function prepare(deps: AppDeps, c: Context<Env>) {
  const userId = c.get('user').userId;
  const model = c.req.query('model') ?? 'builtin:rules';
  if (!deps.registry.has(model)) {
    const ids = deps.registry.list().map((e) => e.id);
    throw new HttpError(400, 'UNKNOWN_MODEL', `no model "${model.slice(0, 80)}"`, [
      { path: 'model', value: model.slice(0, 80), allowed: `one of ${ids.join(', ')}` },
    ]);
  }
  const days = intParam('days', c.req.query('days'), 1, 14, 7)!;
  const weeks = intParam('weeks', c.req.query('weeks'), 1, 12, 4)!;
  const seed = intParam('seed', c.req.query('seed'), 0, 2 ** 32 - 1, undefined);
  const stored = await loadProfile(deps, userId);
  if (!stored)
    throw new HttpError(409, 'NO_PROFILE', 'create your profile (PUT /profile) before asking for a plan');
  const request = PlanRequest.parse({
    schemaVersion: SCHEMA_VERSION,
    ...stored.doc,
    days,
    ...(seed === undefined ? {} : { seed }),
  });
  return { userId, model, weeks, request, profileVersion: stored.version };
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

/** Generates and stores; a refusal or failure is an HttpError (422). */
async function make(deps: AppDeps, p: Prepared, onPart?: (part: PlanPart) => void) {
  const result: GeneratePlanResult = await generatePlan(p.request, {
    registry: deps.registry,
    model: p.model,
    weeks: p.weeks,
    maxMs: 60_000,
    ...(onPart ? { onPart } : {}),
  });
  if (!result.ok) {
    if (result.refused) {
      throw new HttpError(422, 'REFUSED', result.refusal.message, undefined, {
        reasons: result.refusal.reasons,
      });
    }
    throw new HttpError(422, result.failure.code, result.failure.message);
  }
  const { plan, report } = result;
  const summary = {
    model: report.model,
    seed: report.seed,
    timings: report.timings,
    dayTotals: report.dayTotals,
    targetFindings: report.targetFindings,
    soft: report.validation.soft,
  };
  const row = await storePlan(deps, p.userId, p.model, p.profileVersion, plan, summary);
  deps.logger.info(
    { userId: p.userId, planId: row.id, model: p.model, ms: Math.round(report.timings.total) },
    'plan made',
  );
  return planBody({ ...row, model: p.model, profileVersion: p.profileVersion, plan, report: summary });
}

function errorEvent(e: unknown, deps: AppDeps): string {
  if (e instanceof HttpError) {
    return JSON.stringify({
      error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}), ...e.extra },
    });
  }
  deps.logger.error({ err: e }, 'plan stream failed');
  return JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } });
}

async function loadPlanRow(deps: AppDeps, c: Context<Env>, write: boolean): Promise<StoredPlanRow> {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, 'NOT_FOUND', 'no such plan');
  const [row] = await deps.db.query<StoredPlanRow>('SELECT * FROM plans WHERE id = $1', [Number(raw)]);
  if (!row) throw new HttpError(404, 'NOT_FOUND', 'no such plan');
  // Same rule as any read: own, or a coach with the owner's grant (404, not 403, hides existence).
  // Writes (swaps) are the owner's only.
  await resolveTarget(deps, c.get('user'), String(row.user_id), write).catch(() => {
    throw new HttpError(404, 'NOT_FOUND', 'no such plan');
  });
  return row;
}

export function planRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.post('/', async (c) => c.json(await make(deps, await prepare(deps, c)), 201));

  r.post('/stream', async (c) => {
    const p = await prepare(deps, c);
    return streamSSE(c, async (stream) => {
      await stream.writeSSE({
        event: 'start',
        data: JSON.stringify({ model: p.model, days: p.request.days, weeks: p.weeks }),
      });
      // onPart is synchronous: queue the writes in order and wait for them before the plan.
      let writes = Promise.resolve();
      const onPart = (part: PlanPart) => {
        const data =
          part.kind === 'day'
            ? { kind: 'day', day: part.day, view: partDayView(part.mealDay, part.day) }
            : {
                kind: 'session',
                week: part.week,
                index: part.index,
                view: sessionView(part.session, part.week, part.index),
              };
        writes = writes.then(() => stream.writeSSE({ event: 'part', data: JSON.stringify(data) }));
      };
      try {
        const body = await make(deps, p, onPart);
        await writes;
        await stream.writeSSE({ event: 'plan', data: JSON.stringify(body) });
      } catch (e) {
        await writes.catch(() => undefined);
        await stream.writeSSE({ event: 'error', data: errorEvent(e, deps) });
      }
    });
  });

  r.post('/:id/swap', async (c) => {
    const row = await loadPlanRow(deps, c, true);
    const target = await readBody(c, SwapBody);
    let result: Awaited<ReturnType<typeof regenerate>>;
    try {
      // exactOptionalPropertyTypes: zod types an absent week as `week?: number | undefined`.
      result = await regenerate(row.plan, target as RegenerateTarget);
    } catch (e) {
      if (isNexFitraError(e) && e.code === 'OUT_OF_RANGE') {
        throw new HttpError(422, 'INVALID_FIELDS', 'this plan has no such meal or session', [
          { path: e.path.slice(1).join('.'), value: e.value, allowed: e.allowed },
        ]);
      }
      throw e;
    }
    if (!result.ok) {
      const status = result.failure.code === 'NO_ALTERNATIVE' ? 409 : 422;
      throw new HttpError(status, result.failure.code, result.failure.message);
    }
    const swap = {
      fromPlanId: Number(row.id),
      fromVersion: row.version,
      target,
      removed: result.removed,
      added: result.added,
      gramsMoved: Math.round(result.gramsMoved),
      inBand: result.inBand,
    };
    const report = { ...row.report, soft: result.soft, swap };
    const userId = Number(row.user_id);
    // A swap is a dislike of the part swapped out: recorded with the new version, in one transaction.
    const stored = await storePlan(deps, userId, row.model, row.profile_version, result.plan, report, (tx) =>
      recordSwapFeedback(tx, { userId, planId: Number(row.id), target }),
    );
    deps.logger.info({ userId, planId: stored.id, from: swap.fromPlanId }, 'plan swapped');
    return c.json(
      planBody({
        ...stored,
        model: row.model,
        profileVersion: row.profile_version,
        plan: result.plan,
        report,
      }),
      201,
    );
  });

  r.get('/', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), false);
    const rows = await deps.db.query<{
      id: string;
      version: number;
      model: string;
      created_at: Date | string;
    }>(
      'SELECT id, version, model, created_at FROM plans WHERE user_id = $1 ORDER BY version DESC LIMIT 100',
      [userId],
    );
    return c.json({
      plans: rows.map((x) => ({
        id: Number(x.id),
        version: x.version,
        model: x.model,
        createdAt: new Date(x.created_at).toISOString(),
      })),
    });
  });

  r.get('/:id', async (c) => {
    const row = await loadPlanRow(deps, c, false);
    return c.json(
      planBody({
        id: Number(row.id),
        version: row.version,
        createdAt: new Date(row.created_at).toISOString(),
        model: row.model,
        profileVersion: row.profile_version,
        plan: row.plan,
        report: row.report,
      }),
    );
  });

  return r;
}
