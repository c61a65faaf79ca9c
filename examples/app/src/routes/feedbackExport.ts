/**
 * `GET /export/feedback` (a coach: their granted clients' plans; an admin: everyone's) streams
 * JSONL in the pipeline's bring-your-own-data format (`readUserRows` of `@nexfitra/pipeline`):
 * one line per plan that has feedback, `{ request, plan: { mealPlan, workoutProgram }, rating }`
 * plus context the reader ignores (`planId`, `model`, `client`, `createdAt`, `feedback`).
 * `rating` is the mean of the plan's judgements (each part's latest rating, each swap as 1), on
 * the 1–5 scale; `feedback` keeps every judgement. `client` is a keyed hash of the user id (HMAC
 * with the app's secret): rows of one person group together without naming them.
 */
import { createHmac } from 'node:crypto';
import type { PlanT } from '@nexfitra/core';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { AppDeps, Env } from '../context';
import { requireUser } from '../http/auth';
import { HttpError } from '../http/errors';
import { feedbackView } from './feedback';

const PAGE = 100;

interface PlanRow {
  id: string;
  user_id: string;
  model: string;
  plan: PlanT;
  created_at: Date | string;
}
type JudgementRow = Parameters<typeof feedbackView>[0] & { plan_id: string };

/** One export line for a plan and its judgements (oldest first). */
export function exportLine(p: PlanRow, judgements: readonly JudgementRow[], secret: Uint8Array): string {
  const sum = judgements.reduce((s, j) => s + j.rating, 0);
  return JSON.stringify({
    request: p.plan.request,
    plan: { mealPlan: p.plan.mealPlan, workoutProgram: p.plan.workoutProgram },
    rating: Math.round((sum / judgements.length) * 1000) / 1000,
    planId: Number(p.id),
    model: p.model,
    client: createHmac('sha256', secret).update(`client:${p.user_id}`).digest('base64url').slice(0, 16),
    createdAt: new Date(p.created_at).toISOString(),
    feedback: judgements.map((j) => {
      const { planId: _, ...v } = feedbackView(j);
      return v;
    }),
  });
}

export function feedbackExportRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.get('/feedback', requireUser(deps), async (c) => {
    const user = c.get('user');
    if (user.role !== 'coach' && user.role !== 'admin')
      throw new HttpError(
        403,
        'FORBIDDEN',
        'only a coach (for their clients) or an admin may export feedback',
      );
    // A coach: the plans of clients who granted access now; an admin: all.
    const coach = user.role === 'coach' ? user.userId : null;
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="feedback.jsonl"');
    c.header('cache-control', 'no-store');
    return stream(
      c,
      async (s) => {
        let after = 0;
        let lines = 0;
        for (;;) {
          const plans = await deps.db.query<PlanRow>(
            `SELECT p.id, p.user_id, p.model, p.plan, p.created_at FROM plans p
              WHERE p.id > $1 AND EXISTS (SELECT 1 FROM feedback f WHERE f.plan_id = p.id)
                AND ($2::bigint IS NULL
                     OR p.user_id IN (SELECT client_id FROM coach_grants WHERE coach_id = $2))
              ORDER BY p.id LIMIT ${PAGE}`,
            [after, coach],
          );
          if (plans.length === 0) break;
          const judgements = await deps.db.query<JudgementRow>(
            'SELECT * FROM feedback WHERE plan_id = ANY($1::bigint[]) ORDER BY created_at, id',
            [plans.map((p) => Number(p.id))],
          );
          for (const p of plans) {
            const mine = judgements.filter((j) => Number(j.plan_id) === Number(p.id));
            await s.write(`${exportLine(p, mine, deps.jwtSecret)}\n`);
            lines++;
          }
          after = Number(plans.at(-1)!.id);
          if (plans.length < PAGE) break;
        }
        deps.logger.info({ userId: user.userId, role: user.role, lines }, 'feedback exported');
      },
      async (err, s) => {
        // The status is sent already: end with a line no reader takes for data (readUserRows
        // reports it as a bad row), so a cut export is never mistaken for a whole one.
        deps.logger.error({ err }, 'feedback export failed');
        await s.write(`${JSON.stringify({ error: { code: 'INTERNAL', message: 'export incomplete' } })}\n`);
      },
    );
  });

  return r;
}
