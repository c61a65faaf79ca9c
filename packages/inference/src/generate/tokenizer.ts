import { Tokenizer } from '@huggingface/tokenizers';
import { NexFitraError } from '@nexfitra/core';

/**
 * The tokenizer of a loaded model. `word`: one token per plan-language word (the domain
 * tokenizer, a `WordLevel` model); `subword`: a model's own pieces (BPE, SentencePiece), which a
 * constraint maps to words through a trie over {@link PlanTokenizer.tokenText}.
 */
export interface PlanTokenizer {
  readonly kind: 'word' | 'subword';
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosIds: readonly number[];
  /** Ids of `text` with the tokenizer's special tokens (a `<bos>` where its post-processor adds one). */
  encode(text: string): number[];
  /** Text of `ids`, special tokens skipped. */
  decode(ids: readonly number[]): string;
  /** The text one token adds when it follows other text (a sub-word's leading space included); `''` for specials. */
  tokenText(id: number): string;
  /** The id of a whole-token string, if the vocabulary has it. */
  idOf(token: string): number | undefined;
}

const FN = 'createTokenizer';

/**
 * A {@link PlanTokenizer} from `tokenizer.json` (and `tokenizer_config.json`) through
 * `@huggingface/tokenizers`.
 * @param eosIds end-of-sequence ids from the model config (the tokenizer's `eos_token` is added)
 * @throws NexFitraError `BAD_DATA` for a `tokenizer.json` the library cannot read
 */
export function createTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: Record<string, unknown> = {},
  eosIds: readonly number[] = [],
): PlanTokenizer {
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(tokenizerJson as object, tokenizerConfig);
  } catch (e) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['tokenizer.json'],
      value: e instanceof Error ? e.message : String(e),
      allowed: 'a Hugging Face tokenizer.json',
    });
  }
  const model = (tokenizerJson as { model?: { type?: string } }).model;
  const kind = model?.type === 'WordLevel' ? 'word' : 'subword';
  const vocab = tok.get_vocab(true);
  let vocabSize = 0;
  for (const id of vocab.values()) vocabSize = Math.max(vocabSize, id + 1);
  const special = new Set<number>(
    [...tok.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id),
  );
  const idOfConfig = (key: string): number | undefined => {
    const v = tokenizerConfig[key];
    const s = typeof v === 'string' ? v : (v as { content?: string } | undefined)?.content;
    return s === undefined ? undefined : tok.token_to_id(s);
  };
  const eos = [
    ...new Set([...eosIds, ...[idOfConfig('eos_token')].filter((x): x is number => x !== undefined)]),
  ];
  const decode = (ids: readonly number[]) =>
    ids.length === 0
      ? ''
      : tok.decode([...ids], { skip_special_tokens: true, clean_up_tokenization_spaces: false });
  // A token's text after other text: decode(anchor + id) minus decode(anchor), so SentencePiece's
  // leading "▁" and byte-level BPE's "Ġ" both come out as the space they stand for.
  const anchorId = [...vocab.entries()].find(([t, id]) => /^[A-Za-z]$/.test(t) && !special.has(id))?.[1];
  const anchorText = anchorId === undefined ? '' : decode([anchorId]);
  const texts: string[] = new Array(vocabSize).fill('');
  for (const [, id] of vocab) {
    if (special.has(id)) continue;
    texts[id] =
      kind === 'word' || anchorId === undefined
        ? decode([id])
        : decode([anchorId, id]).slice(anchorText.length);
  }
  return Object.freeze({
    kind,
    vocabSize,
    bosId: idOfConfig('bos_token'),
    eosIds: Object.freeze(eos),
    encode: (text: string) => tok.encode(text, { add_special_tokens: true }).ids,
    decode,
    tokenText: (id: number) => texts[id] ?? '',
    idOf: (token: string) => vocab.get(token),
  });
}
