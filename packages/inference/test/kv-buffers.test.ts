/**
 * The loop's cache buffers keep rows: `rowsOnly` must give exactly the kept rows' positions, in
 * the buffer's layout. The expected tensors are written out by hand from the layouts' definitions
 * (`[rows, heads, length, headDim]` and time-major `[length, rows, heads, headDim]`), with every
 * value naming its row, head, position and element.
 */
import { describe, expect, it } from 'vitest';
import { KvBuffer, TimeMajorKvBuffer } from '../src/generate/_kvBuffers';

const ROWS = 4;
const HEADS = 2;
const LEN = 3;
const DIM = 2;
/** Value of (row, head, position, element): each digit one index. */
const v = (r: number, h: number, t: number, e: number) => 1000 * r + 100 * h + 10 * t + e;

/** `[rows, heads, n, dim]` in the standard layout, as a graph's delta output. */
function delta(rows: readonly number[], t0: number, n: number) {
  const data: number[] = [];
  for (const r of rows)
    for (let h = 0; h < HEADS; h++)
      for (let t = t0; t < t0 + n; t++) for (let e = 0; e < DIM; e++) data.push(v(r, h, t, e));
  return { type: 'float32', data: Float32Array.from(data), dims: [rows.length, HEADS, n, DIM] };
}

describe('cache buffers keep rows', () => {
  const all = [0, 1, 2, 3];
  const keep = [0, 2, 3];

  it('KvBuffer: the kept rows in [rows, heads, length, dim], appends continue after them', () => {
    const b = new KvBuffer(ROWS, HEADS, DIM, 'float32', Float32Array, 2);
    b.append(0, delta(all, 0, 2));
    b.append(2, delta(all, 2, 1));
    const k = b.rowsOnly(keep, LEN);
    expect(k.view(LEN).dims).toEqual([3, HEADS, LEN, DIM]);
    expect([...(k.view(LEN).data as Float32Array)]).toEqual([...delta(keep, 0, LEN).data]);
    k.append(LEN, delta(keep, LEN, 1));
    expect([...(k.view(LEN + 1).data as Float32Array)]).toEqual([...delta(keep, 0, LEN + 1).data]);
  });

  it('TimeMajorKvBuffer: the kept rows in [length, rows, heads, dim] (runs of rows and single rows)', () => {
    const b = new TimeMajorKvBuffer(ROWS, HEADS, DIM, 'float32', Float32Array, 2);
    b.appendBatchMajor(0, delta(all, 0, LEN));
    for (const rows of [keep, [1], [0, 1, 2, 3]]) {
      const k = b.rowsOnly(rows, LEN);
      const want: number[] = [];
      for (let t = 0; t < LEN; t++)
        for (const r of rows)
          for (let h = 0; h < HEADS; h++) for (let e = 0; e < DIM; e++) want.push(v(r, h, t, e));
      expect(k.view(LEN).dims).toEqual([LEN, rows.length, HEADS, DIM]);
      expect([...(k.view(LEN).data as Float32Array)]).toEqual(want);
    }
  });
});
