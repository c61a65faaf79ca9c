import { checkNumber, checkObject } from '../../_check';
import { NexFitraError } from '../../errors';
import { MUSCLES, type MuscleT } from '../../schemas/vocab';
import {
  type ChartOptions,
  esc,
  f,
  frame,
  labelCount,
  legend,
  pts,
  scale,
  spread,
  svg,
  ticks,
  xLabels,
  yAxis,
} from './_svg';

const LINE = '#7b3fb5';
const PALETTE = ['#1f5fbf', '#e07b00', '#2e8b57', '#c0392b', '#7b3fb5', '#5f6b7a'];

/**
 * SVG chart of an estimated-1RM trend: one dot per session joined by a line.
 *
 * @param trend `e1rmTrend(days, exerciseId)` (its `exerciseId` and `points`)
 * @throws {NexFitraError} naming the field
 */
export function e1rmChart(
  trend: {
    readonly exerciseId: string;
    readonly points: readonly { readonly date: string; readonly e1rmKg: number }[];
  },
  options: ChartOptions = {},
): string {
  const fn = 'e1rmChart';
  const o = checkObject(fn, 'trend', trend);
  const id = o['exerciseId'];
  const ps = o['points'];
  if (typeof id !== 'string' || !Array.isArray(ps) || ps.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [typeof id !== 'string' ? 'exerciseId' : 'points'],
      value: typeof id !== 'string' ? id : ps,
      allowed: 'e1rmTrend(...) output with at least one point',
    });
  }
  const kg = ps.map((p, i) => {
    const q = checkObject(fn, `points.${i}`, p);
    if (typeof q['date'] !== 'string') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['points', i, 'date'],
        value: q['date'],
        allowed: 'a date string',
      });
    }
    return checkNumber(fn, ['points', i, 'e1rmKg'], q['e1rmKg'], { min: 0, max: 2000 });
  });
  const fr = frame(fn, options, 'nexfitra-e1rm');
  const t = ticks(Math.min(...kg), Math.max(...kg));
  // Sessions sit at their dates (gaps show as gaps); an unparsable date falls back to its order.
  const when = ps.map((p: { date: string }) => Date.parse(p.date));
  const at = when.every(Number.isFinite) ? when : kg.map((_, i) => i);
  const x = scale(at[0]!, at[at.length - 1]!, fr.left + 8, fr.right - 8);
  const y = scale(t.lo, t.hi, fr.bottom, fr.top);
  const xs = at.map(x);
  const dots = kg
    .map((v, i) => `<circle cx="${f(xs[i]!)}" cy="${f(y(v))}" r="3.5" fill="${LINE}"/>`)
    .join('');
  const best = Math.max(...kg);
  const desc = `Estimated one-rep max of ${id} over ${kg.length} session(s) from ${ps[0].date} to ${ps[ps.length - 1].date}: ${f(kg[0]!)} kg to ${f(kg[kg.length - 1]!)} kg, best ${f(best)} kg.`;
  const labels = spread(kg.length, labelCount(fr)).map((i) => ({
    x: xs[i]!,
    text: (ps[i] as { date: string }).date,
  }));
  return svg(
    fr,
    `Estimated 1RM: ${id}`,
    desc,
    yAxis(fr, t.values, y, 'kg') +
      xLabels(fr, labels) +
      `<polyline points="${pts(xs, kg.map(y))}" fill="none" stroke="${LINE}" stroke-width="2"/>` +
      dots,
  );
}

/**
 * SVG grouped bar chart of weekly hard sets per muscle: one group per week, one bar per muscle
 * (up to six; by default the six with the most sets overall), with a legend.
 *
 * @param weeks `weeklyHardSets(days, lookup)`
 * @throws {NexFitraError} naming the field
 */
export function weeklyVolumeChart(
  weeks: readonly { readonly weekStart: string; readonly sets: Readonly<Record<MuscleT, number>> }[],
  options: ChartOptions & { readonly muscles?: readonly MuscleT[] } = {},
): string {
  const fn = 'weeklyVolumeChart';
  if (!Array.isArray(weeks) || weeks.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['weeks'],
      value: weeks,
      allowed: 'weeklyHardSets(...) output with at least one week',
    });
  }
  const rows = weeks.map((w, i) => {
    const o = checkObject(fn, `weeks.${i}`, w);
    const sets = checkObject(fn, `weeks.${i}.sets`, o['sets']);
    if (typeof o['weekStart'] !== 'string') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['weeks', i, 'weekStart'],
        value: o['weekStart'],
        allowed: 'a date string',
      });
    }
    return {
      label: o['weekStart'],
      sets: Object.fromEntries(
        MUSCLES.map((m) => [
          m,
          sets[m] === undefined
            ? 0
            : checkNumber(fn, ['weeks', i, 'sets', m], sets[m], { min: 0, max: 1000 }),
        ]),
      ) as Record<MuscleT, number>,
    };
  });
  const fr = frame(fn, options, 'nexfitra-volume');
  const opt = (options ?? {}) as { muscles?: unknown };
  let muscles: MuscleT[];
  if (opt.muscles !== undefined) {
    if (
      !Array.isArray(opt.muscles) ||
      opt.muscles.length === 0 ||
      opt.muscles.length > 6 ||
      !opt.muscles.every((m) => (MUSCLES as readonly unknown[]).includes(m))
    ) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['options', 'muscles'],
        value: opt.muscles,
        allowed: '1–6 muscles of MUSCLES',
      });
    }
    muscles = opt.muscles as MuscleT[];
  } else {
    const total = (m: MuscleT) => rows.reduce((s, r) => s + r.sets[m], 0);
    muscles = [...MUSCLES]
      .filter((m) => total(m) > 0)
      .sort((a, b) => total(b) - total(a))
      .slice(0, 6);
    if (muscles.length === 0) muscles = ['chest'];
  }
  const max = Math.max(...rows.flatMap((r) => muscles.map((m) => r.sets[m])));
  const t = ticks(0, Math.max(max, 1));
  const y = scale(0, t.hi, fr.bottom, fr.top);
  const groupW = (fr.right - fr.left) / rows.length;
  const barW = Math.max(1, (groupW * 0.8) / muscles.length);
  const bars = rows
    .map((r, i) =>
      muscles
        .map((m, j) => {
          const x0 = fr.left + i * groupW + groupW * 0.1 + j * barW;
          const v = r.sets[m];
          return `<rect x="${f(x0)}" y="${f(y(v))}" width="${f(barW - 1)}" height="${f(fr.bottom - y(v))}" fill="${PALETTE[j]}"><title>${esc(`${m}, week of ${r.label}: ${v} sets`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  const key = legend(
    fr,
    muscles.map((m, j) => ({
      mark: (x: number, yy: number) =>
        `<rect x="${x}" y="${yy - 5}" width="10" height="10" fill="${PALETTE[j]}"/>`,
      text: m,
    })),
  );
  const labels = spread(rows.length, labelCount(fr)).map((i) => ({
    x: fr.left + (i + 0.5) * groupW,
    text: rows[i]!.label,
  }));
  const desc = `Weekly hard sets for ${muscles.join(', ')} over ${rows.length} week(s) from ${rows[0]!.label}: ${muscles.map((m) => `${m} ${rows.map((r) => r.sets[m]).join('/')}`).join('; ')}.`;
  return svg(
    fr,
    'Weekly hard sets per muscle',
    desc,
    yAxis(fr, t.values, y, 'sets') + xLabels(fr, labels) + bars + key,
  );
}
