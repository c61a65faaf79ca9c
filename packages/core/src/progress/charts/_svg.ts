import { checkNumber, checkObject } from '../../_check';
import { NexFitraError } from '../../errors';

/** Options every chart takes. */
export interface ChartOptions {
  /** Pixels (200–2000; default 640 × 320). */
  readonly width?: number;
  readonly height?: number;
  /** Replaces the generated title (also read by screen readers). */
  readonly title?: string;
  /** Prefix of the ids of `<title>` and `<desc>`, unique per page when several charts are inlined. */
  readonly idPrefix?: string;
}

/** @internal Resolved chart frame. */
export interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly id: string;
  readonly title: string | undefined;
}

/** @internal Fixed number formatting (one decimal), so the same data always gives the same bytes. */
export const f = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** @internal Escapes text for XML. */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** @internal Reads the common options. */
export function frame(fn: string, options: unknown, idDefault: string): Frame {
  const o = checkObject(fn, 'options', options ?? {});
  const w =
    o['width'] === undefined
      ? 640
      : checkNumber(fn, ['options', 'width'], o['width'], { min: 200, max: 2000 });
  const h =
    o['height'] === undefined
      ? 320
      : checkNumber(fn, ['options', 'height'], o['height'], { min: 150, max: 2000 });
  for (const k of ['title', 'idPrefix'] as const) {
    if (
      o[k] !== undefined &&
      (typeof o[k] !== 'string' || (k === 'idPrefix' && !/^[A-Za-z][\w-]{0,40}$/.test(o[k] as string)))
    ) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['options', k],
        value: o[k],
        allowed: k === 'title' ? 'a string' : 'an id: a letter, then up to 40 letters, digits, _ or -',
      });
    }
  }
  return {
    w,
    h,
    left: 56,
    right: w - 16,
    top: 56,
    bottom: h - 30,
    id: (o['idPrefix'] as string | undefined) ?? idDefault,
    title: o['title'] as string | undefined,
  };
}

/** @internal "Nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ) covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): { lo: number; hi: number; values: number[] } {
  if (!(hi > lo)) {
    const pad = Math.max(Math.abs(lo) * 0.05, 1);
    return ticks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const values: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) values.push(Math.round(v / step) * step);
  return { lo: start, hi: end, values };
}

/** @internal Linear map from data to pixels. */
export const scale = (d0: number, d1: number, r0: number, r1: number) => (v: number) =>
  d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) * (r1 - r0)) / (d1 - d0);

/** @internal The outer svg with its accessible name and description. */
export function svg(fr: Frame, title: string, desc: string, body: string): string {
  const t = fr.title ?? title;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${fr.w} ${fr.h}" width="${fr.w}" height="${fr.h}" role="img" aria-labelledby="${fr.id}-title ${fr.id}-desc" font-family="system-ui, sans-serif" font-size="12">` +
    `<title id="${fr.id}-title">${esc(t)}</title><desc id="${fr.id}-desc">${esc(desc)}</desc>` +
    `<rect width="${fr.w}" height="${fr.h}" fill="#fff"/>` +
    `<text x="${fr.left}" y="22" font-size="14" font-weight="600" fill="#111">${esc(t)}</text>` +
    body +
    '</svg>'
  );
}

/** @internal Horizontal grid lines with value labels on the left, and a unit label. */
export function yAxis(fr: Frame, values: readonly number[], y: (v: number) => number, unit: string): string {
  const lines = values
    .map(
      (v) =>
        `<line x1="${fr.left}" x2="${fr.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#e5e5e5"/>` +
        `<text x="${fr.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" fill="#555">${esc(label(v))}</text>`,
    )
    .join('');
  const mid = (fr.top + fr.bottom) / 2;
  return `<g aria-hidden="true">${lines}<text transform="rotate(-90)" x="${f(-mid)}" y="14" text-anchor="middle" fill="#555">${esc(unit)}</text></g>`;
}

/** @internal Labels under the plot at the given x positions. */
export function xLabels(fr: Frame, labels: readonly { x: number; text: string }[]): string {
  // Labels near an edge of the canvas are anchored inward so that they never run off it.
  const anchor = (x: number) => (x < 36 ? 'start' : fr.w - x < 36 ? 'end' : 'middle');
  return `<g aria-hidden="true">${labels
    .map(
      (l) =>
        `<text x="${f(l.x)}" y="${fr.bottom + 18}" text-anchor="${anchor(l.x)}" fill="#555">${esc(l.text)}</text>`,
    )
    .join('')}<line x1="${fr.left}" x2="${fr.right}" y1="${fr.bottom}" y2="${fr.bottom}" stroke="#999"/></g>`;
}

/** @internal A tick value without float noise (0.30000000000000004 → "0.3"). */
const label = (v: number) => String(Math.round(v * 1000) / 1000);

/** @internal Evenly spaced picks of up to `n` indices from 0…len−1, always the first and last. */
export function spread(len: number, n: number): number[] {
  if (len <= n) return Array.from({ length: len }, (_, i) => i);
  const step = Math.ceil((len - 1) / (n - 1));
  const out: number[] = [];
  for (let i = 0; i < len; i += step) out.push(i);
  // The last index replaces the last pick when they would crowd each other.
  if (len - 1 - out[out.length - 1]! < step) out.pop();
  out.push(len - 1);
  return out;
}

/** @internal How many date labels fit across the plot (about 80 px each). */
export const labelCount = (fr: Frame) => Math.max(2, Math.floor((fr.right - fr.left) / 90));

/** @internal A legend row under the title: coloured marks and their names. */
export function legend(
  fr: Frame,
  items: readonly { mark: (x: number, y: number) => string; text: string }[],
): string {
  let x = fr.left;
  const parts = items.map((it) => {
    const part = `${it.mark(x, 40)}<text x="${x + 16}" y="44" fill="#333">${esc(it.text)}</text>`;
    x += 24 + 7 * it.text.length;
    return part;
  });
  return `<g aria-hidden="true">${parts.join('')}</g>`;
}

/** @internal "x,y x,y …" for a polyline. */
export const pts = (xs: readonly number[], ys: readonly number[]) =>
  xs.map((x, i) => `${f(x)},${f(ys[i]!)}`).join(' ');
