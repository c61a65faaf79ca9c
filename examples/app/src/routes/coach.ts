/**
 * The coach's side of grants. A client grants (`POST /auth/grants`), lists
 * (`GET /auth/grants`) and revokes (`DELETE /auth/grants/:coachId`) access; a revoked coach is
 * refused at once (every read checks the grant). A coach lists the clients who granted them
 * access (`GET /coach/clients`) and reads a client's profile, plans, progress and feedback with
 * `?user=<id>` on those routes — reads only, never writes.
 */
import { Hono } from 'hono';
import type { AppDeps, Env } from '../context';
import { requireUser } from '../http/auth';
import { HttpError } from '../http/errors';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** `GET /auth/grants`, `DELETE /auth/grants/:coachId` (mounted at /auth/grants). */
export function grantRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.get('/', requireUser(deps), async (c) => {
    const rows = await deps.db.query<{ coach_id: string; email: string; created_at: Date | string }>(
      `SELECT g.coach_id, u.email, g.created_at FROM coach_grants g JOIN users u ON u.id = g.coach_id
        WHERE g.client_id = $1 ORDER BY g.created_at, g.coach_id`,
      [c.get('user').userId],
    );
    return c.json({
      grants: rows.map((g) => ({
        coachId: Number(g.coach_id),
        coachEmail: g.email,
        grantedAt: iso(g.created_at),
      })),
    });
  });

  r.delete('/:coachId', requireUser(deps), async (c) => {
    const raw = c.req.param('coachId');
    if (!/^\d{1,15}$/.test(raw))
      throw new HttpError(404, 'NO_SUCH_GRANT', 'you have not granted this coach access');
    const gone = await deps.db.query(
      'DELETE FROM coach_grants WHERE client_id = $1 AND coach_id = $2 RETURNING coach_id',
      [c.get('user').userId, Number(raw)],
    );
    if (gone.length === 0)
      throw new HttpError(404, 'NO_SUCH_GRANT', 'you have not granted this coach access');
    deps.logger.info({ userId: c.get('user').userId, coachId: Number(raw) }, 'grant revoked');
    return c.body(null, 204);
  });

  return r;
}

/** `GET /coach/clients` (mounted at /coach): the coach's clients with their latest plan and log. */
export function coachRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.get('/clients', requireUser(deps), async (c) => {
    const user = c.get('user');
    if (user.role !== 'coach') throw new HttpError(403, 'FORBIDDEN', 'only a coach has clients');
    const rows = await deps.db.query<{
      id: string;
      email: string;
      granted_at: Date | string;
      profile_version: number | null;
      plan_id: string | null;
      plan_version: number | null;
      plan_model: string | null;
      plan_at: Date | string | null;
      entries: string;
      last_entry: Date | string | null;
    }>(
      `SELECT u.id, u.email, g.created_at AS granted_at, pr.version AS profile_version,
              lp.id AS plan_id, lp.version AS plan_version, lp.model AS plan_model, lp.created_at AS plan_at,
              (SELECT count(*) FROM progress_entries e WHERE e.user_id = u.id) AS entries,
              (SELECT max(e.date)::text FROM progress_entries e WHERE e.user_id = u.id) AS last_entry
         FROM coach_grants g
         JOIN users u ON u.id = g.client_id
         LEFT JOIN profiles pr ON pr.user_id = u.id
         LEFT JOIN LATERAL (SELECT p.id, p.version, p.model, p.created_at FROM plans p
                             WHERE p.user_id = u.id ORDER BY p.version DESC LIMIT 1) lp ON true
        WHERE g.coach_id = $1
        ORDER BY g.created_at, u.id`,
      [user.userId],
    );
    return c.json({
      clients: rows.map((x) => ({
        userId: Number(x.id),
        email: x.email,
        grantedAt: iso(x.granted_at),
        profileVersion: x.profile_version,
        latestPlan:
          x.plan_id === null
            ? null
            : {
                id: Number(x.plan_id),
                version: x.plan_version,
                model: x.plan_model,
                createdAt: iso(x.plan_at),
              },
        progressEntries: Number(x.entries),
        lastEntryDate: x.last_entry === null ? null : String(x.last_entry),
      })),
    });
  });

  return r;
}
