/**
 * The app in process for one test file: a migrated database (`openTestDb`: PGlite, or a fresh
 * schema on the server at DATABASE_URL), quiet logs, scrypt at 2^12 so sign-ups stay fast, and
 * helpers to call it as a client would.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createRegistry } from '@nexfitra/inference/plan';
import { createApp } from '../src/app';
import { LoginLimiter } from '../src/auth/rateLimit';
import type { AppDeps } from '../src/context';
import type { Db } from '../src/db/db';
import { createLogger } from '../src/logger';
import { openTestDb } from './_db';

/** A profile as a person would enter it (examples/profiles/beginner-full-gym.json, less days/seed). */
export const PROFILE = {
  profile: {
    age: 45,
    sex: 'female',
    weight: { value: 78, unit: 'kg' },
    height: { value: 170, unit: 'cm' },
    activityLevel: 'sedentary',
  },
  goal: { type: 'lose', rate: { value: 0.5, unit: '%bw/week' } },
  preferences: {
    diet: 'omnivore',
    allergens: ['milk'],
    mealsPerDay: 3,
    trainingDaysPerWeek: 2,
    sessionMinutes: 50,
    equipment: ['bodyweight', 'dumbbells', 'barbell', 'bench', 'cable', 'machine'],
    experience: 'beginner',
  },
} as const;

export const PASSWORD = 'correct horse battery staple';

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: number;
}

export interface Harness {
  readonly db: Db;
  readonly deps: AppDeps;
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<Response>;
  signUp(name: string, role?: 'user' | 'coach'): Promise<Tokens>;
  email(name: string): string;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const db = await openTestDb();
  const tag = randomBytes(4).toString('hex');
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const deps: AppDeps = {
    db,
    jwtSecret: randomBytes(32),
    logger: createLogger('info', sink),
    registry: createRegistry(),
    limiter: new LoginLimiter(5, 60_000),
    maxBodyBytes: 64 * 1024,
    scrypt: { N: 2 ** 12, r: 8, p: 1 },
    trustProxy: false,
  };
  const app = createApp(deps);
  const email = (name: string) => `${name}-${tag}@example.org`;
  const call: Harness['call'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return Promise.resolve(
      app.request(path, {
        method,
        headers,
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      }),
    );
  };
  return {
    db,
    deps,
    call,
    email,
    async signUp(name, role = 'user') {
      const res = await call('POST', '/auth/signup', {
        body: { email: email(name), password: PASSWORD, role },
      });
      if (res.status !== 201) throw new Error(`sign-up ${name}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Tokens;
    },
    close: () => db.close(),
  };
}
