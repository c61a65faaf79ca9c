/**
 * @internal `createGrammar` results kept per (preferences, days, weeks): a grammar reads nothing
 * else of the request, and it carries its memoised allowed sets (and, through them, the
 * tokenizer id lists), so a repeated request (a regenerate, another seed, a second model) skips
 * the catalogue filters. Least recently used first out, 32 kept.
 */
import type { PlanRequestT } from '@nexfitra/core';
import { createGrammar, type PlanGrammar } from '@nexfitra/core/language';

const MAX = 32;
const cache = new Map<string, PlanGrammar>();

export function grammarFor(request: PlanRequestT, weeks: number): PlanGrammar {
  const key = JSON.stringify([request.preferences, request.days, weeks]);
  let g = cache.get(key);
  if (g === undefined) {
    g = createGrammar(request, { weeks });
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  } else cache.delete(key);
  cache.set(key, g);
  return g;
}
