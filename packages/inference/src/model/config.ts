import { NexFitraError } from '@nexfitra/core';

/** What the decode loop needs from `config.json`, for the gpt2 and llama families. */
export interface DecoderConfig {
  readonly family: 'gpt2' | 'llama';
  /** `model_type` as written (`gpt2`, `llama`, `mistral`, `qwen2`, …). */
  readonly modelType: string;
  readonly layers: number;
  /** Key/value heads of the cache (fewer than attention heads under GQA). */
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocabSize: number;
  /** Longest sequence (prompt + generated) the position table covers. */
  readonly maxPositions: number;
  readonly bosId: number | undefined;
  readonly eosIds: readonly number[];
}

/** `model_type`s read as the llama family (same cache layout: GQA key/value heads, RoPE positions). */
const LLAMA_TYPES = ['llama', 'mistral', 'qwen2', 'qwen3', 'phi3', 'gemma', 'smollm3', 'olmo'];

const FN = 'readDecoderConfig';

function int(o: Record<string, unknown>, key: string, fallback?: number): number {
  const v = o[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['config.json', key],
      value: v,
      allowed: 'a positive integer',
    });
  }
  return v;
}

function ids(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
  return [];
}

/**
 * Reads a Hugging Face `config.json` of a decoder-only model.
 * @throws NexFitraError `BAD_DATA` naming the field that is missing or wrong, or a `model_type` outside gpt2/llama
 */
export function readDecoderConfig(json: unknown): DecoderConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['config.json'],
      value: json,
      allowed: 'a JSON object',
    });
  }
  const o = json as Record<string, unknown>;
  const type = o['model_type'];
  const eosIds = ids(o['eos_token_id']);
  const bos = typeof o['bos_token_id'] === 'number' ? o['bos_token_id'] : undefined;
  if (type === 'gpt2') {
    const heads = int(o, 'n_head');
    const embd = int(o, 'n_embd');
    return Object.freeze({
      family: 'gpt2',
      modelType: type,
      layers: int(o, 'n_layer'),
      kvHeads: heads,
      headDim: embd / heads,
      vocabSize: int(o, 'vocab_size'),
      maxPositions: int(o, 'n_positions', o['n_ctx'] as number),
      bosId: bos,
      eosIds: Object.freeze(eosIds),
    });
  }
  if (typeof type === 'string' && LLAMA_TYPES.includes(type)) {
    const heads = int(o, 'num_attention_heads');
    return Object.freeze({
      family: 'llama',
      modelType: type,
      layers: int(o, 'num_hidden_layers'),
      kvHeads: int(o, 'num_key_value_heads', heads),
      headDim: int(o, 'head_dim', int(o, 'hidden_size') / heads),
      vocabSize: int(o, 'vocab_size'),
      maxPositions: int(o, 'max_position_embeddings'),
      bosId: bos,
      eosIds: Object.freeze(eosIds),
    });
  }
  throw new NexFitraError({
    code: 'BAD_DATA',
    fn: FN,
    path: ['config.json', 'model_type'],
    value: type,
    allowed: `a decoder-only model of the gpt2 or llama family (${['gpt2', ...LLAMA_TYPES].join(', ')})`,
  });
}
