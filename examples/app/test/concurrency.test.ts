/**
 * Concurrent writes of one user. PGlite runs one transaction at a time; a PostgreSQL server runs
 * them side by side (READ COMMITTED), so a version counter read as `max(version) + 1` would hand
 * two requests the same number and one would fail on the unique key. Expected: every request
 * succeeds and the versions are exactly 1..n, each once (counting, not the code's output).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness, PROFILE } from './_harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(`concurrent writes of one user (${process.env['DATABASE_URL'] ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('numbers plans made at the same time 1..n, none lost', async () => {
    const a = await h.signUp('plans');
    expect((await h.call('PUT', '/profile', { token: a.accessToken, body: PROFILE })).status).toBe(201);
    const n = 5;
    const res = await Promise.all(
      range(n).map((i) => h.call('POST', `/plans?days=1&weeks=1&seed=${i}`, { token: a.accessToken })),
    );
    expect(res.map((r) => r.status)).toEqual(range(n).map(() => 201));
    const versions = await Promise.all(
      res.map(async (r) => ((await r.json()) as { version: number }).version),
    );
    expect(versions.sort((x, y) => x - y)).toEqual(range(n));
  });

  it('numbers profile versions written at the same time 1..n, with the whole history', async () => {
    const a = await h.signUp('profiles');
    const n = 6;
    const res = await Promise.all(
      range(n).map((i) =>
        h.call('PUT', '/profile', {
          token: a.accessToken,
          body: { ...PROFILE, profile: { ...PROFILE.profile, weight: { value: 70 + i, unit: 'kg' } } },
        }),
      ),
    );
    // The first to commit created it (201); the others replaced it (200).
    expect(res.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const hist = (await (await h.call('GET', '/profile/history', { token: a.accessToken })).json()) as {
      versions: { version: number }[];
    };
    expect(hist.versions.map((v) => v.version).sort((x, y) => x - y)).toEqual(range(n));
  });
});
