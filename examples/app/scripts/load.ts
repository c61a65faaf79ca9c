/**
 * `npm run load -w examples/app [-- --duration 10 --connections 4,16]`: a bounded load test on
 * loopback. Starts the server as a child process (PGlite in a temp folder, or a fresh schema on
 * the PostgreSQL server at DATABASE_URL), makes one user with a profile, a plan and 60 days of
 * progress, then drives with autocannon, one phase after the other:
 *   - plan generation, `POST /plans?days=1&weeks=1` (each a full solve, stored as a new version),
 *   - progress reads, `GET /progress` (the log, Kalman trend, expenditure, projection, 3 SVGs).
 * Prints requests/s, latency p50/p99 and errors (transport errors, timeouts, non-2xx) per phase,
 * and the same as JSON with `--json`. Not part of CI: figures depend on the machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openPostgres } from '../src/db/db';
import { startServer, stopServer } from './_server';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    'plan-connections': { type: 'string', default: '2' },
    'read-connections': { type: 'string', default: '8' },
    json: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const planConnections = Number(values['plan-connections']);
const readConnections = Number(values['read-connections']);
for (const [name, v] of [
  ['duration', duration],
  ['plan-connections', planConnections],
  ['read-connections', readConnections],
] as const) {
  if (!Number.isInteger(v) || v < 1 || v > 600)
    throw new Error(`--${name} ${v} is not allowed: an integer 1–600`);
}

const PROFILE = {
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
    trainingDaysPerWeek: 3,
    sessionMinutes: 50,
    equipment: ['bodyweight', 'dumbbells', 'barbell', 'bench', 'cable', 'machine'],
    experience: 'beginner',
  },
};

const dataDir = mkdtempSync(join(tmpdir(), 'nexfitra-load-'));
const base = process.env['DATABASE_URL'];
let schema: string | undefined;
let databaseUrl: string | undefined;
if (base) {
  schema = `nexfitra_load_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(base);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = u.toString();
}

const server = await startServer({ dataDir, databaseUrl });
try {
  const send = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const { accessToken } = (await send('POST', '/auth/signup', {
    email: 'load@example.org',
    password: 'correct horse battery staple',
  })) as { accessToken: string };
  await send('PUT', '/profile', PROFILE, accessToken);
  await send('POST', '/plans?days=1&weeks=1&seed=1', undefined, accessToken);
  for (let i = 0; i < 60; i++) {
    const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    await send(
      'POST',
      '/progress/entries',
      { date, weight: { value: 78 - i * 0.03, unit: 'kg' }, intakeKcal: 1600 },
      accessToken,
    );
  }
  const auth = { authorization: `Bearer ${accessToken}` };
  const phases = [
    {
      name: 'POST /plans?days=1&weeks=1',
      method: 'POST',
      path: '/plans?days=1&weeks=1',
      connections: planConnections,
    },
    { name: 'GET /progress (60 days)', method: 'GET', path: '/progress', connections: readConnections },
  ];
  const report = [];
  for (const p of phases) {
    const r = await autocannon({
      url: server.url + p.path,
      method: p.method,
      headers: auth,
      connections: p.connections,
      duration,
      timeout: 60,
    });
    report.push({
      phase: p.name,
      connections: p.connections,
      seconds: r.duration,
      requests: r.requests.total,
      requestsPerS: Math.round(r.requests.average * 10) / 10,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      maxMs: r.latency.max,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    });
  }
  const health = await fetch(`${server.url}/healthz`);
  if (values.json)
    console.log(JSON.stringify({ storage: server.storage, report, healthy: health.ok }, null, 2));
  else {
    console.log(`storage: ${server.storage}; ${duration} s a phase; healthy after: ${health.ok}`);
    console.table(report);
  }
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
  if (base && schema) {
    const admin = await openPostgres(base);
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}
