import type { Rng } from '@nexfitra/core';

/** @internal One key of `table`, with probability proportional to its weight. */
export function weighted<K extends string | number>(rng: Rng, table: readonly (readonly [K, number])[]): K {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [k, w] of table) {
    u -= w;
    if (u < 0) return k;
  }
  return table[table.length - 1]![0];
}

/** @internal `count` distinct keys drawn one by one, each with probability ∝ weight among those left. */
export function weightedDistinct<K extends string>(
  rng: Rng,
  table: readonly (readonly [K, number])[],
  count: number,
): K[] {
  const left = table.slice();
  const out: K[] = [];
  while (out.length < count && left.length > 0) {
    const k = weighted(rng, left);
    out.push(k);
    left.splice(
      left.findIndex(([x]) => x === k),
      1,
    );
  }
  return out;
}

/** @internal Standard normal by Box–Muller (one of the pair). */
export function normal(rng: Rng, mean: number, sd: number): number {
  const u = 1 - rng.next(); // (0, 1], keeps log finite
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** @internal A normal draw redrawn (not clamped) until it falls in [min, max]. */
export function truncatedNormal(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  for (let i = 0; i < 100; i++) {
    const x = normal(rng, mean, sd);
    if (x >= min && x <= max) return x;
  }
  // 100 misses in a row is impossible for the bands used here (each holds > 50 % of the mass).
  return min + rng.next() * (max - min);
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
