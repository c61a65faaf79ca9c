import { NexFitraError } from '@nexfitra/core';
import type { DecoderConfig } from '../model/config';
import { type DecoderIo, KV_NAMES } from '../model/io';
import type { DecoderSession, HostTensor } from '../runtime/backend';

/** @internal What the loop needs from a loaded model. */
export interface _DecoderParts {
  readonly session: DecoderSession;
  readonly config: DecoderConfig;
  readonly io: DecoderIo;
}

const _ones = new Map<number, BigInt64Array>();
/** One shared all-ones mask per length cap: every call feeds a prefix view of it (no allocation). */
function onesUpTo(n: number): BigInt64Array {
  let a = _ones.get(n);
  if (a === undefined) {
    a = new BigInt64Array(n).fill(1n);
    _ones.set(n, a);
  }
  return a;
}

type KvArray = Float32Array | Uint16Array;
type KvArrayCtor = new (n: number) => KvArray;

/**
 * @internal One layer's key or value cache in the graph's layout `[batch, heads, length, headDim]`,
 * kept contiguous at the start of a buffer that grows by doubling. Appending `n` positions moves
 * each `(batch, head)` block up in place (no allocation) and writes the new positions after it.
 */
class KvBuffer {
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

  /** The first `length` positions as a tensor (a view: valid until the next append). */
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

  /** A copy with each row repeated `b` times (this buffer must have one row). */
  tiled(b: number, length: number): KvBuffer {
    const out = new KvBuffer(
      b,
      this.heads,
      this.headDim,
      this.#type,
      this.#data.constructor as KvArrayCtor,
      Math.max(length, 16) * 2,
    );
    const one = this.#data.subarray(0, this.heads * length * this.headDim);
    for (let i = 0; i < b; i++) out.#data.set(one, i * one.length);
    return out;
  }
}

/** Copies a batch-1 cache tensor `[1, h, t, d]` into `[b, h, t, d]`. */
function tileTensor(t: HostTensor, b: number): HostTensor {
  const src = t.data as Float32Array;
  const out = new Float32Array(src.length * b);
  for (let i = 0; i < b; i++) out.set(src, i * src.length);
  return { type: t.type, data: out, dims: [b, ...t.dims.slice(1)] };
}

/**
 * @internal A decoder with its KV cache over `rows` sequences of equal length (1 until
 * {@link _KvDecoder.tile}): `feedRows(ids)` runs the model once over the same number of new ids
 * per row (after everything fed before) and returns each row's last-position logits.
 *
 * Where the session exposes KV deltas (`DecoderSession.kvDeltas`, the onnxruntime adapters add
 * them at load), each run fetches only the logits and the positions it adds, and the cache lives
 * in buffers owned here (appended in place); where it also has a decode graph
 * (`DecoderSession.lastLogits`), runs fetch the last position's logits only, and the graph reads
 * the past without copying it. Otherwise the previous run's `present.*` outputs are
 * fed back as `past_key_values.*` (the runtime copies the whole cache out on every run).
 */
export class _KvDecoder {
  #past: HostTensor[] = [];
  #buffers: KvBuffer[] | undefined;
  #length = 0;
  #rows = 1;
  readonly #parts: _DecoderParts;
  /** The logits output (`logits`, or the session's last-position one) and the delta outputs (each once); undefined: no deltas. */
  readonly #fetches: readonly string[] | undefined;
  /** The delta output of each past input, in feed order. */
  readonly #deltaOf: readonly string[] = [];
  steps = 0;

  constructor(parts: _DecoderParts) {
    this.#parts = parts;
    const { kvHeads, headDim, layers } = parts.config;
    const deltas = parts.session.kvDeltas;
    const presents: string[] = [];
    for (let l = 0; l < layers; l++) presents.push(KV_NAMES.presentKey(l), KV_NAMES.presentValue(l));
    if (deltas !== undefined && presents.every((p) => deltas[p] !== undefined)) {
      this.#deltaOf = presents.map((p) => deltas[p]!);
      this.#fetches = [parts.session.lastLogits ?? 'logits', ...new Set(this.#deltaOf)];
      this.#buffers = presents.map(() => new KvBuffer(1, kvHeads, headDim, 'float32', Float32Array, 64));
    } else {
      this.#fetches = undefined;
      const empty = (): HostTensor => ({
        type: 'float32',
        data: new Float32Array(0),
        dims: [1, kvHeads, 0, headDim],
      });
      for (let l = 0; l < 2 * layers; l++) this.#past.push(empty());
    }
  }

