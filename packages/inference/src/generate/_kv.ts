import { NexFitraError } from '@nexfitra/core';
import type { DecoderConfig } from '../model/config';
import { type DecoderIo, KV_NAMES } from '../model/io';
import type { DecoderSession, HostTensor } from '../runtime/backend';
import { type CacheBuffer, KvBuffer, TimeMajorKvBuffer } from './_kvBuffers';

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

/** Copies a batch-1 cache tensor `[1, h, t, d]` into `[b, h, t, d]`. */
function tileTensor(t: HostTensor, b: number): HostTensor {
  const src = t.data as Float32Array;
  const out = new Float32Array(src.length * b);
  for (let i = 0; i < b; i++) out.set(src, i * src.length);
  return { type: t.type, data: out, dims: [b, ...t.dims.slice(1)] };
}

/** Keeps rows `keep` of a whole-cache tensor `[b, h, t, d]`. */
function rowsOfTensor(t: HostTensor, keep: readonly number[]): HostTensor {
  const src = t.data as Float32Array;
  const per = src.length / t.dims[0]!;
  const out = new Float32Array(per * keep.length);
  for (const [i, r] of keep.entries()) out.set(src.subarray(r * per, (r + 1) * per), i * per);
  return { type: t.type, data: out, dims: [keep.length, ...t.dims.slice(1)] };
}

/**
 * @internal A decoder with its KV cache over `rows` sequences of equal length (1 until
 * {@link _KvDecoder.tile}): `feedRows(ids)` runs the model once over the same number of new ids
 * per row (after everything fed before) and returns each row's last-position logits.
 *
 * Where the session exposes KV deltas (`DecoderSession.kvDeltas`, the onnxruntime adapters add
 * them at load), each run fetches only the logits and the positions it adds, and the cache lives
 * in buffers owned here (appended in place). Where it has a decode graph
 * (`DecoderSession.decode`), the cache is kept time-major (appends move nothing), runs fetch the
 * last position's logits only, and the graph reads the past without copying it. Otherwise the previous run's `present.*` outputs are
 * fed back as `past_key_values.*` (the runtime copies the whole cache out on every run).
 */
export class _KvDecoder {
  #past: HostTensor[] = [];
  #buffers: CacheBuffer[] | undefined;
  /** The input each past tensor is fed as (the decode graph's time-major inputs, or the standard names). */
  readonly #pastFeeds: readonly string[];
  #length = 0;
  #rows = 1;
  readonly #parts: _DecoderParts;
  /** The logits output (`logits`, or the session's last-position one) and the delta outputs (each once); undefined: no deltas. */
  readonly #fetches: readonly string[] | undefined;
  /** The delta output of each past input, in feed order. */
  readonly #deltaOf: readonly string[] = [];
  /** Decode graph: the first run's fetches and delta outputs (standard layout, standard names). */
  readonly #first: { fetches: readonly string[]; deltaOf: readonly string[] } | undefined;
  /** Decode graph with a shared-prefix variant (`DecodeIo.shared`): its input for each past, in feed order. */
  readonly #sharedFeeds: readonly string[] | undefined;
  /**
   * After {@link tile} on such a graph: the one-row buffers whose first {@link #sharedLength}
   * positions every row shares (fed once a run); {@link #buffers} then hold each row's own
   * positions after them.
   */
  #shared: TimeMajorKvBuffer[] | undefined;
  #sharedLength = 0;
  steps = 0;

