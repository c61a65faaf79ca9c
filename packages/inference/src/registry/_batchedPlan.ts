/**
 * @internal A plan decoded in batches (`generateBranches`): the head (`<plan> <workout> split:…
 * <week>`) sequentially; then, with `sessionDays`, the week's sessions as one batch (row `k` on
 * weekday `sessionDays[k]`, ending where it would open the next session or the meals); then the
 * meal-plan days as one batch after `<meals> <day>` (each row ending where it would open the next
 * day). Each batch costs the model steps of its longest row instead of the sum of its rows, and
 * every row sees the text before its batch (the days see the whole workout, as in training).
 *
 * Rows share one context, so greedy rows would be the same: in the sessions, each row takes its most
 * likely session name that no earlier row took; in every meal, day `i` takes the `i`-th most
 * likely first food (`diverse`); then each continues greedily. Every row keeps the grammar,
 * and the joined text is replayed through it before it is returned.
 *
 * `maxNewTokens` of {@link decodeBatched} is the budget over all rows (the caller's, not clamped
 * to one context): a sequential part gets what is left up to the context, a batch row its share
 * of what is left up to the context.
 */
import { MEAL_TYPES } from '@nexfitra/core';
import type { GrammarState } from '@nexfitra/core/language';
import type { TokenConstraint } from '../generate/constraint';
import {
  type GeneratedToken,
  type GenerateResult,
  type StopReason,
  streamGenerate,
} from '../generate/generate';
import { type BranchesResult, generateBranches } from '../generate/generateBranches';
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

const MARKERS = ['<day>', '</plan>', '<week>', '<week:deload>', '<session>', '<meals>'] as const;

/** True when `model` can decode in batches: a word-level tokenizer with the structure markers. */
export function canBatch(model: LoadedModel): boolean {
  return model.tokenizer.kind === 'word' && MARKERS.every((m) => model.tokenizer.idOf(m) !== undefined);
}

interface Part {
  readonly text: string;
  readonly emitted: number;
  readonly runs: number;
  /** Set when the part did not finish. */
  readonly stop?: TextStopReason;
}

/** A grammar constraint that ends (complete) right after `endId`. */
function until(c: TokenConstraint, endId: number): TokenConstraint<{ s: unknown; done: boolean }> {
  return {
    start: { s: c.start, done: false },
    allowed: (st) => (st.done ? [] : c.allowed(st.s)),
    advance: (st, id) => ({ s: c.advance(st.s, id), done: id === endId }),
    isComplete: (st) => st.done || c.isComplete(st.s),
  };
}

/** Only `dayId` where the grammar asks for a session's weekday. */
function onDay(c: TokenConstraint<GrammarState>, dayId: number): TokenConstraint<GrammarState> {
  return { ...c, allowed: (st) => (st.phase === 'session' ? [dayId] : c.allowed(st)) };
}

function branchStop(b: BranchesResult): TextStopReason | undefined {
  const bad = b.branches.find((x) => x.stopReason !== 'stop-id');
  if (!bad) return undefined;
  return bad.stopReason === 'aborted'
    ? 'aborted'
    : bad.stopReason === 'max-time'
      ? 'time-limit'
      : 'max-tokens';
}

