/**
 * @internal A plan with its meal-plan days decoded as one batch: the workout and `<meals> <day>`
 * sequentially (the days need the workout in their context, as in training), then every day as
 * one row of a batch (`generateBranches`) from the grammar state after the first `<day>`, each
 * ending where it would open the next day. The days cost the model steps of the longest day
 * instead of their sum. Rows share one context, so greedy rows would be the same day: in every
 * meal, branch `i` takes the `i`-th most likely first food (`diverse`), then continues greedily.
 */

import { MEAL_TYPES } from '@nexfitra/core';
import type { TokenConstraint } from '../generate/constraint';
import {
  type GeneratedToken,
  type GenerateResult,
  type StopReason,
  streamGenerate,
} from '../generate/generate';
import { generateBranches } from '../generate/generateBranches';
import { grammarConstraint } from '../generate/grammarConstraint';
import type { LoadedModel } from '../model/loaded';
import type { TextGenerationInput, TextGenerationOutput, TextStopReason } from './types';

const STOP: Readonly<Record<StopReason, TextStopReason>> = {
  'grammar-complete': 'complete',
  eos: 'complete',
  'max-tokens': 'max-tokens',
  'max-positions': 'max-tokens',
  'max-time': 'time-limit',
  aborted: 'aborted',
};

/** True when `model` can decode `days` days as one batch (a word-level tokenizer with the day and end markers). */
export function canBatchDays(model: LoadedModel, days: number | undefined): days is number {
  return (
    days !== undefined &&
    days > 1 &&
    model.tokenizer.kind === 'word' &&
    model.tokenizer.idOf('<day>') !== undefined &&
    model.tokenizer.idOf('</plan>') !== undefined
  );
}

export async function decodeBatchedDays(
  model: LoadedModel,
  input: TextGenerationInput,
  days: number,
  maxNewTokens: number,
): Promise<TextGenerationOutput> {
  const t0 = performance.now();
  const { grammar, tokenizer } = { grammar: input.grammar, tokenizer: model.tokenizer };
  const dayId = tokenizer.idOf('<day>')!;
  const endId = tokenizer.idOf('</plan>')!;
  const c = grammarConstraint(grammar, tokenizer);
  // The head: the grammar until (and with) the first `<day>`.
  const head: TokenConstraint<{ s: unknown; done: boolean }> = {
    start: { s: c.start, done: false },
    allowed: (st) => (st.done ? [] : c.allowed(st.s)),
    advance: (st, id) => ({ s: c.advance(st.s, id), done: id === dayId }),
    isComplete: (st) => st.done || c.isComplete(st.s),
  };
  const it = streamGenerate(model, {
    prompt: input.prompt,
    constraint: head as TokenConstraint,
    maxNewTokens,
    ...(input.maxMs !== undefined ? { maxMs: input.maxMs } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  let r: IteratorResult<GeneratedToken, GenerateResult>;
  for (;;) {
    r = await it.next();
    if (r.done) break;
    input.onToken?.(r.value.text);
  }
  const a = r.value;
  const words = a.text.split(' ');
  if (a.stopReason !== 'grammar-complete' || words.at(-1) !== '<day>') {
    return {
      text: a.text,
      stopReason: STOP[a.stopReason],
      tokensEmitted: a.stats.generatedTokens,
      tokensRun: a.stats.modelSteps,
    };
  }
  let state = grammar.start;
  for (const w of words) state = grammar.advance(state, w);
  const left = maxNewTokens - a.stats.generatedTokens;
  const spent = performance.now() - t0;
  const b = await generateBranches(model, {
    prompt: `${input.prompt} ${a.text}`,
    branches: Array.from({ length: days }, () => grammarConstraint(grammar, tokenizer, { from: state })),
    stopIds: [dayId, endId],
    maxNewTokens: Math.max(1, Math.floor(left / days)),
    ...(input.maxMs !== undefined ? { maxMs: Math.max(0, input.maxMs - spent) } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    diverse: true,
    diverseAfter: MEAL_TYPES.map((t) => tokenizer.idOf(`<meal:${t}>`)).filter((x) => x !== undefined),
  });
  const tokensRun = a.stats.modelSteps + b.stats.modelSteps;
  const bad = b.branches.find((x) => x.stopReason !== 'stop-id');
  const dayTexts = b.branches.map((x) => x.text);
  if (bad) {
    const stopReason: TextStopReason =
      bad.stopReason === 'aborted' ? 'aborted' : bad.stopReason === 'max-time' ? 'time-limit' : 'max-tokens';
    const text = [a.text, dayTexts.join(' <day> ')].join(' ');
    return { text, stopReason, tokensEmitted: a.stats.generatedTokens + b.stats.generatedTokens, tokensRun };
  }
  const tail = `${dayTexts.join(' <day> ')} </plan>`;
  if (input.onToken) for (const w of tail.split(' ')) input.onToken(` ${w}`);
  return {
    text: `${a.text} ${tail}`,
    stopReason: 'complete',
    // Head, days, and the `<day>` markers between days and `</plan>` (appended without a model run).
    tokensEmitted: a.stats.generatedTokens + b.stats.generatedTokens + days,
    tokensRun,
  };
}
