import { NexFitraError } from '@nexfitra/core';
import type { GrammarState, PlanGrammar } from '@nexfitra/core/language';
import type { TokenConstraint } from './constraint';
import type { PlanTokenizer } from './tokenizer';

type IdCache = WeakMap<ReadonlySet<string>, readonly number[]>;
/** Id lists per tokenizer and `unknownWords` mode, per allowed set of a grammar (sets are the grammar's memoised objects). */
const _idCache = new WeakMap<PlanTokenizer, Record<'skip' | 'error', IdCache>>();

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
  // The grammar memoises its allowed sets (one shared set per phase and the counters it reads), so
  // the id list is cached per set: a step costs one grammar lookup and one WeakMap hit, and the
  // cache outlives this constraint (a grammar serves every generation of its request).
  let caches = _idCache.get(tokenizer);
  if (caches === undefined) {
    caches = { skip: new WeakMap(), error: new WeakMap() };
    _idCache.set(tokenizer, caches);
  }
  const ids = caches[unknownWords];
  const allowed = (st: GrammarState): readonly number[] => {
    const set = grammar.allowedNext(st);
    let hit = ids.get(set);
    if (hit === undefined) {
      hit = Object.freeze(idsOf(set));
      ids.set(set, hit);
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
