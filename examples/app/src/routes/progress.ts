/**
 * Progress: `PUT /progress/entries/:date`-style upsert by `POST /progress/entries` (core's
 * ProgressEntry: weight, intake, workouts; one entry per date, a later post replaces it) and
 * `GET /progress`: core's checked log (issues), Kalman trend weight, adaptive expenditure,
 * a Hall-model projection at the latest plan's energy target, e1RM trends, and SVG charts.
 * Each analysis that cannot run yet (too few weigh-ins …) is `null` with the reason, never a guess.
 */
import { isNexFitraError, type ProgressEntryT } from '@nexfitra/core';
import {
  adaptiveExpenditure,
  checkProgressLog,
  e1rmChart,
  e1rmTrend,
  projectionBand,
  projectionChart,
  trendWeight,
  weightTrendChart,
} from '@nexfitra/core/progress';
import { Hono } from 'hono';
import type { AppDeps, Env } from '../context';
import { resolveTarget } from '../http/auth';
import { readBody } from '../http/body';
import { EntryBody, type ProfileDocT } from '../schemas';
import { loadProfile } from './profiles';

const LB = 0.45359237;
const PROJECTION_DAYS = 84;

function attempt<T>(f: () => T): { value: T | null; reason?: string } {
  try {
    return { value: f() };
  } catch (e) {
    if (isNexFitraError(e)) return { value: null, reason: e.message };
    throw e;
  }
}

function body(doc: ProfileDocT) {
  const p = doc.profile;
  return {
    sex: p.sex,
    ageYears: p.age,
    heightCm: p.height.unit === 'cm' ? p.height.value : p.height.value * 2.54,
    weightKg: p.weight.unit === 'kg' ? p.weight.value : p.weight.value * LB,
    ...(p.bodyFatPercent === undefined ? {} : { bodyFatPercent: p.bodyFatPercent }),
    activityLevel: p.activityLevel,
  };
}

export function progressRoutes(deps: AppDeps): Hono<Env> {
  const r = new Hono<Env>();

  r.post('/entries', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), true);
    const entry = await readBody(c, EntryBody);
    await deps.db.query(
      'INSERT INTO progress_entries (user_id, date, entry) VALUES ($1, $2, $3) ON CONFLICT (user_id, date) DO UPDATE SET entry = $3',
      [userId, entry.date, JSON.stringify(entry)],
    );
    return c.json(entry, 201);
  });

  r.get('/', async (c) => {
    const userId = await resolveTarget(deps, c.get('user'), c.req.query('user'), false);
    const rows = await deps.db.query<{ entry: ProgressEntryT }>(
      'SELECT entry FROM progress_entries WHERE user_id = $1 ORDER BY date',
      [userId],
    );
    const entries = rows.map((x) => x.entry);
    const log = checkProgressLog(entries);
    const profile = await loadProfile(deps, userId);
    const [plan] = await deps.db.query<{ kcal: number }>(
      "SELECT (plan->'targets'->>'kcal')::float8 AS kcal FROM plans WHERE user_id = $1 ORDER BY version DESC LIMIT 1",
      [userId],
    );
    const hasWeight = log.days.some((d) => d.weightKg !== undefined);
    const trend = hasWeight
      ? attempt(() => trendWeight(log.days))
      : { value: null, reason: 'no weigh-ins yet' };
    const who = profile && body(profile.doc);
    const expenditure = who
      ? attempt(() => adaptiveExpenditure(log.days, who))
      : { value: null, reason: 'no profile yet' };
    const tdee = expenditure.value?.ok ? expenditure.value : undefined;
    const last = trend.value?.points.at(-1);
    const projection =
      who && plan && last
        ? attempt(() =>
            projectionBand(
              { ...who, weightKg: last.trendKg, ...(tdee ? { maintenanceKcal: tdee.tdeeKcal } : {}) },
              plan.kcal,
              PROJECTION_DAYS,
              // Without a measured expenditure the deficit is uncertain by about ±10 % of intake.
              tdee ? (tdee.ci95Kcal[1] - tdee.ci95Kcal[0]) / 2 : Math.round(plan.kcal * 0.1),
            ),
          )
        : {
            value: null,
            reason: !plan ? 'no plan yet (the projection uses its energy target)' : 'no trend yet',
          };
    const exerciseIds = [
      ...new Set(
        entries.flatMap((e) => (e.workouts ?? []).flatMap((w) => w.exercises.map((x) => x.exerciseId))),
      ),
    ];
    const strength = exerciseIds.map((id) => e1rmTrend(log.days, id)).filter((t) => t.points.length > 0);
    return c.json({
      entries: entries.length,
      issues: log.issues,
      trend: trend.value && { points: trend.value.points, outliers: trend.value.outliers },
      trendReason: trend.reason,
      expenditure: expenditure.value,
      expenditureReason: expenditure.reason,
      projection: projection.value && {
        intakeKcal: plan?.kcal,
        days: PROJECTION_DAYS,
        band: projection.value,
      },
      projectionReason: projection.reason,
      strength,
      charts: {
        weight: trend.value ? weightTrendChart(trend.value.points, { title: 'Trend weight (kg)' }) : null,
        projection: projection.value
          ? projectionChart(projection.value, {
              title: `Projected weight at ${Math.round(plan?.kcal ?? 0)} kcal/d`,
            })
          : null,
        strength: strength.map((t) => e1rmChart(t, { title: `${t.exerciseId}: estimated 1RM (kg)` })),
      },
    });
  });

  return r;
}
