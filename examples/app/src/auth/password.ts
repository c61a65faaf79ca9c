/**
 * Password hashing with node:crypto scrypt (Percival 2009; RFC 7914), memory-hard so that
 * guessing on GPUs costs memory, not only time. N = 2^15, r = 8, p = 1 uses 128 × N × r = 32 MiB
 * per hash (OWASP Password Storage Cheat Sheet: N = 2^17 is its first choice; 2^15 keeps a
 * log-in under ~100 ms on a shared 2-core machine). The parameters are stored with each hash,
 * so they can be raised later without breaking old accounts.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLen: 32, saltLen: 16 } as const;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLen: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLen, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(
  password: string,
  params: { readonly N: number; readonly r: number; readonly p: number } = SCRYPT,
): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLen);
  const key = await derive(password, salt, params.N, params.r, params.p, SCRYPT.keyLen);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Whether `password` matches `stored` (constant-time comparison); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const want = Buffer.from(parts[5]!, 'base64url');
  const got = await derive(password, salt, N, r, p, want.length);
  return timingSafeEqual(got, want);
}
