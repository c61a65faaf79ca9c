/**
 * @packageDocumentation
 * `@nexfitra/core/language`: the NexFitra plan language, the text a small plan model reads and
 * writes. A request becomes a prompt ({@link formatRequest}: profile in bands, goal,
 * preferences, daily targets); a plan body becomes text and back without loss
 * ({@link formatPlan} / {@link parsePlan}) when its numbers are in the language's vocabularies
 * ({@link quantizeForLanguage} snaps them explicitly). Every exercise and food is one token
 * (`ex:barbell-back-squat`, `food:16042`), structure markers are single tokens (`<plan>`,
 * `<week>`, `<meal:breakfast>`), numbers come from small fixed vocabularies, and tokens are
 * separated by single spaces, so a word-level tokenizer over {@link languageVocabulary} is exact.
 * {@link createGrammar} gives, for a request, the tokens allowed next (constrained decoding).
 * Pure: no Node built-ins; it carries the exercise and food catalogues.
 */

export type { PlanBodyT } from './_body';
export { PlanBody } from './_body';
export { sessionKindOf } from './_names';
export { SPECIAL_TOKENS } from './_tokens';
export { formatPlan } from './formatPlan';
export { formatRequest } from './formatRequest';
export type { GrammarOptions, GrammarState, PlanGrammar } from './grammar';
export { createGrammar, GRAMMAR_LIMITS } from './grammar';
export { parsePlan } from './parsePlan';
export type { QuantizeChange, QuantizeResult } from './quantize';
export { quantizeForLanguage } from './quantize';
export { LANGUAGE_VERSION, languageVocabulary } from './vocabulary';
