/** What every route needs: storage, secrets, logger, the model registry and the log-in limiter. */
import type { ModelRegistry } from '@nexfitra/inference/plan';
import type { Logger } from 'pino';
import type { LoginLimiter } from './auth/rateLimit';
import type { AccessClaims } from './auth/tokens';
import type { Db } from './db/db';

export interface AppDeps {
  readonly db: Db;
  /** HS256 key for access tokens (≥ 32 bytes). */
  readonly jwtSecret: Uint8Array;
  readonly logger: Logger;
  readonly registry: ModelRegistry;
  readonly limiter: LoginLimiter;
  /** Largest accepted request body, bytes. */
  readonly maxBodyBytes: number;
  /** scrypt cost for new hashes; default `SCRYPT` (tests lower N to stay fast). */
  readonly scrypt?: { readonly N: number; readonly r: number; readonly p: number };
  /** Trust `x-forwarded-for` for the client address (only behind a proxy you run). */
  readonly trustProxy: boolean;
}

export type Env = { Variables: { user: AccessClaims; deps: AppDeps } };
