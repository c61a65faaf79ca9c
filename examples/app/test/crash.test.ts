/**
 * Durability: the server (a child process) takes a burst of progress writes, is killed with
 * SIGKILL while requests are in flight, and is started again on the same storage — PGlite's
 * folder (PostgreSQL's WAL recovery inside the WebAssembly build), or the PostgreSQL server at
 * DATABASE_URL (a fresh schema). Every write answered before the kill must be there with its
 * value after the restart; writes cut off may or may not be (the client never heard back). Every
 * 4th write is a profile version (two rows in one transaction): the history must stay whole.
 * `CRASH_REPORT=1` prints the figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer, stopServer } from '../scripts/_server';
import { createTestSchema } from './_db';
import { openTestPglite, testPgliteCache } from './_pglite';

const URL_ = process.env['DATABASE_URL'];
const ACKS_BEFORE_KILL = 60;
const WORKERS = 8;
const dataDir = mkdtempSync(join(tmpdir(), 'nexfitra-crash-'));
let server: ServerProcess | undefined;
let dropSchema: (() => Promise<void>) | undefined;

afterAll(async () => {
  if (server) await stopServer(server);
  await dropSchema?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The i-th write: its own date, a weight that encodes i (checked after the restart). */
const dateOf = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
const kgOf = (i: number) => Math.round((70 + (i % 50) * 0.02) * 100) / 100;

/** A profile document whose weight encodes i (every 4th write is a profile version). */
const profileOf = (i: number) => ({
  profile: {
    age: 40,
    sex: 'male',
    weight: { value: 60 + i / 10, unit: 'kg' },
    height: { value: 180, unit: 'cm' },
    activityLevel: 'moderate',
  },
  goal: { type: 'maintain' },
  preferences: {
    diet: 'omnivore',
    allergens: [],
    mealsPerDay: 3,
    trainingDaysPerWeek: 3,
    sessionMinutes: 45,
    equipment: ['bodyweight'],
    experience: 'beginner',
  },
});

async function post(
  base: string,
  path: string,
  body: unknown,
  token?: string,
  method = 'POST',
): Promise<Response> {
  return fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe(`kill -9 during a write burst (${URL_ ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('keeps every acknowledged write across the crash and restart', async () => {
    const tStart = performance.now();
    let databaseUrl: string | undefined;
    if (URL_) {
      const s = await createTestSchema(URL_);
      databaseUrl = s.url;
      dropSchema = s.drop;
    } else {
      // Start from the suite's migrated data folder (a tar.gz PGlite wrote) instead of paying
      // for initdb in WebAssembly (~20 s here): the server then opens an existing folder.
      if (!existsSync(testPgliteCache())) await (await openTestPglite()).close();
      mkdirSync(join(dataDir, 'pglite'));
      execFileSync('tar', ['xzf', testPgliteCache(), '-C', join(dataDir, 'pglite')], { stdio: 'ignore' });
    }
    const t0 = performance.now();
    const tSetup = t0 - tStart;
    server = await startServer({ dataDir, databaseUrl });
    const started = performance.now() - t0;
    expect(server.storage).toBe(URL_ ? 'postgres' : 'pglite');
    const creds = { email: 'crash@example.org', password: 'correct horse battery staple' };
    const signup = await post(server.url, '/auth/signup', creds);
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };

    const acked: number[] = [];
    const ackedVersions: number[] = [];
    let next = 0;
    let killedAt = -1;
    let inFlightAtKill = 0;
    let inFlight = 0;
    const base = server.url;
    const victim = server;
    const worker = async () => {
      for (;;) {
        if (killedAt >= 0) return;
        const i = next++;
        inFlight++;
        try {
          if (i % 4 === 3) {
            // A profile version: two rows (profiles, profile_history) in one transaction.
            const res = await post(base, '/profile', profileOf(i), accessToken, 'PUT');
            if (res.status !== 200 && res.status !== 201)
              throw new Error(`profile ${i}: ${res.status} ${await res.text()}`);
            ackedVersions.push(((await res.json()) as { version: number }).version);
          } else {
            const res = await post(
              base,
              '/progress/entries',
              { date: dateOf(i), weight: { value: kgOf(i), unit: 'kg' }, intakeKcal: 1500 + i },
              accessToken,
            );
            if (res.status !== 201) throw new Error(`write ${i}: ${res.status} ${await res.text()}`);
            acked.push(i);
          }
          if (acked.length + ackedVersions.length >= ACKS_BEFORE_KILL && killedAt < 0) {
            killedAt = acked.length + ackedVersions.length;
            inFlightAtKill = inFlight - 1;
            victim.child.kill('SIGKILL');
          }
        } catch (e) {
          if (killedAt < 0) throw e; // a failure before the kill is a real error
          return; // cut off by the kill: never acknowledged
        } finally {
          inFlight--;
        }
      }
    };
    const t2 = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const burst = performance.now() - t2;
    expect(await server.exited).toBe('SIGKILL');
    // Answers that raced the kill are acknowledged too.
    expect(acked.length + ackedVersions.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const t1 = performance.now();
    server = await startServer({ dataDir, databaseUrl });
    const restarted = performance.now() - t1;
    const login = await post(server.url, '/auth/login', creds);
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const res = await fetch(`${server.url}/progress`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const p = (await res.json()) as {
      entries: number;
      trend: { points: { date: string; observedKg?: number }[] };
    };
    const kept = new Map(p.trend.points.map((x) => [x.date, x.observedKg]));
    const lost = acked.filter((i) => kept.get(dateOf(i)) !== kgOf(i));
    expect(lost, `acknowledged writes missing after the restart: ${lost.map(dateOf).join(', ')}`).toEqual([]);
    expect(p.entries).toBeGreaterThanOrEqual(acked.length);
    expect(p.entries).toBeLessThanOrEqual(next - Math.floor(next / 4)); // nothing invented
    // Profile versions: at least the last acknowledged one, and the history whole (1..v, each
    // transaction's two rows together) with the current document equal to its history entry.
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const prof = (await (await fetch(`${server.url}/profile`, auth)).json()) as {
      version: number;
      profile: { weight: { value: number } };
    };
    expect(prof.version).toBeGreaterThanOrEqual(Math.max(...ackedVersions));
    const hist = (await (await fetch(`${server.url}/profile/history`, auth)).json()) as {
      versions: { version: number; profile: { weight: { value: number } } }[];
    };
    expect(hist.versions.map((v) => v.version)).toEqual(
      Array.from({ length: prof.version }, (_, k) => prof.version - k),
    );
    expect(hist.versions[0]!.profile.weight.value).toBe(prof.profile.weight.value);
    if (process.env['CRASH_REPORT'])
      console.info(
        JSON.stringify({
          storage: server.storage,
          setupMs: Math.round(tSetup),
          startMs: Math.round(started),
          restartMs: Math.round(restarted),
          burstMs: Math.round(burst),
          ackedEntries: acked.length,
          ackedProfileVersions: ackedVersions.length,
          profileVersionsAfter: prof.version,
          inFlightAtKill,
          entriesAfter: p.entries,
          lost: lost.length,
        }),
      );
  }, 120_000);
});