  constructor(parts: _DecoderParts) {
    this.#parts = parts;
    const { kvHeads, headDim, layers } = parts.config;
    const { decode, kvDeltas: deltas } = parts.session;
    const presents: string[] = [];
    const pasts: string[] = [];
    for (let l = 0; l < layers; l++) {
      presents.push(KV_NAMES.presentKey(l), KV_NAMES.presentValue(l));
      pasts.push(KV_NAMES.pastKey(l), KV_NAMES.pastValue(l));
    }
    this.#pastFeeds = pasts;
    this.#first = undefined;
    this.#sharedFeeds = undefined;
    if (
      decode !== undefined &&
      presents.every((p) => decode.deltas[p] !== undefined && decode.first[p] !== undefined) &&
      pasts.every((p) => decode.past[p] !== undefined)
    ) {
      this.#deltaOf = presents.map((p) => decode.deltas[p]!);
      this.#pastFeeds = pasts.map((p) => decode.past[p]!);
      const firstOf = presents.map((p) => decode.first[p]!);
      this.#first = { fetches: [decode.logits, ...new Set(firstOf)], deltaOf: firstOf };
      this.#fetches = [decode.logits, ...new Set(this.#deltaOf)];
      this.#buffers = presents.map(
        () => new TimeMajorKvBuffer(1, kvHeads, headDim, 'float32', Float32Array, 64),
      );
      const shared = decode.shared;
      if (shared !== undefined && pasts.every((p) => shared[p] !== undefined))
        this.#sharedFeeds = pasts.map((p) => shared[p]!);
    } else if (deltas !== undefined && presents.every((p) => deltas[p] !== undefined)) {
      this.#deltaOf = presents.map((p) => deltas[p]!);
      this.#fetches = ['logits', ...new Set(this.#deltaOf)];
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

  /**
   * Repeats the one row's cache `b` times: the rows then continue the same prefix separately.
   * With a shared-prefix graph (`DecodeIo.shared`) the prefix is not copied: all but its last
   * position stay one row, read once a run, and only the last is repeated (each row needs one
   * position of its own: the time-major graph cannot take an empty cache).
   */
  tile(b: number): void {
    if (this.#rows !== 1) throw new Error('_KvDecoder.tile: the cache already has several rows');
    if (this.#buffers && this.#sharedFeeds !== undefined && b > 1 && this.#length >= 2) {
      const one = this.#buffers as TimeMajorKvBuffer[];
      this.#shared = one;
      this.#sharedLength = this.#length - 1;
      this.#buffers = one.map((x) => x.positionTiled(b, this.#length - 1));
    } else if (this.#buffers) this.#buffers = this.#buffers.map((x) => x.tiled(b, this.#length));
    else {
      const old = this.#past;
      this.#past = old.map((t) => tileTensor(t, b));
      for (const t of old) t.dispose?.();
    }
    this.#rows = b;
  }

  /** Rows in the cache (1 until {@link tile}). */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Keeps only the cache rows `keep` (indices into the current rows, in order): rows that have
   * finished leave the batch, so later runs compute only the rows still decoding.
   */
  keepRows(keep: readonly number[]): void {
    if (keep.length === 0 || keep.some((r, i) => r >= this.#rows || (i > 0 && r <= keep[i - 1]!)))
      throw new Error(`_KvDecoder.keepRows: ${keep.join(',')} of ${this.#rows} rows`);
    if (keep.length === this.#rows) return;
    if (this.#buffers)
      this.#buffers = this.#buffers.map((x) => x.rowsOnly(keep, this.#length - this.#sharedLength));
    else {
      const old = this.#past;
      this.#past = old.map((t) => rowsOfTensor(t, keep));
      for (const t of old) t.dispose?.();
    }
    this.#rows = keep.length;
  }

  async feedRows(rows: readonly (readonly number[])[]): Promise<Float32Array[]> {
    const { data, offsets, vocab } = await this.feedRowsFlat(rows);
    const one = offsets.length * vocab === data.length;
    // Views where the output is one position a row (a fresh buffer of the run's, nothing else in
    // it); copies otherwise: a view would keep a prefill's whole `[1, n, vocab]` output alive.
    return offsets.map((o) => (one ? data.subarray(o, o + vocab) : data.slice(o, o + vocab)));
  }

  /**
   * {@link feedRows} without a view a row: the run's logits output and the offset of each row's
   * last-position logits in it (valid until the caller drops it; a prefill's holds every position).
   */
  async feedRowsFlat(
    rows: readonly (readonly number[])[],
  ): Promise<{ data: Float32Array; offsets: number[]; vocab: number }> {
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
    // Several new positions a row: the shared-prefix graph takes one, so each row gets its whole cache back.
    if (this.#shared !== undefined && n !== 1) {
      const shared = this.#shared;
      const own = this.#length - this.#sharedLength;
      this.#buffers = (this.#buffers as TimeMajorKvBuffer[]).map((x, k) =>
        shared[k]!.joinedWith(this.#sharedLength, x, own),
      );
      this.#shared = undefined;
      this.#sharedLength = 0;
    }
    /** Positions of each row's own, after the shared ones. */
    const own = this.#length - this.#sharedLength;
    const buffers = this.#buffers;
    // The decode graph's first run (empty cache) takes the standard layout (see DecodeIo.first).
    const first = this.#length === 0 ? this.#first : undefined;
    if (first) {
      const { kvHeads, headDim } = config;
      const empty = { type: 'float32', data: new Float32Array(0), dims: [b, kvHeads, 0, headDim] };
      for (let l = 0; l < config.layers; l++) {
        feeds[KV_NAMES.pastKey(l)] = empty;
        feeds[KV_NAMES.pastValue(l)] = empty;
      }
    } else {
      const names = this.#pastFeeds;
      for (let k = 0; k < names.length; k++)
        feeds[names[k]!] = buffers ? buffers[k]!.view(own) : this.#past[k]!;
      if (this.#shared !== undefined) {
        const sharedNames = this.#sharedFeeds!;
        for (let k = 0; k < sharedNames.length; k++)
          feeds[sharedNames[k]!] = this.#shared[k]!.view(this.#sharedLength);
      }
    }
    const fetches = first ? first.fetches : this.#fetches;
    const out = fetches ? await session.run(feeds, fetches) : await session.run(feeds);
    this.steps++;
    if (buffers && this.#first) {
      // Time-major buffers, deltas in the graph's layout (the first run's and the others').
      const { deltaOf, fetches: f } = first ?? { deltaOf: this.#deltaOf, fetches: fetches! };
      for (let k = 0; k < buffers.length; k++)
        (buffers[k] as TimeMajorKvBuffer).appendBatchMajor(own, out[deltaOf[k]!]!);
      for (let k = 1; k < f.length; k++) out[f[k]!]!.dispose?.();
    } else if (buffers && fetches) {
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
    const vocab = logits.dims[logits.dims.length - 1]!;
    const data = logits.data as Float32Array;
    const per = data.length / b;
    const offsets: number[] = [];
    for (let i = 0; i < b; i++) offsets.push((i + 1) * per - vocab);
    logits.dispose?.();
    return { data, offsets, vocab };
  }

  /** Frees the cache tensors; the decoder cannot be fed afterwards. */
  release(): void {
    for (const t of this.#past) t.dispose?.();
    this.#past = [];
    this.#buffers = undefined;
    this.#shared = undefined;
  }
}
