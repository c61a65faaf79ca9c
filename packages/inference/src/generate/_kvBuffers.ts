import type { HostTensor } from '../runtime/backend';

/** @internal One layer's key or value cache kept by the loop (see `_KvDecoder`). */
export interface CacheBuffer {
  /** The first `length` positions as a tensor (a view: valid until the next append). */
  view(length: number): HostTensor;
  /** Appends a run's positions (the graph's delta output) after the first `length`. */
  append(length: number, delta: HostTensor): void;
  /** A copy with the one row repeated `b` times. */
  tiled(b: number, length: number): CacheBuffer;
  /** A copy with only the rows `keep` (indices in order), the first `length` positions. */
  rowsOnly(keep: readonly number[], length: number): CacheBuffer;
}

type KvArray = Float32Array | Uint16Array;

/**
 * Positions of room a copied buffer (`tiled`, `rowsOnly`) gets after its length before it first
 * grows: a batch of plan parts adds tens of positions, and a buffer twice the prompt (the old
 * rule) left the collector megabytes of unused cache a plan.
 */
const ROOM = 64;
type KvArrayCtor = new (n: number) => KvArray;

/**
 * @internal One layer's key or value cache in the graph's layout `[batch, heads, length, headDim]`,
 * kept contiguous at the start of a buffer that grows by doubling. Appending `n` positions moves
 * each `(batch, head)` block up in place (no allocation) and writes the new positions after it.
 */
export class KvBuffer implements CacheBuffer {
  #data: KvArray;
  #type: string;
  constructor(
    readonly rows: number,
    readonly heads: number,
    readonly headDim: number,
    type: string,
    ctor: KvArrayCtor,
    capacity: number,
  ) {
    this.#type = type;
    this.#data = new ctor(rows * heads * capacity * headDim);
  }

  view(length: number): HostTensor {
    const n = this.rows * this.heads * length * this.headDim;
    return {
      type: this.#type,
      data: this.#data.subarray(0, n),
      dims: [this.rows, this.heads, length, this.headDim],
    };
  }

