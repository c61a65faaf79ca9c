import { NexFitraError } from '@nexfitra/core';
import { languageVocabulary } from '@nexfitra/core/language';
import { TOKENIZER_SPECIAL_IDS } from '../tokenizer/hfTokenizer';

/** A tokenized training example: `<bos> prompt plan <eos>` and where the plan starts. */
export interface TokenizedExample {
  readonly ids: Int32Array;
  /** Index in `ids` of the first plan token: positions ≥ this are learned, the prompt is not. */
  readonly planStart: number;
  readonly weight: number;
}

let vocabIndex: Map<string, number> | undefined;
let vocabSize = 0;

/** Word → id in `languageVocabulary()` order (the domain tokenizer's ids). */
function indexOf(): Map<string, number> {
  const vocab = languageVocabulary();
  if (!vocabIndex || vocabSize !== vocab.length) {
    vocabIndex = new Map(vocab.map((t, i) => [t, i]));
    vocabSize = vocab.length;
  }
  return vocabIndex;
}

/**
 * Ids of one example with the domain tokenizer (one id per word, as `tokenizer.json` encodes it,
 * `<bos>` first, `<eos>` last).
 * @throws NexFitraError `INVALID_ENUM` naming a word the vocabulary lacks (a row written by
 *   another language version), with the row id in the path.
 */
export function tokenizeExample(
  row: { readonly id: string; readonly prompt: string; readonly plan: string; readonly weight?: number },
  fn = 'tokenizeExample',
): TokenizedExample {
  const idx = indexOf();
  const words = (text: string, field: string) =>
    text.split(' ').map((w, i) => {
      const id = idx.get(w);
      if (id === undefined) {
        throw new NexFitraError({
          code: 'INVALID_ENUM',
          fn,
          path: [row.id, field, i],
          value: w,
          allowed: 'a word of the plan-language vocabulary (languageVocabulary())',
        });
      }
      return id;
    });
  const prompt = words(row.prompt, 'prompt');
  const plan = words(row.plan, 'plan');
  const ids = Int32Array.from([TOKENIZER_SPECIAL_IDS.bos, ...prompt, ...plan, TOKENIZER_SPECIAL_IDS.eos]);
  return { ids, planStart: 1 + prompt.length, weight: row.weight ?? 1 };
}

/** A padded batch: tokens `[B, L]`, loss mask `[B, L − 1]` and the count of real input tokens. */
export interface HostBatch {
  readonly tokens: Int32Array;
  readonly mask: Float32Array;
  readonly batch: number;
  readonly length: number;
  /** Tokens the model reads (not padding), for tokens/s. */
  readonly inputTokens: number;
}

/**
 * Right-pads examples with `<pad>` to the longest one. The mask weights position t (which
 * predicts token t + 1) by the row's weight when token t + 1 is a plan token or the final
 * `<eos>`: the loss is masked to the plan part, so the model learns to write plans, not prompts.
 */
export function padBatch(examples: readonly TokenizedExample[]): HostBatch {
  const length = Math.max(2, ...examples.map((e) => e.ids.length));
  const b = examples.length;
  const tokens = new Int32Array(b * length).fill(TOKENIZER_SPECIAL_IDS.pad);
  const mask = new Float32Array(b * (length - 1));
  let inputTokens = 0;
  examples.forEach((e, r) => {
    tokens.set(e.ids, r * length);
    for (let t = 0; t + 1 < e.ids.length; t++)
      if (t + 1 >= e.planStart) mask[r * (length - 1) + t] = e.weight;
    inputTokens += e.ids.length - 1;
  });
  return { tokens, mask, batch: b, length, inputTokens };
}

/** mulberry32 (Tommy Ettinger's public-domain 32-bit generator): a seeded uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Example indices of optimizer step `step`: epoch e = ⌊step·B / n⌋ visits the examples in a
 * Fisher–Yates order seeded by (seed, e). A function of the step alone, so a resumed run sees
 * exactly the batches an uninterrupted one would.
 */
export function batchIndices(step: number, batchSize: number, n: number, seed: number): number[] {
  const perEpoch = Math.max(1, Math.floor(n / batchSize));
  const epoch = Math.floor(step / perEpoch);
  const k = step % perEpoch;
  const rand = mulberry32((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(k * batchSize, Math.min(n, (k + 1) * batchSize));
}
