/**
 * Access tokens: JWT signed HS256 with the app's persisted secret, 15 minutes long. Verification
 * pins the algorithm (`algorithms: ['HS256']`), issuer and audience, so `alg: none` or an RS/HS
 * confusion is refused. Refresh tokens are random 256-bit strings; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const ACCESS_TTL_S = 15 * 60;
export const REFRESH_TTL_S = 30 * 24 * 3600;
const ISSUER = 'nexfitra-example-app';
const AUDIENCE = 'nexfitra-example-app';

/** `admin` exports every user's feedback; it is given by `npm run admin`, never at sign-up. */
export type Role = 'user' | 'coach' | 'admin';
export interface AccessClaims {
  readonly userId: number;
  readonly role: Role;
}

/** A signed access token for `claims`; `nowS` (seconds) only for tests of expiry. */
export function signAccess(
  secret: Uint8Array,
  claims: AccessClaims,
  nowS = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ACCESS_TTL_S)
    .sign(secret);
}

/** The claims of a valid token, or null (bad signature, expired, wrong alg/issuer/audience). */
export async function verifyAccess(secret: Uint8Array, token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const userId = Number(payload.sub);
    const role = payload['role'];
    if (!Number.isSafeInteger(userId) || (role !== 'user' && role !== 'coach' && role !== 'admin'))
      return null;
    return { userId, role };
  } catch {
    return null;
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
