/**
 * Feedback that closes the loop: a person rates one meal (`{ day, meal }`) or one session
 * (`{ week?, session }`, the same targets as `POST /plans/:id/swap`) of their stored plan 1–5,
 * with an optional comment; rating the same part again replaces the rating. A swap is a dislike:
 * the swap route calls `recordSwapFeedback`, kept as rating 1 against the plan it replaced.
 * `POST /feedback`, `GET /feedback?planId=&user=` (own, or a coach reading a client).
 * The export to the pipeline's format is `feedbackExport.ts`.
 */
import type { PlanT } from '@nexfitra/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, Env } from '../context';
import type { Db } from '../db/db';
import { requireUser, resolveTarget } from '../http/auth';
import { readBody } from '../http/body';
import { type FieldError, HttpError } from '../http/errors';

const index = (max: number) => z.int().min(0).max(max);

/** What a person says about one meal or one session of a plan (0-based positions). */
export const FeedbackBody = z
  .strictObject({
    planId: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    day: index(13).optional(),
    meal: index(7).optional(),
    week: index(51).optional(),
    session: index(13).optional(),
    rating: z.int().min(1).max(5),
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .superRefine((b, ctx) => {
    const meal = b.meal !== undefined;
    const session = b.session !== undefined;
    if (meal === session) {
      ctx.addIssue({
        code: 'custom',
        path: [meal ? 'session' : 'meal'],
        message: 'name exactly one part: { day, meal } for a meal or { week?, session } for a session',
      });
    } else if (meal && (b.day === undefined || b.week !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.day === undefined ? 'day' : 'week'],
        message: 'a meal is named by { day, meal } (no week)',
      });
    } else if (session && b.day !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['day'],
        message: 'a session is named by { week?, session } (no day)',
      });
    }
  })
  .meta({
    id: 'FeedbackBody',
    description: 'A 1–5 rating of one meal { day, meal } or one session { week?, session } of a stored plan.',
  });

/** The part of a plan a judgement is about. */
export type FeedbackTarget =
  | { readonly day: number; readonly meal: number }
  | { readonly week?: number | undefined; readonly session: number };

type Part =
  | { kind: 'meal'; day: number; meal: number; week: null; session: null }
  | { kind: 'session'; day: null; meal: null; week: number; session: number };

/** The target as a row's columns, checked against the plan (422 naming the field when absent). */
export function partOf(plan: Pick<PlanT, 'mealPlan' | 'workoutProgram'>, t: FeedbackTarget): Part {
  const out = (path: string, value: number, allowed: string): never => {
    const f: FieldError = { path, value, allowed };
    throw new HttpError(422, 'INVALID_FIELDS', 'this plan has no such meal or session', [f]);
  };
  if ('meal' in t) {
    const days = plan.mealPlan.days;
    const d = days[t.day] ?? out('day', t.day, `a day 0–${days.length - 1} of this plan`);
    const n = d.meals.length;
    if (t.meal >= n) out('meal', t.meal, `a meal 0–${n - 1} of day ${t.day}`);
    return { kind: 'meal', day: t.day, meal: t.meal, week: null, session: null };
  }
  const week = t.week ?? 0;
  const weeks = plan.workoutProgram.weeks;
  const w = weeks[week] ?? out('week', week, `a week 0–${weeks.length - 1} of this plan`);
  const n = w.sessions.length;
  if (t.session >= n)
    out(
      'session',
      t.session,
      n === 0 ? 'none: week has no sessions' : `a session 0–${n - 1} of week ${week}`,
    );
  return { kind: 'session', day: null, meal: null, week, session: t.session };
}

/** A stored plan the user may write about (their own), else 404 (existence is not revealed). */
async function ownPlan(db: Db, userId: number, planId: number): Promise<PlanT> {
  const [row] = await db.query<{ user_id: string; plan: PlanT }>(
    'SELECT user_id, plan FROM plans WHERE id = $1',
    [planId],
  );
  if (!row || Number(row.user_id) !== userId) throw new HttpError(404, 'NOT_FOUND', 'no such plan');
  return row.plan;
}

const COLUMNS = 'plan_id, kind, day, meal, week, session, source, rating, comment';

/**
 * Records that `userId` swapped a part of their plan `planId` (the plan before the swap): a
 * dislike, stored as rating 1 with `source = 'swap'`. Call it from the swap route once the
 * target is known to exist; pass the transaction when the swap stores its plan in one.
 * @throws HttpError 404 when the plan is not the user's, 422 when it has no such part
 */
export async function recordSwapFeedback(
  db: Db,
  input: { readonly userId: number; readonly planId: number; readonly target: FeedbackTarget },
): Promise<void> {
  const p = partOf(await ownPlan(db, input.userId, input.planId), input.target);
  await db.query(
    `INSERT INTO feedback (user_id, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'swap', 1, NULL)`,
    [input.userId, input.planId, p.kind, p.day, p.meal, p.week, p.session],
  );
}