export async function decodeBatched(
  model: LoadedModel,
  input: TextGenerationInput,
  maxNewTokens: number,
): Promise<TextGenerationOutput> {
  const t0 = performance.now();
  const { grammar } = input;
  const tok = model.tokenizer;
  const id = (w: string) => tok.idOf(w)!;
  const limits = () => ({
    ...(input.maxMs !== undefined ? { maxMs: Math.max(0, input.maxMs - (performance.now() - t0)) } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const parts: Part[] = [];
  const emitted = () => parts.reduce((s, p) => s + p.emitted, 0);
  const text = () => parts.map((p) => p.text).join(' ');
  /**
   * Tokens a batched row may emit: its share of the total budget, at most the context. Each row
   * has its own positions (generateBranches stops a row at the model's context), so rows are not
   * cut at a 7th of one context as they were: a model day longer than that no longer ends unparsed.
   */
  const perRow = (rows: number) =>
    Math.max(1, Math.min(model.config.maxPositions - 1, Math.floor((maxNewTokens - emitted()) / rows)));
  const out = (stop: TextStopReason): TextGenerationOutput => ({
    text: text(),
    stopReason: stop,
    tokensEmitted: emitted(),
    tokensRun: parts.reduce((s, p) => s + p.runs, 0),
  });
  // The grammar state after the text so far: each part is replayed once, when first asked for
  // (the batches' rows were decoded from states of their own; the replay checks the joined text).
  let replayed = 0;
  let replayedState = grammar.start;
  const stateNow = (): GrammarState => {
    for (; replayed < parts.length; replayed++)
      for (const w of parts[replayed]!.text.split(' ')) replayedState = grammar.advance(replayedState, w);
    return replayedState;
  };
  /** Sequential decoding from the text so far until `endWord` (streamed). */
  const sequential = async (endWord: string, from: GrammarState | undefined): Promise<boolean> => {
    const c = grammarConstraint(grammar, tok, from ? { from } : {});
    const it = streamGenerate(model, {
      prompt: parts.length === 0 ? input.prompt : `${input.prompt} ${text()}`,
      constraint: until(c, id(endWord)) as TokenConstraint,
      maxNewTokens: Math.max(1, Math.min(model.config.maxPositions - 1, maxNewTokens - emitted())),
      ...limits(),
    });
    let r: IteratorResult<GeneratedToken, GenerateResult>;
    let first = parts.length === 0;
    for (;;) {
      r = await it.next();
      if (r.done) break;
      input.onToken?.(first ? r.value.text : ` ${r.value.text.trimStart()}`);
      first = false;
    }
    const a = r.value;
    const done = a.stopReason === 'grammar-complete' && a.text.split(' ').at(-1) === endWord;
    parts.push({
      text: a.text,
      emitted: a.stats.generatedTokens,
      runs: a.stats.modelSteps,
      ...(done ? {} : { stop: STOP[a.stopReason] }),
    });
    return done;
  };
  const emit = (s: string) => {
    if (input.onToken) for (const w of s.split(' ')) input.onToken(` ${w}`);
  };

  // 1. The head, to the first `<week>`; then the sessions as one batch when their days are given.
  const days = input.sessionDays;
  if (days !== undefined && days.length > 0) {
    if (!(await sequential('<week>', undefined))) return out(parts.at(-1)!.stop!);
    const afterWeek = stateNow();
    if (!grammar.allowedNext(afterWeek).has('<session>')) {
      if (!(await sequential('<day>', afterWeek))) return out(parts.at(-1)!.stop!);
      return days1();
    }
    const first = grammar.advance(afterWeek, '<session>');
    const rows = days.map((d, k) =>
      onDay(
        grammarConstraint(grammar, tok, {
          from: { ...first, sessions: k + 1, lastDay: d - 1 },
        }) as TokenConstraint<GrammarState>,
        id(`d:${d}`),
      ),
    );
    const b = await generateBranches(model, {
      prompt: `${input.prompt} ${text()} <session>`,
      branches: rows as TokenConstraint[],
      stopIds: [id('<session>'), id('<meals>'), id('<week>'), id('<week:deload>')],
      maxNewTokens: perRow(days.length),
      ...limits(),
      diverse: true,
    });
    const sessions = b.branches.map((x) => `<session> ${x.text}`).join(' ');
    parts.push({ text: sessions, emitted: b.stats.generatedTokens + days.length, runs: b.stats.modelSteps });
    const stop = branchStop(b);
    if (stop) return out(stop);
    emit(sessions);
    // The week must end here (one week: `<meals>`); if it cannot (a day list that does not fit
    // this grammar), the model writes the rest of the week sequentially.
    const end = stateNow();
    if (grammar.allowedNext(end).has('<meals>')) {
      parts.push({ text: '<meals> <day>', emitted: 2, runs: 0 });
      emit('<meals> <day>');
    } else if (!(await sequential('<day>', end))) return out(parts.at(-1)!.stop!);
  } else if (!(await sequential('<day>', undefined))) return out(parts.at(-1)!.stop!);

  return days1();

  // 2. The meal-plan days as one batch from the state after the first `<day>`.
  async function days1(): Promise<TextGenerationOutput> {
    const state = stateNow();
    const nDays = input.batchDays ?? 1;
    const b = await generateBranches(model, {
      prompt: `${input.prompt} ${text()}`,
      branches: Array.from({ length: nDays }, () => grammarConstraint(grammar, tok, { from: state })),
      stopIds: [id('<day>'), id('</plan>')],
      maxNewTokens: perRow(nDays),
      ...limits(),
      diverse: true,
      diverseAfter: MEAL_TYPES.map((t) => tok.idOf(`<meal:${t}>`)).filter((x) => x !== undefined),
    });
    const tail = b.branches.map((x) => x.text).join(' <day> ');
    const stop = branchStop(b);
    if (stop) {
      parts.push({ text: tail, emitted: b.stats.generatedTokens, runs: b.stats.modelSteps });
      return out(stop);
    }
    // The `<day>` markers between days and `</plan>` are appended without a model run.
    parts.push({
      text: `${tail} </plan>`,
      emitted: b.stats.generatedTokens + nDays,
      runs: b.stats.modelSteps,
    });
    emit(`${tail} </plan>`);
    if (!grammar.isComplete(stateNow())) return out('max-tokens');
    return out('complete');
  }
}
