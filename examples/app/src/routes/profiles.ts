/**
 * Profiles: `PUT /profile` creates or replaces (validated by core's Profile, Goal and Preferences
 * schemas; every field error returned), `GET /profile`, `GET /profile/history` (every version,
 * newest first). `?user=<id>` reads a client's (coach with a grant only).
 */
import { SCHEMA_VERSION } from '@nexfitra/core';
import { Hono } from 'hono';
import type { AppDeps, Env } from '../context';
import { resolveTarget } from '../http/auth';
import { readBody } from '../http/body';
import { HttpError } from '../http/errors';
import { ProfileDoc, type ProfileDocT } from '../schemas';

export interface StoredProfile {
  readonly version: number;
  readonly doc: ProfileDocT;
  readonly updatedAt: string;
}

export async function loadProfile(deps: AppDeps, userId: number): Promise<StoredProfile | undefined> {
  const [row] = await deps.db.query<{ version: number; doc: ProfileDocT; updated_at: Date | string }>(
    'SELECT version, doc, updated_at FROM profiles WHERE user_id = $1',
    [userId],
  );
  return row && { version: row.version, doc: row.doc, updatedAt: new Date(row.updated_at).toISOString() };
}

export function profileRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.put('/', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), true);
    const doc = await readBody(c, ProfileDoc);
    const version = await deps.db.transaction(async (tx) => {
      // One user's versions are numbered one at a time: a server runs transactions side by side.
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
      const [cur] = await tx.query<{ version: number }>(
        'SELECT version FROM profiles WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      const v = (cur?.version ?? 0) + 1;
      await tx.query(
        'INSERT INTO profiles (user_id, version, doc) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET version = $2, doc = $3, updated_at = now()',
        [userId, v, JSON.stringify(doc)],
      );
      await tx.query('INSERT INTO profile_history (user_id, version, doc) VALUES ($1, $2, $3)', [
        userId,
        v,
        JSON.stringify(doc),
      ]);
      return v;
    });
    return c.json({ version, schemaVersion: SCHEMA_VERSION, ...doc }, version === 1 ? 201 : 200);
  });

  r.get('/', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), false);
    const p = await loadProfile(deps, userId);
    if (!p) throw new HttpError(404, 'NO_PROFILE', 'no profile yet: PUT /profile first');
    return c.json({ version: p.version, updatedAt: p.updatedAt, ...p.doc });
  });

  r.get('/history', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), false);
    const rows = await deps.db.query<{ version: number; doc: ProfileDocT; changed_at: Date | string }>(
      'SELECT version, doc, changed_at FROM profile_history WHERE user_id = $1 ORDER BY version DESC',
      [userId],
    );
    return c.json({
      versions: rows.map((x) => ({
        version: x.version,
        changedAt: new Date(x.changed_at).toISOString(),
        ...x.doc,
      })),
    });
  });

  return r;
}
