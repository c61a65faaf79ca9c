import { NexFitraError } from '@nexfitra/core';
import { LANGUAGE_VERSION, languageVocabulary, SPECIAL_TOKENS } from '@nexfitra/core/language';

/**
 * The domain tokenizer of the plan language as Hugging Face files. The language writes one
 * token per word with single spaces between, so the tokenizer is a `WordLevel` model over
 * `languageVocabulary()` (ids in its order) behind a `WhitespaceSplit` pre-tokenizer: exact,
 * with no merges to learn. Special tokens `<pad> <bos> <eos> <unk>` are ids 0–3. The
 * post-processor prepends `<bos>` (a prompt fed to a text-generation pipeline starts like the
 * training sequences `<bos> prompt plan <eos>`; `<eos>` is the model's to write). The decoder is
 * `WordPiece` with no `##` token in the vocabulary and `cleanup: false`, which joins tokens with
 * single spaces, so `decode(encode(text))` gives the text back (skipping special tokens).
 */

/** Ids of the special tokens, as the model config needs them. */
export const TOKENIZER_SPECIAL_IDS = Object.freeze({ pad: 0, bos: 1, eos: 2, unk: 3 });

/** The longest sequence the files declare (a 52-week program does not fit; typical plans ≈ 1k). */
export const TOKENIZER_MAX_LENGTH = 4096;

const [PAD, BOS, EOS, UNK] = SPECIAL_TOKENS;

/** HF `tokenizer.json` for a word-level vocabulary whose first four tokens are the specials. */
export function buildTokenizerJson(vocab: readonly string[] = languageVocabulary()): Record<string, unknown> {
  const fn = 'buildTokenizerJson';
  SPECIAL_TOKENS.forEach((t, i) => {
    if (vocab[i] !== t) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['vocab', i],
        value: vocab[i],
        allowed: `${JSON.stringify(t)} (the special tokens ${SPECIAL_TOKENS.join(' ')} come first)`,
      });
    }
  });
  const ids: Record<string, number> = {};
  vocab.forEach((t, i) => {
    if (t === '' || /\s/.test(t) || Object.hasOwn(ids, t)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['vocab', i],
        value: t,
        allowed: 'a non-empty token without whitespace that appears once',
      });
    }
    ids[t] = i;
  });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const bos = { SpecialToken: { id: BOS, type_id: 0 } };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [bos, seq('A', 0)],
      pair: [bos, seq('A', 0), seq('B', 1)],
      special_tokens: { [BOS]: { id: BOS, ids: [TOKENIZER_SPECIAL_IDS.bos], tokens: [BOS] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: { type: 'WordLevel', vocab: ids, unk_token: UNK },
  };
}

/** HF `tokenizer_config.json` (transformers.js needs it, `add_bos_token` included). */
export function buildTokenizerConfig(): Record<string, unknown> {
  return {
    add_bos_token: true,
    add_eos_token: false,
    bos_token: BOS,
    eos_token: EOS,
    pad_token: PAD,
    unk_token: UNK,
    clean_up_tokenization_spaces: false,
    model_max_length: TOKENIZER_MAX_LENGTH,
    padding_side: 'left',
    tokenizer_class: 'PreTrainedTokenizerFast',
    added_tokens_decoder: Object.fromEntries(
      SPECIAL_TOKENS.map((content, id) => [
        String(id),
        { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
    nexfitra_language_version: LANGUAGE_VERSION,
  };
}

/** The two files as text, byte-for-byte what the build script writes (2-space JSON + newline). */
export function tokenizerFiles(vocab?: readonly string[]): {
  'tokenizer.json': string;
  'tokenizer_config.json': string;
} {
  return {
    'tokenizer.json': `${JSON.stringify(buildTokenizerJson(vocab), null, 2)}\n`,
    'tokenizer_config.json': `${JSON.stringify(buildTokenizerConfig(), null, 2)}\n`,
  };
}