interface FeedbackRow {
  id: string;
  plan_id: string;
  kind: 'meal' | 'session';
  day: number | null;
  meal: number | null;
  week: number | null;
  session: number | null;
  source: 'rating' | 'swap';
  rating: number;
  comment: string | null;
  created_at: Date | string;
}

/** A row as the API shows it: the part's own coordinates only. */
export function feedbackView(r: Omit<FeedbackRow, 'id' | 'created_at'> & Partial<FeedbackRow>) {
  return {
    ...(r.id === undefined ? {} : { id: Number(r.id) }),
    planId: Number(r.plan_id),
    kind: r.kind,
    ...(r.kind === 'meal' ? { day: r.day, meal: r.meal } : { week: r.week, session: r.session }),
    source: r.source,
    rating: r.rating,
    ...(r.comment === null ? {} : { comment: r.comment }),
    ...(r.created_at === undefined ? {} : { createdAt: new Date(r.created_at).toISOString() }),
  };
}

export function feedbackRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();
  r.use('*', requireUser(deps));

  r.post('/', async (c) => {
    const userId = c.get('user').userId;
    const body = await readBody(c, FeedbackBody);
    const target: FeedbackTarget =
      body.meal !== undefined
        ? { day: body.day!, meal: body.meal }
        : { week: body.week, session: body.session! };
    const p = partOf(await ownPlan(deps.db, userId, body.planId), target);
    const [row] = await deps.db.query<FeedbackRow>(
      `INSERT INTO feedback (user_id, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'rating', $8, $9)
       ON CONFLICT (plan_id, kind, (COALESCE(day, week)), (COALESCE(meal, session))) WHERE source = 'rating'
       DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = now()
       RETURNING *`,
      [userId, body.planId, p.kind, p.day, p.meal, p.week, p.session, body.rating, body.comment ?? null],
    );
    deps.logger.info({ userId, planId: body.planId, kind: p.kind, rating: body.rating }, 'feedback');
    return c.json(feedbackView(row!), 201);
  });

  r.get('/', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), false);
    const rawPlan = c.req.query('planId');
    if (rawPlan !== undefined && !/^\d{1,15}$/.test(rawPlan))
      throw new HttpError(400, 'INVALID_FIELDS', 'planId must be a plan id', [
        { path: 'planId', value: rawPlan.slice(0, 80), allowed: 'a numeric plan id' },
      ]);
    const rows = await deps.db.query<FeedbackRow>(
      `SELECT * FROM feedback WHERE user_id = $1 AND ($2::bigint IS NULL OR plan_id = $2)
       ORDER BY created_at DESC, id DESC LIMIT 500`,
      [userId, rawPlan === undefined ? null : Number(rawPlan)],
    );
    return c.json({ feedback: rows.map(feedbackView) });
  });

  return r;
}

/** The OpenAPI paths of feedback, grants and the export (spread into `openApiDocument`). */
export function feedbackPaths(): Record<string, unknown> {
  const bearer = [{ bearer: [] }];
  const ok = (description: string) => ({ description });
  const denied = {
    '401': ok('no or invalid access token'),
    '403': ok('not allowed for this role or client'),
  };
  return {
    '/feedback': {
      post: {
        security: bearer,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: z.toJSONSchema(FeedbackBody, { io: 'input', unrepresentable: 'any' }),
            },
          },
        },
        responses: {
          '201': ok('stored (a later rating of the same part replaces it)'),
          '404': ok('no such plan of yours'),
          '422': ok('invalid fields, or a part the plan does not have'),
          ...denied,
        },
      },
      get: {
        security: bearer,
        parameters: [
          { name: 'planId', in: 'query', schema: { type: 'integer' } },
          {
            name: 'user',
            in: 'query',
            schema: { type: 'string' },
            description: 'a client id (coach with a grant)',
          },
        ],
        responses: { '200': ok('ratings and swaps, newest first'), ...denied },
      },
    },
    '/auth/grants/{coachId}': {
      delete: {
        security: bearer,
        parameters: [{ name: 'coachId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '204': ok('revoked: the coach is refused from now on'),
          '404': ok('no such grant'),
          ...denied,
        },
      },
    },
    '/coach/clients': {
      get: { security: bearer, responses: { '200': ok('the clients who granted you access'), ...denied } },
    },
    '/export/feedback': {
      get: {
        security: bearer,
        responses: {
          '200': ok(
            'JSONL, one plan with feedback a line: { request, plan, rating, … } — the pipeline’s bring-your-own-data format (coach: granted clients; admin: all)',
          ),
          ...denied,
        },
      },
    },
  };
}
