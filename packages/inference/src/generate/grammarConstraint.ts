import type { GrammarState, PlanGrammar } from '@nexfitra/core/language';
import { _trieConstraint } from './_trieConstraint';
import { _wordConstraint } from './_wordConstraint';
import type { TokenConstraint } from './constraint';
import type { PlanTokenizer } from './tokenizer';

export interface GrammarConstraintOptions {
  /** Text between words in a sub-word model's output (default one space; the plan language's separator). */
  readonly separator?: string;
  /**
   * A word the grammar allows but a word-level vocabulary lacks (a model trained on an older
   * minor of the language): `skip` (default) leaves it out of the choices; `error` throws.
   * Either way a step where none of the allowed words exists throws `BAD_DATA`.
   */
  readonly unknownWords?: 'skip' | 'error';
  /** Start from this grammar state instead of `grammar.start` (e.g. after a prefix already written). */
  readonly from?: GrammarState;
}

/**
 * A {@link TokenConstraint} that keeps generation inside a plan grammar (core
 * `createGrammar(request)`): with a word-level (domain) tokenizer each allowed word is one id;
 * with a model's own sub-word tokenizer the words are spelled through a trie over the decoded
 * vocabulary. Either way every complete walk is text `parsePlan` reads and that breaks no hard
 * rule the grammar encodes (foods, exercises, structure).
 * @throws NexFitraError `BAD_DATA` at a step where the vocabulary has none of the allowed words (or lacks one, with `unknownWords: 'error'`)
 */
export function grammarConstraint(
  grammar: PlanGrammar,
  tokenizer: PlanTokenizer,
  options: GrammarConstraintOptions = {},
): TokenConstraint {
  const c: TokenConstraint =
    tokenizer.kind === 'word'
      ? (_wordConstraint(grammar, tokenizer, options.unknownWords ?? 'skip') as TokenConstraint)
      : (_trieConstraint(grammar, tokenizer, options.separator ?? ' ') as TokenConstraint);
  if (options.from === undefined) return c;
  const start = tokenizer.kind === 'word' ? options.from : Object.freeze({ g: options.from, p: '' });
  return Object.freeze({ ...c, start });
}
