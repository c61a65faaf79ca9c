import { NexFitraError } from '@nexfitra/core';
import type { GrammarState, PlanGrammar } from '@nexfitra/core/language';
import type { TokenConstraint } from './constraint';
import type { PlanTokenizer } from './tokenizer';

/**
 * @internal Word = token: the grammar's allowed words map one to one to vocabulary ids (the
 * domain tokenizer). A word the vocabulary lacks is a mismatch between model and language.
 */
export function _wordConstraint(
  grammar: PlanGrammar,
  tokenizer: PlanTokenizer,
): TokenConstraint<GrammarState> {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = tokenizer.idOf(w);
      if (id === undefined) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn: 'grammarConstraint',
          path: ['tokenizer', 'vocab', w],
          value: w,
          allowed:
            'a tokenizer with one token per plan-language word (the domain tokenizer of this language version)',
        });
      }
      ids.set(w, id);
      words[id] = w;
    }
    return id;
  };
  // Many steps share a state shape (the same phase and counters): memoise the id list per state.
  const cache = new Map<string, readonly number[]>();
  const allowed = (st: GrammarState): readonly number[] => {
    let key = '';
    for (const v of Object.values(st)) key += `${v},`;
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size > 8192) cache.clear();
      hit = Object.freeze(Array.from(grammar.allowedNext(st), idOf));
      cache.set(key, hit);
    }
    return hit;
  };
  return Object.freeze({
    start: grammar.start,
    allowed,
    advance: (st: GrammarState, id: number) => grammar.advance(st, words[id] ?? tokenizer.tokenText(id)),
    isComplete: (st: GrammarState) => grammar.isComplete(st),
  });
}
