/**
 * The reference app in process (`app.request()`), on one in-memory PGlite per file — or on the
 * PostgreSQL server at DATABASE_URL when set (a fresh schema per run, `test/_db.ts`). Expected
 * values come from the HTTP/JWT specifications (RFC 7519/7515: `alg: none`
 * is never accepted when the algorithm is pinned), the OAuth 2.0 Security BCP (RFC 9700
 * §4.14.2: a reused rotated refresh token revokes the family), hand calculations stated at
 * each case, and round trips.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createRegistry } from '@nexfitra/inference/plan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { hashPassword, verifyPassword } from '../src/auth/password';
import { LoginLimiter } from '../src/auth/rateLimit';
import { signAccess } from '../src/auth/tokens';
import type { AppDeps } from '../src/context';
import type { Db } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { openTestDb } from './_db';
import { PASSWORD, PROFILE } from './_harness';

const TAG = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${TAG}@example.org`;
const logLines: string[] = [];
let db: Db;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;

function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; type?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers['content-type'] = opts.type ?? 'application/json';
  return app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
}

async function signUp(name: string, role: 'user' | 'coach' = 'user') {
  const res = await call('POST', '/auth/signup', { body: { email: email(name), password: PASSWORD, role } });
  expect(res.status).toBe(201);
  return (await res.json()) as { accessToken: string; refreshToken: string; userId: number };
}

beforeAll(async () => {
  db = await openTestDb(); // a fresh schema per run on a server
  await migrate(db);
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  deps = {
    db,
    jwtSecret: randomBytes(32),
    logger: createLogger('info', sink),
    registry: createRegistry(),
    limiter: new LoginLimiter(5, 60_000),
    maxBodyBytes: 16 * 1024,
    // 2^12 keeps the suite fast; the default (2^15) is checked once below.
    scrypt: { N: 2 ** 12, r: 8, p: 1 },
    trustProxy: false,
  };
  app = createApp(deps);
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe(`examples/app on ${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('serves /healthz, /openapi.json with schemas generated from zod, and migrations are idempotent', async () => {
    expect(await (await call('GET', '/healthz')).json()).toMatchObject({ ok: true });
    const spec = (await (await call('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    expect(spec.openapi).toBe('3.1.0');
    const put = spec.paths['/profile']!['put']!.requestBody!.content['application/json']!.schema;
    const text = JSON.stringify(put);
    for (const field of ['"profile"', '"goal"', '"preferences"', '"activityLevel"', '"allergens"'])
      expect(text).toContain(field);
    expect(await migrate(db)).toEqual([]); // a second run applies nothing
  });

  it('signs up, stores only an scrypt hash, and refuses a duplicate email', async () => {
    const a = await signUp('hash');
    const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      a.userId,
    ]);
    expect(row!.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect(row!.password_hash).not.toContain(PASSWORD);
    const dup = await call('POST', '/auth/signup', {
      body: { email: email('HASH').replace('HASH', 'hash'), password: PASSWORD },
    });
    expect(dup.status).toBe(409);
  });

  it('hashes with scrypt N=2^15, r=8, p=1 by default and verifies only the right password', async () => {
    const h = await hashPassword(PASSWORD);
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword(PASSWORD, h)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, h)).toBe(false);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await signUp('wrongpw');
    const wrong = await call('POST', '/auth/login', {
      body: { email: email('wrongpw'), password: 'not the password' },
    });
    const unknown = await call('POST', '/auth/login', {
      body: { email: email('nobody'), password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(
      (await call('POST', '/auth/login', { body: { email: email('wrongpw'), password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('refuses expired, tampered, alg:none and foreign-key tokens', async () => {
    const a = await signUp('tokens');
    expect((await call('GET', '/plans', { token: a.accessToken })).status).toBe(200);
    // Signed with the right key an hour ago: the 15-minute token expired 45 minutes ago.
    const expired = await signAccess(
      deps.jwtSecret,
      { userId: a.userId, role: 'user' },
      Math.floor(Date.now() / 1000) - 3600,
    );
    // Payload changed (role → coach), signature kept.
    const [h, p, s] = a.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'coach' })).toString('base64url')}.${s}`;
    // RFC 7519 §6.1 unsecured JWT: header {"alg":"none"}, empty signature.
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const foreign = await signAccess(randomBytes(32), { userId: a.userId, role: 'user' });
    for (const token of [expired, tampered, none, foreign, 'garbage']) {
      const res = await call('GET', '/plans', { token });
      expect(res.status, token.slice(0, 20)).toBe(401);
    }
    expect((await call('GET', '/plans')).status).toBe(401);
  });

  it('rotates refresh tokens; reusing a spent one revokes the whole family (RFC 9700 §4.14.2)', async () => {
    const a = await signUp('refresh');
    const r1 = await call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect(r1.status).toBe(200);
    const t2 = (await r1.json()) as { refreshToken: string; accessToken: string };
    expect(t2.refreshToken).not.toBe(a.refreshToken);
    const reuse = await call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { error: { code: string } }).error.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate newer token is revoked too.
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: t2.refreshToken } })).status).toBe(
      401,
    );
    // Only hashes are stored.
    const rows = await db.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [t2.refreshToken]);
    expect(rows).toHaveLength(0);
  });

  it('rate-limits log-ins per account and address: 5 failures, then 429 even with the right password', async () => {
    await signUp('limited');
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await call('POST', '/auth/login', {
            body: { email: email('limited'), password: `wrong password ${i}` },
          })
        ).status,
      ).toBe(401);
    }
    const blocked = await call('POST', '/auth/login', {
      body: { email: email('limited'), password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('validates profiles with field-level errors, stores nothing invalid, and keeps the history', async () => {
    const a = await signUp('profile');
    const bad = {
      ...PROFILE,
      profile: { ...PROFILE.profile, age: 'forty', height: { value: 17, unit: 'cm' } },
      extra: 1,
    };
    const res = await call('PUT', '/profile', { token: a.accessToken, body: bad });
    expect(res.status).toBe(422);
    const err = (await res.json()) as {
      error: { fields: { path: string; value: unknown; allowed: string }[] };
    };
    const paths = err.error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['profile.age', 'profile.height.value', 'extra']));
    expect(err.error.fields.find((f) => f.path === 'profile.age')!.value).toBe('forty');
    expect((await call('GET', '/profile', { token: a.accessToken })).status).toBe(404);

    expect((await call('PUT', '/profile', { token: a.accessToken, body: PROFILE })).status).toBe(201);
    const heavier = { ...PROFILE, profile: { ...PROFILE.profile, weight: { value: 76, unit: 'kg' } } };
    const up = await call('PUT', '/profile', { token: a.accessToken, body: heavier });
    expect(up.status).toBe(200);
    const got = (await (await call('GET', '/profile', { token: a.accessToken })).json()) as {
      version: number;
      profile: { weight: { value: number } };
      preferences: { dislikedFoodIds: unknown[] };
    };
    expect(got.version).toBe(2);
    expect(got.profile.weight.value).toBe(76);
    expect(got.preferences.dislikedFoodIds).toEqual([]); // core's default filled in
    const hist = (await (await call('GET', '/profile/history', { token: a.accessToken })).json()) as {
      versions: { version: number; profile: { weight: { value: number } } }[];
    };
    expect(hist.versions.map((v) => [v.version, v.profile.weight.value])).toEqual([
      [2, 76],
      [1, 78],
    ]);
  });

  it("refuses user A reading or writing B's data, and a coach without a grant", async () => {
    const a = await signUp('alice');
    const b = await signUp('bob');
    const coach = await signUp('coach', 'coach');
    await call('PUT', '/profile', { token: b.accessToken, body: PROFILE });
    expect((await call('GET', `/profile?user=${b.userId}`, { token: a.accessToken })).status).toBe(403);
    expect(
      (await call('PUT', `/profile?user=${b.userId}`, { token: a.accessToken, body: PROFILE })).status,
    ).toBe(403);
    expect((await call('GET', `/progress?user=${b.userId}`, { token: a.accessToken })).status).toBe(403);
    expect((await call('GET', `/profile?user=${b.userId}`, { token: coach.accessToken })).status).toBe(403);
    const grant = await call('POST', '/auth/grants', {
      token: b.accessToken,
      body: { coachEmail: email('coach') },
    });
    expect(grant.status).toBe(201);
    expect((await call('GET', `/profile?user=${b.userId}`, { token: coach.accessToken })).status).toBe(200);
    // A grant lets a coach read, never write.
    expect(
      (await call('PUT', `/profile?user=${b.userId}`, { token: coach.accessToken, body: PROFILE })).status,
    ).toBe(403);
    // The grant is B's to the coach only: A is still refused.
    expect((await call('GET', `/profile?user=${b.userId}`, { token: a.accessToken })).status).toBe(403);
  });

  it('makes, stores and versions plans through the registry; another user cannot read them', async () => {
    const a = await signUp('planner');
    expect((await call('POST', '/plans?days=1&weeks=1', { token: a.accessToken })).status).toBe(409); // no profile yet
    await call('PUT', '/profile', { token: a.accessToken, body: PROFILE });
    const res = await call('POST', '/plans?model=builtin:rules&days=1&weeks=1&seed=4', {
      token: a.accessToken,
    });
    expect(res.status).toBe(201);
    const out = (await res.json()) as {
      id: number;
      version: number;
      plan: {
        targets: { kcal: number };
        mealPlan: { days: { meals: { items: { foodId: string }[] }[] }[] };
        workoutProgram: { weeks: unknown[] };
      };
      report: { dayTotals: { kcal: number }[] };
    };
    expect(out.version).toBe(1);
    expect(out.plan.mealPlan.days).toHaveLength(1);
    expect(out.plan.workoutProgram.weeks).toHaveLength(1);
    // Hand calculation: Mifflin–St Jeor for this woman is 10·78 + 6.25·170 − 5·45 − 161 = 1456.5
    // kcal/d; × 1.2 (sedentary) = 1748 maintenance. A losing target lies below maintenance and
    // not under 1200 kcal/d, the usual floor for women (NIH/NHLBI 1998 obesity guidelines).
    expect(out.plan.targets.kcal).toBeLessThan(1748);
    expect(out.plan.targets.kcal).toBeGreaterThanOrEqual(1200);
    // The day supplies its target within the ±3 % energy band the inference layer states.
    expect(Math.abs(out.report.dayTotals[0]!.kcal / out.plan.targets.kcal - 1)).toBeLessThanOrEqual(0.03);
    const again = (await (
      await call('POST', '/plans?days=1&weeks=1&seed=5', { token: a.accessToken })
    ).json()) as { version: number };
    expect(again.version).toBe(2);
    // Every planned food has its catalogue name for the page (round trip through core's catalogue).
    const labels = (
      (await (await call('GET', `/plans/${out.id}`, { token: a.accessToken })).json()) as {
        foods: Record<string, { name: string }>;
      }
    ).foods;
    for (const m of out.plan.mealPlan.days[0]!.meals)
      for (const i of m.items) expect(labels[i.foodId]?.name, i.foodId).toMatch(/\w/);
    const list = (await (await call('GET', '/plans', { token: a.accessToken })).json()) as {
      plans: { version: number }[];
    };
    expect(list.plans.map((p) => p.version)).toEqual([2, 1]);
    const fetched = await call('GET', `/plans/${out.id}`, { token: a.accessToken });
    expect(fetched.status, await fetched.clone().text()).toBe(200);
    expect(((await fetched.json()) as { plan: unknown }).plan).toEqual(out.plan); // round trip through JSONB
    const other = await signUp('snoop');
    expect((await call('GET', `/plans/${out.id}`, { token: other.accessToken })).status).toBe(404);

    const unknown = await call('POST', '/plans?model=nope&days=1', { token: a.accessToken });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('builtin:rules');
    expect((await call('POST', '/plans?days=99', { token: a.accessToken })).status).toBe(400);
  });

  it('refuses a plan for a minor with 422 and the reason, storing nothing', async () => {
    const a = await signUp('minor');
    const teen = { ...PROFILE, profile: { ...PROFILE.profile, age: 16, weight: { value: 60, unit: 'kg' } } };
    expect((await call('PUT', '/profile', { token: a.accessToken, body: teen })).status).toBe(201);
    const res = await call('POST', '/plans?days=1&weeks=1', { token: a.accessToken });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; reasons: { code: string }[] } };
    expect(body.error.code).toBe('REFUSED');
    expect(body.error.reasons.map((r) => r.code)).toContain('MINOR');
    expect(await db.query('SELECT 1 FROM plans WHERE user_id = $1', [a.userId])).toHaveLength(0);
  });

  it('logs progress and returns trend weight, expenditure, projection and SVG charts', async () => {
    const a = await signUp('progress');
    await call('PUT', '/profile', { token: a.accessToken, body: PROFILE });
    await call('POST', '/plans?days=1&weeks=1', { token: a.accessToken });
    // 35 days at a steady 78 kg eating 1,800 kcal: by energy balance expenditure = intake (the
    // estimator needs 28 days plus a start level).
    for (let i = 0; i < 35; i++) {
      const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      const res = await call('POST', '/progress/entries', {
        token: a.accessToken,
        body: { date, weight: { value: 78, unit: 'kg' }, intakeKcal: 1800 },
      });
      expect(res.status).toBe(201);
    }
    const bad = await call('POST', '/progress/entries', {
      token: a.accessToken,
      body: { date: '2026-02-30', weight: { value: -3, unit: 'kg' } },
    });
    expect(bad.status).toBe(422);
    const p = (await (await call('GET', '/progress', { token: a.accessToken })).json()) as {
      entries: number;
      trend: { points: { trendKg: number }[] };
      expenditure: { ok: boolean; tdeeKcal: number };
      projection: { band: unknown[] } | null;
      charts: { weight: string; projection: string | null };
    };
    expect(p.entries).toBe(35);
    expect(p.trend.points.at(-1)!.trendKg).toBeCloseTo(78, 1);
    expect(p.expenditure.ok).toBe(true);
    expect(Math.abs(p.expenditure.tdeeKcal - 1800)).toBeLessThan(30);
    expect(p.projection?.band.length).toBeGreaterThan(80);
    expect(p.charts.weight.startsWith('<svg')).toBe(true);
    expect(p.charts.projection?.startsWith('<svg')).toBe(true);
  });

  it('answers bad input with a clear 4xx, stores nothing, and stays healthy', async () => {
    const a = await signUp('hostile');
    const before = await db.query<{ n: string }>('SELECT count(*) AS n FROM users');
    expect(
      (await call('POST', '/auth/signup', { raw: `{"email":"${'a'.repeat(20_000)}@x.org","password":"x"}` }))
        .status,
    ).toBe(413);
    expect(
      (await call('POST', '/auth/signup', { raw: 'email=a', type: 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(415);
    expect((await call('POST', '/auth/signup', { raw: '{"email": ' })).status).toBe(400);
    expect((await call('POST', '/auth/signup', { body: { email: 42, password: ['x'] } })).status).toBe(422);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"email":"${email(`p${key}`)}","password":"${PASSWORD}","${key}":{"role":"coach","polluted":true}}`;
      const res = await call('POST', '/auth/signup', { raw });
      expect(res.status, key).toBe(422);
      expect(JSON.stringify(await res.json())).toContain(key);
      const prof = `{"profile":{"__proto__":{"age":1}},"${key}":{}}`;
      expect((await call('PUT', '/profile', { token: a.accessToken, raw: prof })).status).toBe(422);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // SQL metacharacters in every string field of the profile document.
    const sql = "x'); DROP TABLE users; --";
    const strings: [string, unknown][] = [
      ['profile.sex', { ...PROFILE, profile: { ...PROFILE.profile, sex: sql } }],
      ['profile.activityLevel', { ...PROFILE, profile: { ...PROFILE.profile, activityLevel: sql } }],
      [
        'profile.weight.unit',
        { ...PROFILE, profile: { ...PROFILE.profile, weight: { value: 78, unit: sql } } },
      ],
      ['goal.type', { ...PROFILE, goal: { type: sql } }],
      ['preferences.diet', { ...PROFILE, preferences: { ...PROFILE.preferences, diet: sql } }],
      ['preferences.allergens.0', { ...PROFILE, preferences: { ...PROFILE.preferences, allergens: [sql] } }],
      [
        'preferences.dislikedFoodIds.0',
        { ...PROFILE, preferences: { ...PROFILE.preferences, dislikedFoodIds: [sql] } },
      ],
      ['preferences.experience', { ...PROFILE, preferences: { ...PROFILE.preferences, experience: sql } }],
    ];
    for (const [path, body] of strings) {
      const res = await call('PUT', '/profile', { token: a.accessToken, body });
      expect(res.status, path).toBe(422);
      const fields = ((await res.json()) as { error: { fields: { path: string }[] } }).error.fields.map(
        (f) => f.path,
      );
      expect(
        fields.some((f) => f.startsWith(path.split('.').slice(0, 2).join('.'))),
        `${path} in ${fields}`,
      ).toBe(true);
    }
    expect((await call('GET', '/profile', { token: a.accessToken })).status).toBe(404);
    expect(
      (await call('POST', '/auth/signup', { body: { email: `${sql}@x.org`, password: PASSWORD } })).status,
    ).toBe(422);
    expect(
      (await call('POST', `/plans?model=${encodeURIComponent(sql)}`, { token: a.accessToken })).status,
    ).toBe(400);
    // A password is free text: metacharacters are stored (hashed) and work as a password.
    const ok = await call('POST', '/auth/signup', {
      body: { email: email('meta'), password: `${sql}${sql}` },
    });
    expect(ok.status).toBe(201);
    expect(
      (await call('POST', '/auth/login', { body: { email: email('meta'), password: `${sql}${sql}` } }))
        .status,
    ).toBe(200);
    const after = await db.query<{ n: string }>('SELECT count(*) AS n FROM users');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
    expect((await call('GET', '/healthz')).status).toBe(200);
    const notFound = await call('GET', '/nowhere');
    expect(notFound.status).toBe(404);
  });

  it('serves the page at / with no external resources', async () => {
    const res = await call('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<title>NexFitra</title>');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('never logs passwords, tokens or secrets (pino redaction)', async () => {
    const t = await signUp('logs');
    deps.logger.info(
      {
        password: PASSWORD,
        req: { headers: { authorization: `Bearer ${t.accessToken}` } },
        body: { refreshToken: t.refreshToken },
      },
      'probe',
    );
    const all = logLines.join('');
    expect(all).toContain('probe');
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(t.accessToken);
    expect(all).not.toContain(t.refreshToken);
    expect(all).not.toContain(Buffer.from(deps.jwtSecret).toString('base64url'));
  });
});
