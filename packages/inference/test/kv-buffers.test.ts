/**
 * The loop's cache buffers keep rows: `rowsOnly` must give exactly the kept rows' positions, in
 * the buffer's layout. The expected tensors are written out by hand from the layouts' definitions
 * (`[rows, heads, length, headDim]` and time-major `[length, rows, heads, headDim]`), with every
 * value naming its row, head, position and element. The shared-prefix pair (`positionTiled`,
 * `joinedWith`) is checked the same way.
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

  it("TimeMajorKvBuffer: one position repeated for every row, and the shared positions joined back before each row's own", () => {
    // A one-row prompt cache of LEN positions (row 0), as the loop holds it before tile().
    const prompt = new TimeMajorKvBuffer(1, HEADS, DIM, 'float32', Float32Array, 2);
    prompt.appendBatchMajor(0, delta([0], 0, LEN));
    const last = prompt.positionTiled(3, LEN - 1);
    const want: number[] = [];
    for (let r = 0; r < 3; r++)
      for (let h = 0; h < HEADS; h++) for (let e = 0; e < DIM; e++) want.push(v(0, h, LEN - 1, e));
    expect(last.view(1).dims).toEqual([1, 3, HEADS, DIM]);
    expect([...(last.view(1).data as Float32Array)]).toEqual(want);
    // Each row then writes a position of its own (row r's values name row r + 1).
    last.appendBatchMajor(1, delta([1, 2, 3], LEN, 1));
    const whole = prompt.joinedWith(LEN - 1, last, 2);
    const joined: number[] = [];
    for (let t = 0; t < LEN - 1; t++)
      for (let r = 0; r < 3; r++)
        for (let h = 0; h < HEADS; h++) for (let e = 0; e < DIM; e++) joined.push(v(0, h, t, e));
    joined.push(...want);
    for (const r of [1, 2, 3])
      for (let h = 0; h < HEADS; h++) for (let e = 0; e < DIM; e++) joined.push(v(r, h, LEN, e));
    expect(whole.view(LEN + 1).dims).toEqual([LEN + 1, 3, HEADS, DIM]);
    expect([...(whole.view(LEN + 1).data as Float32Array)]).toEqual(joined);
  });
});
