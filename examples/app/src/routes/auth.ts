/**
 * Accounts: sign-up, log-in, refresh (rotating), log-out, coach grants.
 * Refresh tokens rotate on every use; presenting one already used revokes its whole family
 * (every token descended from the same log-in), which ends a stolen token's session too
 * (the OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashToken, newRefreshToken, REFRESH_TTL_S, type Role, signAccess } from '../auth/tokens';
import type { AppDeps, Env } from '../context';
import type { Db } from '../db/db';
import { requireUser } from '../http/auth';
import { readBody } from '../http/body';
import { HttpError } from '../http/errors';
import { Credentials, GrantBody, RefreshBody, SignUp } from '../schemas';

async function issue(deps: AppDeps, db: Db, userId: number, role: Role, family: string = randomUUID()) {
  const refreshToken = newRefreshToken();
  await db.query(
    'INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))',
    [userId, family, hashToken(refreshToken), REFRESH_TTL_S],
  );
  return {
    accessToken: await signAccess(deps.jwtSecret, { userId, role }),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: 900,
    userId,
    role,
  };
}

/** A precomputed hash so that an unknown email costs the same scrypt time as a wrong password. */
let dummyHash: Promise<string> | undefined;

export function authRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.post('/signup', async (c) => {
    const body = await readBody(c, SignUp);
    const email = body.email.toLowerCase();
    const hash = await hashPassword(body.password, deps.scrypt);
    const rows = await deps.db.query<{ id: string }>(
      'INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id',
      [email, hash, body.role],
    );
    if (rows.length === 0) throw new HttpError(409, 'EMAIL_TAKEN', 'an account with this email exists');
    deps.logger.info({ userId: Number(rows[0]!.id) }, 'signed up');
    return c.json(await issue(deps, deps.db, Number(rows[0]!.id), body.role), 201);
  });

  r.post('/login', async (c) => {
    const body = await readBody(c, Credentials);
    const email = body.email.toLowerCase();
    const key = `${email}|${clientAddress(c, deps)}`;
    const wait = deps.limiter.retryAfterS(key);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', `too many failed log-ins; try again in ${wait} s`);
    }
    const [u] = await deps.db.query<{ id: string; password_hash: string; role: Role }>(
      'SELECT id, password_hash, role FROM users WHERE email = $1',
      [email],
    );
    dummyHash ??= hashPassword('not-a-password-of-anyone', deps.scrypt);
    const ok = await verifyPassword(body.password, u?.password_hash ?? (await dummyHash));
    if (!u || !ok) {
      deps.limiter.fail(key);
      throw new HttpError(401, 'BAD_CREDENTIALS', 'wrong email or password');
    }
    deps.limiter.succeed(key);
    return c.json(await issue(deps, deps.db, Number(u.id), u.role));
  });

  r.post('/refresh', async (c) => {
    const body = await readBody(c, RefreshBody);
    const out = await deps.db.transaction(async (tx) => {
      const [t] = await tx.query<{
        id: string;
        user_id: string;
        family: string;
        used: boolean;
        revoked: boolean;
        expired: boolean;
        role: Role;
      }>(
        `SELECT t.id, t.user_id, t.family, t.used_at IS NOT NULL AS used, t.revoked_at IS NOT NULL AS revoked,
                t.expires_at < now() AS expired, u.role
           FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [hashToken(body.refreshToken)],
      );
      if (!t || t.revoked || t.expired) return null;
      if (t.used) {
        await tx.query(
          'UPDATE refresh_tokens SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL',
          [t.family],
        );
        deps.logger.warn({ userId: Number(t.user_id) }, 'refresh token reused: family revoked');
        return 'reused' as const;
      }
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [t.id]);
      return issue(deps, tx, Number(t.user_id), t.role, t.family);
    });
    if (out === null)
      throw new HttpError(401, 'INVALID_REFRESH_TOKEN', 'the refresh token is unknown, expired or revoked');
    if (out === 'reused')
      throw new HttpError(
        401,
        'REFRESH_TOKEN_REUSED',
        'this refresh token was already used; every session from that log-in is revoked',
      );
    return c.json(out);
  });

  r.post('/logout', async (c) => {
    const body = await readBody(c, RefreshBody);
    await deps.db.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family = (SELECT family FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL',
      [hashToken(body.refreshToken)],
    );
    return c.body(null, 204);
  });

  r.post('/grants', requireUser(deps), async (c) => {
    const body = await readBody(c, GrantBody);
    const [coach] = await deps.db.query<{ id: string }>(
      "SELECT id FROM users WHERE email = $1 AND role = 'coach'",
      [body.coachEmail.toLowerCase()],
    );
    if (!coach) throw new HttpError(404, 'NO_SUCH_COACH', 'no coach account has this email');
    await deps.db.query(
      'INSERT INTO coach_grants (client_id, coach_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [c.get('user').userId, coach.id],
    );
    return c.json({ coachId: Number(coach.id) }, 201);
  });

  return r;
}

/** The client address: the socket's, or the first `x-forwarded-for` hop when trusted. */
function clientAddress(
  c: { req: { header(n: string): string | undefined }; env: unknown },
  deps: AppDeps,
): string {
  if (deps.trustProxy) {
    const xff = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (xff) return xff;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
