/**
 * Test helper: a GPT-2-style byte-level BPE `tokenizer.json` trained on the plan language's
 * words, for the bring-your-own-tokenizer tests. Training is the textbook loop (Sennrich et al.,
 * 2016, "Neural Machine Translation of Rare Words with Subword Units", ACL): count adjacent
 * pairs inside pre-tokenised words, merge the most frequent (ties: first in sort order), repeat.
 * Pre-tokenisation and the byte→unicode table are GPT-2's (Radford et al., 2019).
 */

/** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to U+0100 onwards. */
function byteChars(): string[] {
  const keep = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const out: string[] = [];
  let n = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(keep(b) ? b : 256 + n++);
  return out;
}

const GPT2_SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/**
 * @param corpus training text
 * @param vocabSize total ids: `<|endoftext|>` (id 0), the 256 bytes, then merges
 */
export function trainByteBpe(corpus: string, vocabSize: number): object {
  const bc = byteChars();
  const enc = new TextEncoder();
  const words = new Map<string, number>();
  for (const m of corpus.matchAll(GPT2_SPLIT)) {
    const w = Array.from(enc.encode(m[0]), (b) => bc[b]!).join('\u0001');
    words.set(w, (words.get(w) ?? 0) + 1);
  }
  let seqs = [...words].map(([w, n]) => ({ parts: w.split('\u0001'), n }));
  const vocab: Record<string, number> = { '<|endoftext|>': 0 };
  bc.forEach((c, i) => {
    vocab[c] = i + 1;
  });
  const merges: string[] = [];
  while (Object.keys(vocab).length < vocabSize) {
    const counts = new Map<string, number>();
    for (const s of seqs)
      for (let i = 0; i + 1 < s.parts.length; i++) {
        const k = `${s.parts[i]} ${s.parts[i + 1]}`;
        counts.set(k, (counts.get(k) ?? 0) + s.n);
      }
    const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best === undefined) break;
    const [l, r] = best[0].split(' ') as [string, string];
    merges.push(best[0]);
    vocab[l + r] = Object.keys(vocab).length;
    seqs = seqs.map((s) => {
      const parts: string[] = [];
      for (let i = 0; i < s.parts.length; i++) {
        if (i + 1 < s.parts.length && s.parts[i] === l && s.parts[i + 1] === r) {
          parts.push(l + r);
          i++;
        } else parts.push(s.parts[i]!);
      }
      return { parts, n: s.n };
    });
  }
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: 0,
        content: '<|endoftext|>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: true,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}
