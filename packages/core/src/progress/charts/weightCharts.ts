import { checkNumber, checkObject } from '../../_check';
import { NexFitraError } from '../../errors';
import {
  type ChartOptions,
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

const TREND = '#1f5fbf';
const RAW = '#777';
const OUTLIER = '#c0392b';

/** What {@link weightTrendChart} draws: `trendWeight(...).points`, or the same shape. */
export interface WeightChartPoint {
  readonly date: string;
  readonly trendKg: number;
  readonly trendSdKg?: number;
  readonly rateKgPerWeek?: number;
  readonly observedKg?: number;
  readonly outlier?: boolean;
}

function readPoints<T>(fn: string, field: string, v: unknown, keys: readonly string[]): T[] {
  if (!Array.isArray(v) || v.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [field],
      value: v,
      allowed: 'a non-empty array of chart points',
    });
  }
  v.forEach((p, i) => {
    const o = checkObject(fn, `${field}.${i}`, p);
    for (const k of keys) {
      const key = k.replace('?', '');
      if (o[key] === undefined && k.endsWith('?')) continue;
      if (key === 'date') {
        if (typeof o[key] !== 'string') {
          throw new NexFitraError({
            code: 'INVALID_TYPE',
            fn,
            path: [field, i, key],
            value: o[key],
            allowed: 'a string',
          });
        }
      } else {
        checkNumber(fn, [field, i, key], o[key], { min: -1e6, max: 1e6 });
      }
    }
  });
  return v as T[];
}

/**
 * SVG line chart of trend weight against the raw weigh-ins: grey dots for weigh-ins, red
 * hollow circles for outliers (drawn, not hidden), the blue trend line and, when the points
 * carry `trendSdKg`, a shaded ±2 SD band. Self-contained SVG text: no browser, no fonts to load,
 * `role="img"` with `<title>` and a `<desc>` that states the numbers in words.
 *
 * @param points `trendWeight(days).points`
 * @throws {NexFitraError} naming the field
 * @example weightTrendChart(trendWeight(days).points).startsWith('<svg') // true
 */
export function weightTrendChart(points: readonly WeightChartPoint[], options: ChartOptions = {}): string {
  const fn = 'weightTrendChart';
  const ps = readPoints<WeightChartPoint>(fn, 'points', points, [
    'date',
    'trendKg',
    'trendSdKg?',
    'rateKgPerWeek?',
    'observedKg?',
  ]);
  const fr = frame(fn, options, 'nexfitra-weight');
  const all = ps.flatMap((p) => [
    p.trendKg - 2 * (p.trendSdKg ?? 0),
    p.trendKg + 2 * (p.trendSdKg ?? 0),
    ...(p.observedKg === undefined ? [] : [p.observedKg]),
  ]);
  const t = ticks(Math.min(...all), Math.max(...all));
  const x = scale(0, ps.length - 1, fr.left + 4, fr.right - 4);
  const y = scale(t.lo, t.hi, fr.bottom, fr.top);
  const xs = ps.map((_, i) => x(i));
  let band = '';
  if (ps.every((p) => p.trendSdKg !== undefined)) {
    const up = ps.map((p) => y(p.trendKg + 2 * p.trendSdKg!));
    const down = ps.map((p) => y(p.trendKg - 2 * p.trendSdKg!));
    band = `<polygon points="${pts(xs, up)} ${pts([...xs].reverse(), [...down].reverse())}" fill="${TREND}" fill-opacity="0.12" stroke="none"/>`;
  }
  const dots = ps
    .map((p, i) =>
      p.observedKg === undefined
        ? ''
        : p.outlier
          ? `<circle cx="${f(xs[i]!)}" cy="${f(y(p.observedKg))}" r="4" fill="none" stroke="${OUTLIER}" stroke-width="1.5"/>`
          : `<circle cx="${f(xs[i]!)}" cy="${f(y(p.observedKg))}" r="2.5" fill="${RAW}"/>`,
    )
    .join('');
  const line = `<polyline points="${pts(
    xs,
    ps.map((p) => y(p.trendKg)),
  )}" fill="none" stroke="${TREND}" stroke-width="2.5" stroke-linejoin="round"/>`;
  const first = ps[0]!;
  const last = ps[ps.length - 1]!;
  const weighIns = ps.filter((p) => p.observedKg !== undefined).length;
  const outliers = ps.filter((p) => p.outlier).length;
  const rate = last.rateKgPerWeek === undefined ? '' : ` Current rate ${f(last.rateKgPerWeek)} kg/week.`;
  const desc = `Trend weight from ${first.date} to ${last.date}: ${f(first.trendKg)} kg to ${f(last.trendKg)} kg.${rate} ${weighIns} weigh-ins shown as dots, ${outliers} outlier(s) as red circles.`;
  const key = legend(fr, [
    {
      mark: (x, y) =>
        `<line x1="${x}" x2="${x + 12}" y1="${y}" y2="${y}" stroke="${TREND}" stroke-width="2.5"/>`,
      text: 'trend',
    },
    { mark: (x, y) => `<circle cx="${x + 6}" cy="${y}" r="2.5" fill="${RAW}"/>`, text: 'weigh-in' },
    {
      mark: (x, y) => `<circle cx="${x + 6}" cy="${y}" r="4" fill="none" stroke="${OUTLIER}"/>`,
      text: 'outlier (not used)',
    },
  ]);
  const labels = spread(ps.length, labelCount(fr)).map((i) => ({ x: xs[i]!, text: ps[i]!.date }));
  return svg(
    fr,
    'Weight: trend vs weigh-ins',
    desc,
    yAxis(fr, t.values, y, 'kg') + xLabels(fr, labels) + band + dots + line + key,
  );
}

