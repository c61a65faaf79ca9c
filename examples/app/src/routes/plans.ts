/**
 * Plans: `POST /plans?model=<registry id>&days=1-14&weeks=1-12&seed=n` makes a plan from the
 * stored profile through `@nexfitra/inference/plan`'s `generatePlan` (default `builtin:rules`),
 * stores it as the user's next version and returns it. Refusals (a minor, pregnancy, lactation,
 * weight loss when underweight, no safe deficit) are 422 with the reasons; a plan the layer could
 * not make safely is 422 with its failure code. `GET /plans` lists, `GET /plans/:id` reads one,
 * `GET /models` lists the registry.
 */
import { PlanRequest, SCHEMA_VERSION } from '@nexfitra/core';
import { generatePlan } from '@nexfitra/inference/plan';
import { Hono } from 'hono';
import type { AppDeps, Env } from '../context';
import { resolveTarget } from '../http/auth';
import { HttpError } from '../http/errors';
import { foodLabels } from '../labels';
import { loadProfile } from './profiles';

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

export function planRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.post('/', async (c) => {
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
    const result = await generatePlan(request, { registry: deps.registry, model, weeks, maxMs: 60_000 });
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
    const stored2 = await deps.db.transaction(async (tx) => {
      const [last] = await tx.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM plans WHERE user_id = $1',
        [userId],
      );
      const version = (last?.v ?? 0) + 1;
      const [row] = await tx.query<{ id: string; created_at: Date | string }>(
        'INSERT INTO plans (user_id, version, model, profile_version, plan, report) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at',
        [userId, version, model, stored.version, JSON.stringify(plan), JSON.stringify(summary)],
      );
      return { id: Number(row!.id), version, createdAt: new Date(row!.created_at).toISOString() };
    });
    deps.logger.info(
      { userId, planId: stored2.id, model, ms: Math.round(report.timings.total) },
      'plan made',
    );
    return c.json(
      { ...stored2, model, profileVersion: stored.version, plan, report: summary, foods: foodLabels(plan) },
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
    const raw = c.req.param('id');
    if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, 'NOT_FOUND', 'no such plan');
    const [row] = await deps.db.query<{
      id: string;
      user_id: string;
      version: number;
      model: string;
      plan: unknown;
      report: unknown;
      created_at: Date | string;
    }>('SELECT * FROM plans WHERE id = $1', [Number(raw)]);
    if (!row) throw new HttpError(404, 'NOT_FOUND', 'no such plan');
    // Same rule as any read: own, or a coach with the owner's grant (404, not 403, hides existence).
    await resolveTarget(deps, c.get('user'), String(row.user_id), false).catch(() => {
      throw new HttpError(404, 'NOT_FOUND', 'no such plan');
    });
    return c.json({
      id: Number(row.id),
      version: row.version,
      model: row.model,
      createdAt: new Date(row.created_at).toISOString(),
      plan: row.plan,
      foods: foodLabels(row.plan as Parameters<typeof foodLabels>[0]),
      report: row.report,
    });
  });

  return r;
}