  /** Tokens in the cache (per row). */
  get length(): number {
    return this.#length;
  }

  /** Whether runs fetch KV deltas instead of the whole cache. */
  get usesDeltas(): boolean {
    return this.#fetches !== undefined;
  }

  /** Batch-1 convenience: the last position's logits after `ids`. */
  async feed(ids: readonly number[]): Promise<Float32Array> {
    return (await this.feedRows([ids]))[0]!;
  }

  /** Repeats the one row's cache `b` times: the rows then continue the same prefix separately. */
  tile(b: number): void {
    if (this.#rows !== 1) throw new Error('_KvDecoder.tile: the cache already has several rows');
    if (this.#buffers) this.#buffers = this.#buffers.map((x) => x.tiled(b, this.#length));
    else {
      const old = this.#past;
      this.#past = old.map((t) => tileTensor(t, b));
      for (const t of old) t.dispose?.();
    }
    this.#rows = b;
  }

  async feedRows(rows: readonly (readonly number[])[]): Promise<Float32Array[]> {
    const { session, config, io } = this.#parts;
    const b = rows.length;
    const n = rows[0]?.length ?? 0;
    const total = this.#length + n;
    if (b !== this.#rows) throw new Error(`_KvDecoder.feedRows: ${b} rows for a cache of ${this.#rows}`);
    if (n === 0 || total > config.maxPositions) {
      throw new NexFitraError({
        code: 'OUT_OF_RANGE',
        fn: 'generate',
        path: ['tokens'],
        value: total,
        allowed: `1 to ${config.maxPositions} tokens in all (the model's max positions)`,
      });
    }
    const ids = new BigInt64Array(b * n);
    for (let i = 0; i < b; i++) {
      const r = rows[i]!;
      for (let j = 0; j < n; j++) ids[i * n + j] = BigInt(r[j]!);
    }
    const feeds: Record<string, HostTensor> = { input_ids: { type: 'int64', data: ids, dims: [b, n] } };
    if (io.attentionMask)
      feeds['attention_mask'] = {
        type: 'int64',
        data: onesUpTo(b * config.maxPositions).subarray(0, b * total),
        dims: [b, total],
      };
    if (io.positionIds) {
      const pos = new BigInt64Array(b * n);
      for (let i = 0; i < b; i++) for (let j = 0; j < n; j++) pos[i * n + j] = BigInt(this.#length + j);
      feeds['position_ids'] = { type: 'int64', data: pos, dims: [b, n] };
    }
    if (io.useCacheBranch)
      feeds['use_cache_branch'] = { type: 'bool', data: Uint8Array.of(this.#length > 0 ? 1 : 0), dims: [1] };
    const buffers = this.#buffers;
    for (let l = 0; l < config.layers; l++) {
      feeds[KV_NAMES.pastKey(l)] = buffers ? buffers[2 * l]!.view(this.#length) : this.#past[2 * l]!;
      feeds[KV_NAMES.pastValue(l)] = buffers
        ? buffers[2 * l + 1]!.view(this.#length)
        : this.#past[2 * l + 1]!;
    }
    const fetches = this.#fetches;
    const out = fetches ? await session.run(feeds, fetches) : await session.run(feeds);
    this.steps++;
    if (buffers && fetches) {
      for (let k = 0; k < buffers.length; k++) buffers[k]!.append(this.#length, out[this.#deltaOf[k]!]!);
      for (let k = 1; k < fetches.length; k++) out[fetches[k]!]!.dispose?.();
    } else {
      for (const t of this.#past) t.dispose?.();
      for (let l = 0; l < config.layers; l++) {
        this.#past[2 * l] = out[KV_NAMES.presentKey(l)]!;
        this.#past[2 * l + 1] = out[KV_NAMES.presentValue(l)]!;
      }
    }
    this.#length = total;
    const logits = out[fetches ? fetches[0]! : 'logits']!;
    const V = logits.dims[logits.dims.length - 1]!;
    const data = logits.data as Float32Array;
    const per = data.length / b;
    // Copies, not views: a view would keep the whole output alive (a prefill's is [1, n, vocab]).
    const last = Array.from({ length: b }, (_, i) => data.slice((i + 1) * per - V, (i + 1) * per));
    logits.dispose?.();
    return last;
  }

  /** Frees the cache tensors; the decoder cannot be fed afterwards. */
  release(): void {
    for (const t of this.#past) t.dispose?.();
    this.#past = [];
    this.#buffers = undefined;
  }
}
