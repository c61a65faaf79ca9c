/**
 * Feedback: ratings of a meal or a session, a swap as a dislike, and the export in the
 * pipeline's bring-your-own-data format. The independent check of the export is the pipeline's
 * own reader (`readUserRows`) accepting every line; expected means are hand calculations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readUserRows } from '@nexfitra/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSwapFeedback } from '../src/routes/feedback';
import { type Harness, openHarness, PASSWORD, PROFILE, type Tokens } from './_harness';

let h: Harness;
let ann: Tokens;
let ben: Tokens;
let coach: Tokens;
let annPlan: { id: number; plan: { request: unknown; mealPlan: { days: { meals: unknown[] }[] } } };
let benPlanId: number;
const dir = mkdtempSync(join(tmpdir(), 'nexfitra-feedback-'));

async function planFor(t: Tokens, seed: number) {
  expect((await h.call('PUT', '/profile', { token: t.accessToken, body: PROFILE })).status).toBe(201);
  const res = await h.call('POST', `/plans?model=builtin:rules&days=2&weeks=2&seed=${seed}`, {
    token: t.accessToken,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as typeof annPlan;
}

const rate = (t: Tokens, body: unknown) => h.call('POST', '/feedback', { token: t.accessToken, body });

beforeAll(async () => {
  h = await openHarness();
  [ann, ben, coach] = await Promise.all([h.signUp('ann'), h.signUp('ben'), h.signUp('coach', 'coach')]);
  annPlan = await planFor(ann, 4);
  benPlanId = (await planFor(ben, 5)).id;
}, 120_000);
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feedback', () => {
  it('rates a meal and a session 1–5; rating a part again replaces the rating', async () => {
    const first = await rate(ann, { planId: annPlan.id, day: 0, meal: 1, rating: 4, comment: 'tasty' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ kind: 'meal', day: 0, meal: 1, rating: 4, comment: 'tasty' });
    // Metacharacters in free text are data: stored and returned verbatim (parameterised SQL).
    const sql = "too dry'); DROP TABLE feedback; --";
    expect((await rate(ann, { planId: annPlan.id, day: 0, meal: 1, rating: 2, comment: sql })).status).toBe(
      201,
    );
    expect((await rate(ann, { planId: annPlan.id, week: 1, session: 0, rating: 5 })).status).toBe(201);
    const list = (await (
      await h.call('GET', `/feedback?planId=${annPlan.id}`, { token: ann.accessToken })
    ).json()) as {
      feedback: { kind: string; rating: number; comment?: string; week?: number }[];
    };
    expect(list.feedback.map((f) => [f.kind, f.rating]).sort()).toEqual([
      ['meal', 2],
      ['session', 5],
    ]);
    expect(list.feedback.find((f) => f.kind === 'meal')!.comment).toBe(sql);
    expect(list.feedback.find((f) => f.kind === 'session')!.week).toBe(1);
  });

  it('refuses ratings off the scale, parts the plan lacks, and plans of others, storing nothing', async () => {
    const [{ n: before }] = (await h.db.query('SELECT count(*)::int AS n FROM feedback')) as [{ n: number }];
    const fieldOf = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { fields: { path: string; allowed: string }[] } }).error.fields;
    };
    for (const rating of [0, 6, 3.5, '4']) {
      const f = await fieldOf(await rate(ann, { planId: annPlan.id, day: 0, meal: 0, rating }));
      expect(f.map((x) => x.path)).toEqual(['rating']);
    }
    // The plan has 3 meals a day (mealsPerDay: 3) over 2 days.
    const meal = await fieldOf(await rate(ann, { planId: annPlan.id, day: 0, meal: 3, rating: 3 }));
    expect(meal).toEqual([{ path: 'meal', value: 3, allowed: 'a meal 0–2 of day 0' }]);
    const day = await fieldOf(await rate(ann, { planId: annPlan.id, day: 5, meal: 0, rating: 3 }));
    expect(day[0]!.path).toBe('day');
    const both = await fieldOf(
      await rate(ann, { planId: annPlan.id, day: 0, meal: 0, session: 0, rating: 3 }),
    );
    expect(both[0]!.path).toBe('session');
    const extra = await fieldOf(
      await rate(ann, { planId: annPlan.id, day: 0, meal: 0, rating: 3, __proto__x: 1 }),
    );
    expect(extra[0]!.path).toBe('__proto__x');
    const long = await fieldOf(
      await rate(ann, { planId: annPlan.id, day: 0, meal: 0, rating: 3, comment: 'x'.repeat(1001) }),
    );
    expect(long[0]!.path).toBe('comment');
    // Another's plan: 404, as for reading it (existence is not revealed).
    expect((await rate(ann, { planId: benPlanId, day: 0, meal: 0, rating: 1 })).status).toBe(404);
    expect((await h.call('GET', `/feedback?user=${ben.userId}`, { token: ann.accessToken })).status).toBe(
      403,
    );
    const [{ n: after }] = (await h.db.query('SELECT count(*)::int AS n FROM feedback')) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('counts a swap as a dislike (rating 1) of the part swapped, on the plan before the swap', async () => {
    await recordSwapFeedback(h.db, { userId: ann.userId, planId: annPlan.id, target: { day: 1, meal: 0 } });
    const list = (await (
      await h.call('GET', `/feedback?planId=${annPlan.id}`, { token: ann.accessToken })
    ).json()) as {
      feedback: { source: string; rating: number; day?: number; meal?: number }[];
    };
    expect(list.feedback.filter((f) => f.source === 'swap')).toEqual([
      expect.objectContaining({ source: 'swap', rating: 1, day: 1, meal: 0 }),
    ]);
    await expect(
      recordSwapFeedback(h.db, { userId: ben.userId, planId: annPlan.id, target: { day: 0, meal: 0 } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      recordSwapFeedback(h.db, { userId: ann.userId, planId: annPlan.id, target: { week: 9, session: 0 } }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('exports JSONL that the pipeline reads: coach for granted clients only, admin for all', async () => {
    expect((await rate(ben, { planId: benPlanId, week: 0, session: 1, rating: 3 })).status).toBe(201);
    const exportAs = async (t: Tokens) => {
      const res = await h.call('GET', '/export/feedback', { token: t.accessToken });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    expect((await exportAs(ann)).status).toBe(403);
    // No grant yet: nothing to export.
    expect(await exportAs(coach)).toMatchObject({ status: 200, text: '' });
    await h.call('POST', '/auth/grants', { token: ann.accessToken, body: { coachEmail: h.email('coach') } });
    const got = await exportAs(coach);
    expect(got.type).toContain('application/x-ndjson');
    const lines = got.text.trim().split('\n');
    expect(lines).toHaveLength(1); // Ann's plan only: Ben granted nothing
    const line = JSON.parse(lines[0]!) as {
      planId: number;
      rating: number;
      feedback: unknown[];
      request: unknown;
    };
    expect(line.planId).toBe(annPlan.id);
    // Hand calculation: the meal's latest rating 2, the session 5, the swap 1 → (2 + 5 + 1) / 3.
    expect(line.rating).toBeCloseTo(8 / 3, 3);
    expect(line.feedback).toHaveLength(3);
    expect(line.request).toEqual(annPlan.plan.request);
    expect(got.text).not.toContain(h.email('ann')); // the client is a keyed hash, not the email

    const file = join(dir, 'coach.jsonl');
    writeFileSync(file, got.text);
    const read = await readUserRows(file, { onBadRow: 'fail' });
    expect(read.bad).toEqual([]);
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0]!.rating).toBeCloseTo(8 / 3, 3);
    expect(read.rows[0]!.request).toBe(JSON.stringify(annPlan.plan.request));
    expect(read.rows[0]!.plan.split(' ').length).toBeGreaterThan(50); // the whole plan, in the plan language

    // An admin (given by `npm run admin`, which runs this UPDATE) exports everyone's.
    await h.db.query("UPDATE users SET role = 'admin' WHERE id = $1", [ben.userId]);
    const login = await h.call('POST', '/auth/login', {
      body: { email: h.email('ben'), password: PASSWORD },
    });
    const admin = (await login.json()) as Tokens & { role: string };
    expect(admin.role).toBe('admin');
    const all = await exportAs(admin);
    const both = join(dir, 'admin.jsonl');
    writeFileSync(both, all.text);
    const rows = (await readUserRows(both, { onBadRow: 'fail' })).rows;
    expect(rows.map((r) => r.rating)).toEqual([expect.closeTo(8 / 3, 3), 3]);
  });
});