  /** Appends `delta` (`[rows, heads, n, headDim]`) after the first `length` positions. */
  append(length: number, delta: HostTensor): void {
    const n = delta.dims[2]!;
    const d = this.headDim;
    const blocks = this.rows * this.heads;
    const src = delta.data as KvArray;
    if (length === 0 && src.constructor !== this.#data.constructor) {
      // The graph's cache type (float16 arrives as Uint16Array): first append sets it.
      this.#type = delta.type;
      this.#data = new (src.constructor as KvArrayCtor)(this.#data.length);
    }
    const need = blocks * (length + n) * d;
    if (need > this.#data.length) {
      const cap = Math.max(2 * (this.#data.length / (blocks * d)), length + n);
      const grown = new (this.#data.constructor as KvArrayCtor)(blocks * cap * d);
      grown.set(this.#data.subarray(0, blocks * length * d));
      this.#data = grown;
    }
    const a = this.#data;
    for (let k = blocks - 1; k >= 0; k--) {
      const to = k * (length + n) * d;
      if (k > 0) a.copyWithin(to, k * length * d, (k + 1) * length * d);
      a.set(src.subarray(k * n * d, (k + 1) * n * d), to + length * d);
    }
  }

  /** An empty buffer of this one's heads, type and array kind for `rows` rows, with room past `length`. */
  #emptyLike(rows: number, length: number): KvBuffer {
    return new KvBuffer(
      rows,
      this.heads,
      this.headDim,
      this.#type,
      this.#data.constructor as KvArrayCtor,
      length + ROOM,
    );
  }

  /** A copy with each row repeated `b` times (this buffer must have one row). */
  tiled(b: number, length: number): KvBuffer {
    const out = this.#emptyLike(b, length);
    const one = this.#data.subarray(0, this.heads * length * this.headDim);
    for (let i = 0; i < b; i++) out.#data.set(one, i * one.length);
    return out;
  }

  rowsOnly(keep: readonly number[], length: number): KvBuffer {
    const out = this.#emptyLike(keep.length, length);
    const row = this.heads * length * this.headDim;
    for (const [i, r] of keep.entries()) out.#data.set(this.#data.subarray(r * row, (r + 1) * row), i * row);
    return out;
  }
}

/**
 * @internal One layer's key or value cache time-major, `[length, rows, heads, headDim]`, as the
 * decode graph takes it (`runtime/_decodeGraph.ts`): appending a run's positions
 * (`[n, rows, heads, headDim]`) is one write at the end, nothing moves; the buffer grows by
 * doubling.
 */
export class TimeMajorKvBuffer implements CacheBuffer {
  #data: KvArray;
  #type: string;
  readonly #stride: number;
  constructor(
    readonly rows: number,
    readonly heads: number,
    readonly headDim: number,
    type: string,
    ctor: KvArrayCtor,
    capacity: number,
  ) {
    this.#type = type;
    this.#stride = rows * heads * headDim;
    this.#data = new ctor(this.#stride * capacity);
  }

  view(length: number): HostTensor {
    return {
      type: this.#type,
      data: this.#data.subarray(0, length * this.#stride),
      dims: [length, this.rows, this.heads, this.headDim],
    };
  }

  append(length: number, delta: HostTensor): void {
    const src = delta.data as KvArray;
    this.#reserve(length, src, src.length / this.#stride);
    this.#data.set(src, length * this.#stride);
  }

  /** Room for `n` more positions after `length`, in the element type of `src` (float16 arrives as Uint16Array). */
  #reserve(length: number, src: KvArray, n: number): void {
    if (length === 0 && src.constructor !== this.#data.constructor) {
      this.#type = src instanceof Uint16Array ? 'float16' : 'float32';
      this.#data = new (src.constructor as KvArrayCtor)(this.#data.length);
    }
    const at = length * this.#stride;
    const need = at + n * this.#stride;
    if (need > this.#data.length) {
      const grown = new (this.#data.constructor as KvArrayCtor)(Math.max(2 * this.#data.length, need));
      grown.set(this.#data.subarray(0, at));
      this.#data = grown;
    }
  }

  /**
   * Appends positions given in the standard layout `[rows, heads, n, headDim]` (the decode
   * graph's outputs), written time-major in place.
   */
  appendBatchMajor(length: number, delta: HostTensor): void {
    const [rows, heads, n, d] = delta.dims as [number, number, number, number];
    const src = delta.data as KvArray;
    this.#reserve(length, src, n);
    const a = this.#data;
    for (let r = 0; r < rows; r++)
      for (let h = 0; h < heads; h++)
        for (let p = 0; p < n; p++) {
          // An element loop: a head is a few dozen floats, and subarray() would allocate.
          const from = ((r * heads + h) * n + p) * d;
          const to = (((length + p) * rows + r) * heads + h) * d;
          for (let e = 0; e < d; e++) a[to + e] = src[from + e]!;
        }
  }

  /** An empty buffer of this one's heads, type and array kind for `rows` rows, with room past `length`. */
  #emptyLike(rows: number, length: number): TimeMajorKvBuffer {
    return new TimeMajorKvBuffer(
      rows,
      this.heads,
      this.headDim,
      this.#type,
      this.#data.constructor as KvArrayCtor,
      length + ROOM,
    );
  }

  /**
   * Positions `from` … `from + count − 1` of this one-row buffer written into `out` (of `out.rows`
   * rows) at its positions 0 … `count − 1`, the same for every row.
   */
  #repeatInto(out: TimeMajorKvBuffer, from: number, count: number): TimeMajorKvBuffer {
    const b = out.rows;
    const row = this.heads * this.headDim;
    for (let t = 0; t < count; t++) {
      const one = this.#data.subarray((from + t) * row, (from + t + 1) * row);
      for (let i = 0; i < b; i++) out.#data.set(one, (t * b + i) * row);
    }
    return out;
  }

  tiled(b: number, length: number): TimeMajorKvBuffer {
    return this.#repeatInto(this.#emptyLike(b, length), 0, length);
  }

  /** Position `at` of this one-row buffer repeated for `b` rows: a buffer of that one position. */
  positionTiled(b: number, at: number): TimeMajorKvBuffer {
    return this.#repeatInto(this.#emptyLike(b, 1), at, 1);
  }

  /**
   * Each row's whole cache: this one-row buffer's first `sharedLength` positions repeated for
   * every row of `rows`, then the first `rowsLength` positions of `rows`.
   */
  joinedWith(sharedLength: number, rows: TimeMajorKvBuffer, rowsLength: number): TimeMajorKvBuffer {
    const out = this.#repeatInto(this.#emptyLike(rows.rows, sharedLength + rowsLength), 0, sharedLength);
    const stride = rows.rows * this.heads * this.headDim;
    out.#data.set(rows.#data.subarray(0, rowsLength * stride), sharedLength * stride);
    return out;
  }

  rowsOnly(keep: readonly number[], length: number): TimeMajorKvBuffer {
    const b = keep.length;
    const out = this.#emptyLike(b, length);
    const row = this.heads * this.headDim;
    // Runs of consecutive kept rows, each copied as one block a position.
    const runs: [number, number, number][] = [];
    keep.forEach((r, i) => {
      const last = runs.at(-1);
      if (last !== undefined && last[0] + last[2] === r) last[2]++;
      else runs.push([r, i, 1]);
    });
    const a = this.#data;
    const o = out.#data;
    for (let t = 0; t < length; t++)
      for (const [r, i, n] of runs) {
        const from = (t * this.rows + r) * row;
        o.set(a.subarray(from, from + n * row), (t * b + i) * row);
      }
    return out;
  }
}
