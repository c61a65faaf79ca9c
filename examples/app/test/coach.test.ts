/**
 * The coach role: a coach sees only the clients who granted access (list, profile, plans,
 * progress, feedback — reads only), and loses them the moment a grant is revoked. The expected
 * sets are the grants each case makes by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness, PROFILE, type Tokens } from './_harness';

let h: Harness;
let cara: Tokens;
let dan: Tokens;
let eve: Tokens;
let coach: Tokens;
let other: Tokens;
let caraPlanId: number;

const get = (t: Tokens, path: string) => h.call('GET', path, { token: t.accessToken });

beforeAll(async () => {
  h = await openHarness();
  [cara, dan, eve, coach, other] = await Promise.all([
    h.signUp('cara'),
    h.signUp('dan'),
    h.signUp('eve'),
    h.signUp('coach', 'coach'),
    h.signUp('other-coach', 'coach'),
  ]);
  await h.call('PUT', '/profile', { token: cara.accessToken, body: PROFILE });
  const plan = await h.call('POST', '/plans?days=1&weeks=1&seed=3', { token: cara.accessToken });
  expect(plan.status).toBe(201);
  caraPlanId = ((await plan.json()) as { id: number }).id;
  for (const [i, kg] of [78, 77.8].entries()) {
    const res = await h.call('POST', '/progress/entries', {
      token: cara.accessToken,
      body: { date: `2026-03-0${i + 1}`, weight: { value: kg, unit: 'kg' } },
    });
    expect(res.status).toBe(201);
  }
  await h.call('POST', '/feedback', {
    token: cara.accessToken,
    body: { planId: caraPlanId, day: 0, meal: 0, rating: 4 },
  });
  // Cara and Dan grant the coach; Eve grants the other coach only.
  for (const [t, to] of [
    [cara, 'coach'],
    [dan, 'coach'],
    [eve, 'other-coach'],
  ] as const) {
    const res = await h.call('POST', '/auth/grants', {
      token: t.accessToken,
      body: { coachEmail: h.email(to) },
    });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('coach role', () => {
  it('lists exactly the clients who granted access, with their latest plan and log', async () => {
    const res = await get(coach, '/coach/clients');
    expect(res.status).toBe(200);
    const { clients } = (await res.json()) as {
      clients: {
        userId: number;
        email: string;
        profileVersion: number | null;
        latestPlan: { id: number; version: number } | null;
        progressEntries: number;
        lastEntryDate: string | null;
      }[];
    };
    expect(clients.map((c) => c.userId)).toEqual([cara.userId, dan.userId]);
    expect(clients[0]).toMatchObject({
      email: h.email('cara'),
      profileVersion: 1,
      latestPlan: { id: caraPlanId, version: 1 },
      progressEntries: 2,
      lastEntryDate: '2026-03-02',
    });
    expect(clients[1]).toMatchObject({ profileVersion: null, latestPlan: null, progressEntries: 0 });
    const others = (await (await get(other, '/coach/clients')).json()) as { clients: { userId: number }[] };
    expect(others.clients.map((c) => c.userId)).toEqual([eve.userId]);
    // A user has no clients.
    expect((await get(cara, '/coach/clients')).status).toBe(403);
  });

  it("reads a granted client's plans, progress and feedback, never an ungranted one's, never writes", async () => {
    for (const path of ['/profile', '/plans', `/plans/${caraPlanId}`, '/progress', '/feedback']) {
      const sep = path.includes('?') ? '&' : '?';
      const url = path.startsWith('/plans/') ? path : `${path}${sep}user=${cara.userId}`;
      expect((await get(coach, url)).status, url).toBe(200);
    }
    const plans = (await (await get(coach, `/plans?user=${cara.userId}`)).json()) as {
      plans: { id: number }[];
    };
    expect(plans.plans.map((p) => p.id)).toEqual([caraPlanId]);
    const progress = (await (await get(coach, `/progress?user=${cara.userId}`)).json()) as {
      entries: number;
    };
    expect(progress.entries).toBe(2);
    const fb = (await (await get(coach, `/feedback?user=${cara.userId}`)).json()) as {
      feedback: { rating: number }[];
    };
    expect(fb.feedback.map((f) => f.rating)).toEqual([4]);
    // Eve granted the other coach only.
    for (const path of ['/profile', '/plans', '/progress', '/feedback'])
      expect((await get(coach, `${path}?user=${eve.userId}`)).status, path).toBe(403);
    // Reads only: no writing a client's profile or progress, no plans or feedback in their name.
    expect(
      (await h.call('PUT', `/profile?user=${cara.userId}`, { token: coach.accessToken, body: PROFILE }))
        .status,
    ).toBe(403);
    expect(
      (
        await h.call('POST', '/feedback', {
          token: coach.accessToken,
          body: { planId: caraPlanId, day: 0, meal: 0, rating: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('a client lists and revokes a grant; the coach is refused at once', async () => {
    const grants = (await (await get(cara, '/auth/grants')).json()) as {
      grants: { coachId: number; coachEmail: string }[];
    };
    expect(grants.grants).toEqual([
      expect.objectContaining({ coachId: coach.userId, coachEmail: h.email('coach') }),
    ]);
    const del = await h.call('DELETE', `/auth/grants/${coach.userId}`, { token: cara.accessToken });
    expect(del.status).toBe(204);
    for (const path of ['/profile', '/plans', '/progress', '/feedback'])
      expect((await get(coach, `${path}?user=${cara.userId}`)).status, path).toBe(403);
    expect((await get(coach, `/plans/${caraPlanId}`)).status).toBe(404);
    const after = (await (await get(coach, '/coach/clients')).json()) as { clients: { userId: number }[] };
    expect(after.clients.map((c) => c.userId)).toEqual([dan.userId]);
    // Revoking again, or a grant never made, or someone else's: 404, and Dan's grant stands.
    expect((await h.call('DELETE', `/auth/grants/${coach.userId}`, { token: cara.accessToken })).status).toBe(
      404,
    );
    expect((await h.call('DELETE', `/auth/grants/${other.userId}`, { token: dan.accessToken })).status).toBe(
      404,
    );
    expect((await h.call('DELETE', '/auth/grants/abc', { token: dan.accessToken })).status).toBe(404);
    expect((await h.call('DELETE', `/auth/grants/${coach.userId}`)).status).toBe(401);
    expect((await get(coach, `/profile?user=${dan.userId}`)).status).toBe(404); // granted; Dan has no profile yet
  });
});
