/**
 * Durability: the server (a child process) takes a burst of progress writes, is killed with
 * SIGKILL while requests are in flight, and is started again on the same storage — PGlite's
 * folder (PostgreSQL's WAL recovery inside the WebAssembly build), or the PostgreSQL server at
 * DATABASE_URL (a fresh schema). Every write answered 201 before the kill must be there with its
 * value after the restart; writes cut off may or may not be (the client never heard back).
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

async function post(base: string, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(base + path, {
    method: 'POST',
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
          const res = await post(
            base,
            '/progress/entries',
            { date: dateOf(i), weight: { value: kgOf(i), unit: 'kg' }, intakeKcal: 1500 + i },
            accessToken,
          );
          if (res.status !== 201) throw new Error(`write ${i}: ${res.status} ${await res.text()}`);
          acked.push(i);
          if (acked.length >= ACKS_BEFORE_KILL && killedAt < 0) {
            killedAt = acked.length;
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
    const ackedAtKill = acked.length; // answers that raced the kill are acknowledged too
    expect(ackedAtKill).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

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
    expect(p.entries).toBeLessThanOrEqual(next); // nothing invented
    if (process.env['CRASH_REPORT'])
      console.info(
        JSON.stringify({
          storage: server.storage,
          setupMs: Math.round(tSetup),
          startMs: Math.round(started),
          restartMs: Math.round(restarted),
          burstMs: Math.round(burst),
          acknowledged: acked.length,
          inFlightAtKill,
          stored: p.entries,
          lost: lost.length,
        }),
      );
  }, 120_000);
});
