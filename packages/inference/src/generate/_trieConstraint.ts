import { NexFitraError } from '@nexfitra/core';
import type { GrammarState, PlanGrammar } from '@nexfitra/core/language';
import type { TokenConstraint } from './constraint';
import type { PlanTokenizer } from './tokenizer';

/** @internal A state of the sub-word constraint: the grammar's state and the text of the unfinished word. */
export interface _TrieState {
  readonly g: GrammarState;
  /** Text typed since the last completed word, separator included (`' ses'` on the way to `' <session>'`). */
  readonly p: string;
}

interface VocabNode {
  readonly next: Map<string, VocabNode>;
  readonly ids: number[];
}

const node = (): VocabNode => ({ next: new Map(), ids: [] });

/**
 * @internal Bring-your-own tokenizer: the grammar's words are spelled by the model's own
 * sub-word tokens. A character trie over every token's decoded text is walked along each
 * allowed word (`separator + word`); a token is allowed when its text continues the unfinished
 * word, or finishes it and starts a next allowed word (one word boundary per token at most).
 */
export function _trieConstraint(
  grammar: PlanGrammar,
  tokenizer: PlanTokenizer,
  separator: string,
): TokenConstraint<_TrieState> {
  const root = node();
  for (let id = 0; id < tokenizer.vocabSize; id++) {
    const text = tokenizer.tokenText(id);
    if (text === '' || text.includes('\uFFFD')) continue;
    let n = root;
    for (const ch of text) {
      let c = n.next.get(ch);
      if (c === undefined) {
        c = node();
        n.next.set(ch, c);
      }
      n = c;
    }
    n.ids.push(id);
  }
  const targets = (g: GrammarState): string[] => Array.from(grammar.allowedNext(g), (w) => separator + w);

  /** Adds to `out` every token reached walking `rest` from `n`; at the end of a word, the next words too. */
  function walk(
    n: VocabNode,
    g: GrammarState,
    word: string,
    rest: string,
    out: Set<number>,
    crossed: boolean,
  ): void {
    let cur: VocabNode | undefined = n;
    for (const ch of rest) {
      cur = cur.next.get(ch);
      if (cur === undefined) return;
      for (const id of cur.ids) out.add(id);
    }
    // The word is complete inside this token: the token may run on into a next word.
    if (!crossed && cur !== n && cur.next.size > 0) {
      const g2 = grammar.advance(g, word);
      for (const t of targets(g2)) walk(cur, g2, t.slice(separator.length), t, out, true);
    }
  }

  function allowedSet(st: _TrieState): Set<number> {
    const out = new Set<number>();
    for (const t of targets(st.g)) {
      if (!t.startsWith(st.p)) continue;
      const word = t.slice(separator.length);
      if (t.length > st.p.length) walk(root, st.g, word, t.slice(st.p.length), out, false);
      else {
        // The unfinished text is already this whole word (another allowed word extends it): the next token may start a new word.
        const g2 = grammar.advance(st.g, word);
        for (const t2 of targets(g2)) walk(root, g2, t2.slice(separator.length), t2, out, true);
      }
    }
    return out;
  }

  function advance(st: _TrieState, id: number): _TrieState {
    let g = st.g;
    let q = st.p + tokenizer.tokenText(id);
    for (let boundaries = 0; boundaries < 3; boundaries++) {
      const ts = targets(g);
      if (ts.some((t) => t.startsWith(q))) {
        const exact = ts.find((t) => t === q);
        const longer = ts.some((t) => t.length > q.length && t.startsWith(q));
        if (exact !== undefined && !longer)
          return Object.freeze({ g: grammar.advance(g, exact.slice(separator.length)), p: '' });
        return Object.freeze({ g, p: q });
      }
      const done = ts.filter((t) => q.startsWith(t)).sort((a, b) => b.length - a.length)[0];
      if (done === undefined) break;
      g = grammar.advance(g, done.slice(separator.length));
      q = q.slice(done.length);
      if (q === '') return Object.freeze({ g, p: '' });
    }
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: 'advance',
      path: ['token'],
      value: { id, text: tokenizer.tokenText(id), after: st.p },
      allowed: 'a token whose text continues an allowed plan word',
    });
  }

  return Object.freeze({
    start: Object.freeze({ g: grammar.start, p: '' }),
    allowed: (st: _TrieState) => [...allowedSet(st)].sort((a, b) => a - b),
    advance,
    isComplete: (st: _TrieState) => st.p === '' && grammar.isComplete(st.g),
  });
}