/** One day of a projection band (see `projectionBand`). */
export interface BandPoint {
  readonly day: number;
  readonly lowKg: number;
  readonly midKg: number;
  readonly highKg: number;
}

/**
 * SVG chart of a projected weight with its band: the shaded range between `lowKg` and `highKg`
 * and the central projection as a line, with weeks on the x axis.
 *
 * @param band `projectionBand(...)` (or any day-by-day low/mid/high series)
 * @throws {NexFitraError} naming the field
 */
export function projectionChart(band: readonly BandPoint[], options: ChartOptions = {}): string {
  const fn = 'projectionChart';
  const ps = readPoints<BandPoint>(fn, 'band', band, ['day', 'lowKg', 'midKg', 'highKg']);
  const fr = frame(fn, options, 'nexfitra-projection');
  const t = ticks(
    Math.min(...ps.map((p) => Math.min(p.lowKg, p.highKg))),
    Math.max(...ps.map((p) => Math.max(p.lowKg, p.highKg))),
  );
  const d0 = ps[0]!.day;
  const d1 = ps[ps.length - 1]!.day;
  const x = scale(d0, d1, fr.left + 4, fr.right - 4);
  const y = scale(t.lo, t.hi, fr.bottom, fr.top);
  const xs = ps.map((p) => x(p.day));
  const poly = `<polygon points="${pts(
    xs,
    ps.map((p) => y(p.highKg)),
  )} ${pts([...xs].reverse(), ps.map((p) => y(p.lowKg)).reverse())}" fill="${TREND}" fill-opacity="0.15" stroke="none"/>`;
  const line = `<polyline points="${pts(
    xs,
    ps.map((p) => y(p.midKg)),
  )}" fill="none" stroke="${TREND}" stroke-width="2.5"/>`;
  const weeks = ticks(d0 / 7, d1 / 7, 6).values.filter((w) => w * 7 >= d0 && w * 7 <= d1);
  const labels = weeks.map((w) => ({ x: x(w * 7), text: `week ${w}` }));
  const a = ps[0]!;
  const b = ps[ps.length - 1]!;
  const desc = `Projected weight over ${d1 - d0} days: ${f(a.midKg)} kg to ${f(b.midKg)} kg (range ${f(Math.min(b.lowKg, b.highKg))}–${f(Math.max(b.lowKg, b.highKg))} kg at the end).`;
  const key = legend(fr, [
    {
      mark: (x, y) =>
        `<line x1="${x}" x2="${x + 12}" y1="${y}" y2="${y}" stroke="${TREND}" stroke-width="2.5"/>`,
      text: 'projection',
    },
    {
      mark: (x, y) =>
        `<rect x="${x}" y="${y - 5}" width="12" height="10" fill="${TREND}" fill-opacity="0.15"/>`,
      text: 'range',
    },
  ]);
  return svg(
    fr,
    'Projected weight',
    desc,
    yAxis(fr, t.values, y, 'kg') + xLabels(fr, labels) + poly + line + key,
  );
}
