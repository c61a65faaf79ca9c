/** Bearer-token middleware and the access rule for reading another user's data. */
import type { MiddlewareHandler } from 'hono';
import { type AccessClaims, verifyAccess } from '../auth/tokens';
import type { AppDeps, Env } from '../context';
import { HttpError } from './errors';

export function requireUser(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const h = c.req.header('authorization') ?? '';
    const m = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/.exec(h);
    const claims = m ? await verifyAccess(deps.jwtSecret, m[1]!) : null;
    if (!claims)
      throw new HttpError(
        401,
        'UNAUTHENTICATED',
        'a valid access token is required (Authorization: Bearer …)',
      );
    c.set('user', claims);
    await next();
  };
}

/**
 * The user whose data `user` may act on as `target`: themself; a coach may READ a client who
 * granted them access; nobody may write another's data.
 */
export async function resolveTarget(
  deps: AppDeps,
  user: AccessClaims,
  target: string | undefined,
  write: boolean,
): Promise<number> {
  if (target === undefined || target === String(user.userId)) return user.userId;
  const id = Number(target);
  if (!/^\d{1,15}$/.test(target) || !Number.isSafeInteger(id))
    throw new HttpError(400, 'INVALID_FIELDS', 'user must be a user id', [
      { path: 'user', value: target, allowed: 'a numeric user id' },
    ]);
  if (write || user.role !== 'coach')
    throw new HttpError(403, 'FORBIDDEN', 'you may not access another user’s data');
  const rows = await deps.db.query('SELECT 1 FROM coach_grants WHERE client_id = $1 AND coach_id = $2', [
    id,
    user.userId,
  ]);
  if (rows.length === 0) throw new HttpError(403, 'FORBIDDEN', 'this client has not granted you access');
  return id;
}
