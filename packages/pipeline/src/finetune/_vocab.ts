import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { TOKENIZER_SPECIAL_IDS } from '../tokenizer/hfTokenizer';
import type { TokenizedExample } from '../train/examples';

/**
 * @internal The word → id map of a word-level `tokenizer.json` (ours: specials first), or
 * undefined when `dir` has none.
 * @throws NexFitraError `BAD_DATA` for a tokenizer.json that is not word-level.
 */
export async function readWordVocab(dir: string): Promise<Map<string, number> | undefined> {
  const text = await readFile(join(dir, 'tokenizer.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const t = JSON.parse(text) as { model?: { type?: string; vocab?: Record<string, number> } };
  if (t.model?.type !== 'WordLevel' || typeof t.model.vocab !== 'object') {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: 'readWordVocab',
      path: [join(dir, 'tokenizer.json'), 'model', 'type'],
      value: t.model?.type,
      allowed: '"WordLevel" (the plan-language tokenizer)',
    });
  }
  return new Map(Object.entries(t.model.vocab));
}

/**
 * @internal `<bos> prompt plan <eos>` with the model's own vocabulary (the plan language's
 * words may have changed since it was trained).
 * @throws NexFitraError `INVALID_ENUM` naming the row and the word the model does not know.
 */
export function tokenizeWithVocab(
  row: { readonly id: string; readonly prompt: string; readonly plan: string; readonly weight?: number },
  vocab: ReadonlyMap<string, number>,
  fn: string,
): TokenizedExample {
  const words = (text: string, field: string) =>
    text.split(' ').map((w, i) => {
      const id = vocab.get(w);
      if (id === undefined) {
        throw new NexFitraError({
          code: 'INVALID_ENUM',
          fn,
          path: [row.id, field, i],
          value: w,
          allowed:
            "a word of the checkpoint's tokenizer.json (the model does not know this word: the plan language changed since it was trained)",
        });
      }
      return id;
    });
  const prompt = words(row.prompt, 'prompt');
  const plan = words(row.plan, 'plan');
  const ids = Int32Array.from([TOKENIZER_SPECIAL_IDS.bos, ...prompt, ...plan, TOKENIZER_SPECIAL_IDS.eos]);
  return { ids, planStart: 1 + prompt.length, weight: row.weight ?? 1 };
}
