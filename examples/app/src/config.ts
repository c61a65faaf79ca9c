/**
 * Configuration from the environment only:
 * - `PORT` (default 8787), `HOST` (default 127.0.0.1)
 * - `DATABASE_URL`: a PostgreSQL server (through `pg`); absent → embedded PGlite in `DATA_DIR`
 * - `DATA_DIR` (default `examples/app/.data`): PGlite files and the generated secrets
 * - `JWT_SECRET` (≥ 32 characters); absent → 32 random bytes generated on first start and kept
 *   in `DATA_DIR/secrets.json` with mode 0600, never logged
 * - `LOG_LEVEL` (default info), `MAX_BODY_BYTES` (default 65536), `TRUST_PROXY=1`
 * - `NEXFITRA_MODELS`: plan-model folders to offer besides the rule planner, comma-separated
 *   (default: the repository's shipped `models/plan-default` and `models/plan-plant-athletes`
 *   where they exist; empty → the rule planner only). Each registers under its folder name,
 *   e.g. `plan-default`, and loads on first use.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly maxBodyBytes: number;
  readonly trustProxy: boolean;
  /** Model folders to register: absolute paths. */
  readonly models: readonly string[];
}

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHIPPED_MODELS = ['plan-default', 'plan-plant-athletes'].map((m) => join(REPO_ROOT, 'models', m));

function modelsEnv(env: NodeJS.ProcessEnv): string[] {
  const raw = env['NEXFITRA_MODELS'];
  if (raw === undefined) return SHIPPED_MODELS.filter((d) => existsSync(join(d, 'nexfitra.json')));
  const dirs = raw
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => resolve(d));
  for (const d of dirs)
    if (!existsSync(d)) throw new Error(`NEXFITRA_MODELS=${raw} is not allowed: ${d} is not a model folder`);
  return dirs;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name}=${raw} is not allowed: an integer ${min}–${max}`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intEnv(env, 'PORT', 8787, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: env['DATA_DIR'] || DEFAULT_DATA_DIR,
    logLevel: env['LOG_LEVEL'] || 'info',
    maxBodyBytes: intEnv(env, 'MAX_BODY_BYTES', 65536, 1024, 10 * 1024 * 1024),
    trustProxy: env['TRUST_PROXY'] === '1',
    models: modelsEnv(env),
  };
}

/** The JWT key: `JWT_SECRET`, else the one persisted in the data dir, else a new one written there (0600). */
export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const given = env['JWT_SECRET'];
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new Error('JWT_SECRET is too short: at least 32 characters');
    return new TextEncoder().encode(given);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret?: string };
    if (typeof s.jwtSecret !== 'string' || s.jwtSecret.length < 43)
      throw new Error(`${file} has no usable jwtSecret`);
    chmodSync(file, 0o600);
    return Buffer.from(s.jwtSecret, 'base64url');
  }
  const secret = randomBytes(32);
  writeFileSync(file, JSON.stringify({ jwtSecret: secret.toString('base64url') }), {
    mode: 0o600,
    flag: 'wx',
  });
  return secret;
}
