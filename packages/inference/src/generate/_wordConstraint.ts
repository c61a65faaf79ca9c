import { NexFitraError } from '@nexfitra/core';
import type { GrammarState, PlanGrammar } from '@nexfitra/core/language';
import type { TokenConstraint } from './constraint';
import type { PlanTokenizer } from './tokenizer';

/**
 * @internal Word = token: the grammar's allowed words map one to one to vocabulary ids (the
 * domain tokenizer). With `unknownWords: 'skip'` a word the vocabulary lacks (a model trained on
 * an older minor of the language) is simply not offered; when that leaves nothing of a non-empty
 * choice, the model cannot continue the plan and the step throws `BAD_DATA` naming the words.
 */
export function _wordConstraint(
  grammar: PlanGrammar,
  tokenizer: PlanTokenizer,
  unknownWords: 'skip' | 'error',
): TokenConstraint<GrammarState> {
  const words: string[] = [];
  const missing = (path: string, value: unknown): NexFitraError =>
    new NexFitraError({
      code: 'BAD_DATA',
      fn: 'grammarConstraint',
      path: ['tokenizer', 'vocab', path],
      value,
      allowed:
        'a tokenizer with one token per plan-language word (the domain tokenizer of this language version)',
    });
  const idsOf = (set: ReadonlySet<string>): number[] => {
    const out: number[] = [];
    for (const w of set) {
      const id = tokenizer.idOf(w);
      if (id === undefined) {
        if (unknownWords === 'error') throw missing(w, w);
        continue;
      }
      words[id] = w;
      out.push(id);
    }
    if (out.length === 0 && set.size > 0) throw missing([...set][0]!, [...set].slice(0, 5));
    return out;
  };
  // Many steps share a state shape (the same phase and counters): memoise the id list per state.
  const cache = new Map<string, readonly number[]>();
  const allowed = (st: GrammarState): readonly number[] => {
    let key = '';
    for (const v of Object.values(st)) key += `${v},`;
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size > 8192) cache.clear();
      hit = Object.freeze(idsOf(grammar.allowedNext(st)));
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
