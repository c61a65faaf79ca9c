/**
 * Charts as inline SVG strings (no library, no CDN: the report opens offline). Every chart is an
 * `<svg data-chart="…">` and every data mark carries `class="mark"`, which the browser test counts.
 */
import { quantileSorted } from './summarize';

export const PALETTE = [
  '#2563eb',
  '#ea580c',
  '#16a34a',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const n = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '0');

/** "Nice" tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

const label = (v: number) =>
  Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : `${Number(v.toPrecision(3))}`;

function frame(name: string, title: string, w: number, h: number, body: string): string {
  return `<figure><svg data-chart="${esc(name)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

/** Horizontal box plots (whiskers p5–p95, box q1–q3, median line) of one metric, one row per model. */
export function boxPlot(
  name: string,
  title: string,
  unit: string,
  series: readonly { label: string; values: readonly number[] }[],
): string {
  // Room for the longest row label (≈ 7 px a character at 12 px), so `models/x#fp32` is not cut.
  const left = Math.max(150, 16 + 7 * Math.max(0, ...series.map((s) => s.label.length)));
  const w = 410 + left;
  const rowH = 34;
  const right = 20;
  const h = 40 + rowH * series.length + 30;
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all, lo + 1e-9);
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (w - left - right);
  let body = '';
  for (const t of ticks(lo, hi))
    body += `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="30" y2="${h - 30}" stroke="#e5e7eb"/><text x="${n(x(t))}" y="${h - 14}" font-size="11" text-anchor="middle" fill="#555">${label(t)}</text>`;
  body += `<text x="${w - right}" y="${h - 2}" font-size="11" text-anchor="end" fill="#555">${esc(unit)}</text>`;
  series.forEach((s, i) => {
    const y = 40 + i * rowH;
    const v = [...s.values].sort((a, b) => a - b);
    const c = PALETTE[i % PALETTE.length];
    body += `<text x="${left - 8}" y="${y + 5}" font-size="12" text-anchor="end">${esc(s.label)}</text>`;
    if (v.length === 0) {
      body += `<text x="${left + 6}" y="${y + 4}" font-size="11" fill="#777">n/a</text>`;
      return;
    }
    const [p5, q1, med, q3, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantileSorted(v, q)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    body += `<line class="mark" x1="${n(x(p5))}" x2="${n(x(p95))}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"/>`;
    body += `<rect class="mark" x="${n(x(q1))}" y="${y - 10}" width="${n(Math.max(1.5, x(q3) - x(q1)))}" height="20" fill="${c}" fill-opacity="0.35" stroke="${c}"/>`;
    body += `<line class="mark" x1="${n(x(med))}" x2="${n(x(med))}" y1="${y - 10}" y2="${y + 10}" stroke="#111" stroke-width="2"/>`;
  });
  return frame(name, title, w, h, body);
}

/** Grouped vertical bars: one group per category, one bar per series. */
export function groupedBars(
  name: string,
  title: string,
  unit: string,
  categories: readonly string[],
  series: readonly { label: string; values: readonly (number | null)[] }[],
  max?: number,
): string {
  // Room on the right for the last rotated category label.
  const w = Math.max(560, 70 + categories.length * (series.length * 14 + 16)) + 60;
  const h = 300;
  const left = 50;
  const bottom = 90;
  const top = 20;
  const vals = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const hi = max ?? Math.max(1e-9, ...vals);
  const y = (v: number) => top + (1 - v / hi) * (h - top - bottom);
  const groupW = (w - left - 70) / Math.max(1, categories.length);
  const barW = Math.max(4, Math.min(18, (groupW - 10) / Math.max(1, series.length)));
  let body = '';
  for (const t of ticks(0, hi))
    body += `<line x1="${left}" x2="${w - 10}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="#e5e7eb"/><text x="${left - 6}" y="${n(y(t) + 4)}" font-size="11" text-anchor="end" fill="#555">${label(t)}</text>`;
  body += `<text x="4" y="12" font-size="11" fill="#555">${esc(unit)}</text>`;
  categories.forEach((cat, ci) => {
    const gx = left + ci * groupW + 5;
    series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || v === undefined) return;
      body += `<rect class="mark" x="${n(gx + si * barW)}" y="${n(y(v))}" width="${n(barW - 2)}" height="${n(y(0) - y(v))}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(`${s.label} · ${cat}: ${label(v)}`)}</title></rect>`;
    });
    body += `<text transform="translate(${n(gx + (series.length * barW) / 2)},${h - bottom + 12}) rotate(40)" font-size="11" fill="#333">${esc(cat)}</text>`;
  });
  return frame(name, title, w, h, body);
}

