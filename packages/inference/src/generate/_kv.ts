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

/**
 * @internal A batch-1 decoder with its KV cache: `feed(ids)` runs the model once over `ids`
 * (after everything fed before) and returns the logits of the last position. The previous
 * step's `present.*` outputs are fed back as `past_key_values.*` without a copy.
 */
export class _KvDecoder {
  #past: HostTensor[] = [];
  #length = 0;
  readonly #parts: _DecoderParts;
  readonly #mask: BigInt64Array;
  steps = 0;

  constructor(parts: _DecoderParts) {
    this.#parts = parts;
    this.#mask = onesUpTo(parts.config.maxPositions);
    const { kvHeads, headDim, layers } = parts.config;
    const empty = (): HostTensor => ({
      type: 'float32',
      data: new Float32Array(0),
      dims: [1, kvHeads, 0, headDim],
    });
    for (let l = 0; l < 2 * layers; l++) this.#past.push(empty());
  }

  /** Tokens in the cache. */
  get length(): number {
    return this.#length;
  }

  async feed(ids: readonly number[]): Promise<Float32Array> {
    const { session, config, io } = this.#parts;
    const total = this.#length + ids.length;
    if (ids.length === 0 || total > config.maxPositions) {
      throw new NexFitraError({
        code: 'OUT_OF_RANGE',
        fn: 'generate',
        path: ['tokens'],
        value: total,
        allowed: `1 to ${config.maxPositions} tokens in all (the model's max positions)`,
      });
    }
    const feeds: Record<string, HostTensor> = {
      input_ids: { type: 'int64', data: BigInt64Array.from(ids, BigInt), dims: [1, ids.length] },
    };
    if (io.attentionMask)
      feeds['attention_mask'] = { type: 'int64', data: this.#mask.subarray(0, total), dims: [1, total] };
    if (io.positionIds) {
      const pos = new BigInt64Array(ids.length);
      for (let i = 0; i < ids.length; i++) pos[i] = BigInt(this.#length + i);
      feeds['position_ids'] = { type: 'int64', data: pos, dims: [1, ids.length] };
    }
    if (io.useCacheBranch)
      feeds['use_cache_branch'] = { type: 'bool', data: Uint8Array.of(this.#length > 0 ? 1 : 0), dims: [1] };
    for (let l = 0; l < config.layers; l++) {
      feeds[KV_NAMES.pastKey(l)] = this.#past[2 * l]!;
      feeds[KV_NAMES.pastValue(l)] = this.#past[2 * l + 1]!;
    }
    const out = await session.run(feeds);
    this.steps++;
    for (const t of this.#past) t.dispose?.();
    for (let l = 0; l < config.layers; l++) {
      this.#past[2 * l] = out[KV_NAMES.presentKey(l)]!;
      this.#past[2 * l + 1] = out[KV_NAMES.presentValue(l)]!;
    }
    this.#length = total;
    const logits = out['logits']!;
    const V = logits.dims[logits.dims.length - 1]!;
    const data = logits.data as Float32Array;
    const rows = data.length / V;
    const last = data.slice((rows - 1) * V, rows * V);
    logits.dispose?.();
    return last;
  }

  /** Frees the cache tensors; the decoder cannot be fed afterwards. */
  release(): void {
    for (const t of this.#past) t.dispose?.();
    this.#past = [];
  }
}