/** A scatter of one point per model, labelled; `log` x for latency and size. Points with x = null sit on a separate "n/a" tick at the left. */
export function scatter(
  name: string,
  title: string,
  xUnit: string,
  yUnit: string,
  points: readonly { label: string; x: number | null; y: number; color: string }[],
  logX = true,
): string {
  const w = 560;
  const h = 320;
  const left = 90;
  const bottom = 40;
  const top = 20;
  const xs = points.map((p) => p.x).filter((v): v is number => v !== null && v > 0);
  const tx = (v: number) => (logX ? Math.log10(v) : v);
  const lo = xs.length ? tx(Math.min(...xs)) - 0.3 : 0;
  const hi = xs.length ? tx(Math.max(...xs)) + 0.3 : 1;
  const x = (v: number | null) =>
    v === null || v <= 0 ? left - 45 : left + ((tx(v) - lo) / (hi - lo || 1)) * (w - left - 40);
  const ys = points.map((p) => p.y);
  const ylo = Math.max(0, Math.min(...ys) - 10);
  const yhi = Math.min(100, Math.max(...ys) + 5);
  const y = (v: number) => top + (1 - (v - ylo) / (yhi - ylo || 1)) * (h - top - bottom);
  let body = '';
  for (const t of ticks(ylo, yhi))
    body += `<line x1="${left}" x2="${w - 20}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="#e5e7eb"/><text x="${left - 50}" y="${n(y(t) + 4)}" font-size="11" text-anchor="end" fill="#555">${label(t)}</text>`;
  // Log ticks at 1, 2, 5 × 10^e when the range spans under two decades, else at powers of ten.
  const mantissas = logX && hi - lo < 2 ? [1, 2, 5] : [1];
  if (xs.length)
    for (let e = Math.floor(lo); e <= hi; e++)
      for (const mm of mantissas) {
        const v = mm * 10 ** e;
        if (tx(v) < lo || tx(v) > hi) continue;
        body += `<line x1="${n(x(v))}" x2="${n(x(v))}" y1="${top}" y2="${h - bottom}" stroke="#e5e7eb"/><text x="${n(x(v))}" y="${h - bottom + 16}" font-size="11" text-anchor="middle" fill="#555">${label(Number(v.toPrecision(3)))}</text>`;
      }
  if (points.some((p) => p.x === null))
    body += `<text x="${left - 45}" y="${h - bottom + 16}" font-size="11" text-anchor="middle" fill="#555">n/a</text>`;
  body += `<text x="${w - 20}" y="${h - 4}" font-size="11" text-anchor="end" fill="#555">${esc(xUnit)}${logX ? ' (log)' : ''}</text><text x="4" y="12" font-size="11" fill="#555">${esc(yUnit)}</text>`;
  // Labels: right of the point (left of it near the right edge), moved down or up until they
  // overlap no label already placed (approximate text width 6 px a character).
  const placed: { x0: number; x1: number; y: number }[] = [];
  for (const p of points) {
    const cx = x(p.x);
    const cy = y(p.y);
    body += `<circle class="mark" cx="${n(cx)}" cy="${n(cy)}" r="7" fill="${p.color}" fill-opacity="0.85"><title>${esc(`${p.label}: ${p.x === null ? 'n/a' : label(p.x)} ${xUnit}, ${p.y.toFixed(1)}`)}</title></circle>`;
    const width = p.label.length * 6;
    const right = cx + 10 + width <= w - 4;
    const x0 = right ? cx + 10 : cx - 10 - width;
    const ly =
      [-9, 20, -23, 34, -37, 48]
        .map((dy) => cy + dy)
        .find((ty) => !placed.some((q) => q.x0 < x0 + width && x0 < q.x1 && Math.abs(q.y - ty) < 13)) ??
      cy - 9;
    placed.push({ x0, x1: x0 + width, y: ly });
    body += `<text x="${n(right ? x0 : cx - 10)}" y="${n(ly)}" font-size="11" fill="#111"${right ? '' : ' text-anchor="end"'}>${esc(p.label)}</text>`;
  }
  return frame(name, title, w, h, body);
}
