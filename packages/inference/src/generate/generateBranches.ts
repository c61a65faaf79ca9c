import { NexFitraError } from '@nexfitra/core';
import { checkNumber, checkObject } from '@nexfitra/core/internal';
import type { LoadedModel } from '../model/loaded';
import { _KvDecoder } from './_kv';
import type { TokenConstraint } from './constraint';
import { _argmaxRow } from './sampling';

export interface BranchesOptions {
  /** The shared prefix: run through the model once, its cache copied to every branch. */
  readonly prompt: string;
  /** One constraint per branch, each from its own start state (for example one plan day each). */
  readonly branches: readonly TokenConstraint[];
  /** Ids that end a branch when chosen (not emitted), e.g. the marker that would open the next part. */
  readonly stopIds?: readonly number[];
  /** Most tokens per branch (1 – 1,000,000). */
  readonly maxNewTokens: number;
  readonly maxMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Branches that start alike would decode alike under greedy decoding (same context, same
   * logits). With `diverse`, at a branch's first real choice (more than one allowed id) branch
   * `i` takes its most likely allowed id that no branch before it took at that step (with one
   * shared context: the `i`-th most likely), then continues greedily.
   */
  readonly diverse?: boolean;
  /** With `diverse`: the first real choice after each of these ids is ranked too (e.g. each meal's first food). */
  readonly diverseAfter?: readonly number[];
}

export type BranchStopReason =
  | 'stop-id'
  | 'grammar-complete'
  | 'max-tokens'
  | 'max-positions'
  | 'max-time'
  | 'aborted';

export interface BranchesResult {
  readonly branches: readonly {
    readonly tokenIds: readonly number[];
    readonly text: string;
    readonly stopReason: BranchStopReason;
  }[];
  readonly stats: {
    readonly promptTokens: number;
    /** Tokens emitted by all branches together. */
    readonly generatedTokens: number;
    /** Batched `session.run` calls (prefill included). */
    readonly modelSteps: number;
    /** Tokens appended while every live branch was forced (no model run). */
    readonly jumpForwardTokens: number;
    readonly msTotal: number;
    readonly maskMs: number;
  };
}

const FN = 'generateBranches';

/**
 * Greedy decoding of several continuations of one prompt as ONE batch: the prompt runs once,
 * then every step feeds one token per branch in a single `session.run` — a plan's days, each
 * under its own grammar constraint, cost the steps of the longest day instead of their sum.
 * Branches move in lockstep; a finished branch leaves the batch (its cache rows are dropped), so
 * later runs compute only the branches still decoding. When every live branch is forced, the
 * tokens are appended without running the model.
 * The graph needs a symbolic batch dimension (the standard export has `batch_size`).
 * @throws NexFitraError naming a bad option; `OUT_OF_RANGE` for a prompt longer than the model's positions
 */
export async function generateBranches(
  model: LoadedModel,
  options: BranchesOptions,
): Promise<BranchesResult> {
  const o = checkObject(FN, 'options', options);
  if (typeof o['prompt'] !== 'string')
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: FN,
      path: ['prompt'],
      value: o['prompt'],
      allowed: 'a string',
    });
  if (!Array.isArray(o['branches']) || o['branches'].length === 0 || o['branches'].length > 64) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: FN,
      path: ['branches'],
      value: o['branches'],
      allowed: 'an array of 1 to 64 constraints',
    });
  }
  checkNumber(FN, 'maxNewTokens', o['maxNewTokens'], { min: 1, max: 1_000_000, integer: true });
  if (o['maxMs'] !== undefined) checkNumber(FN, 'maxMs', o['maxMs'], { min: 0 });
  const { config, tokenizer } = model;
  const t0 = performance.now();
  const prompt = tokenizer.encode(options.prompt);
  if (prompt.length === 0 || prompt.length >= config.maxPositions) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['prompt'],
      value: `${prompt.length} tokens`,
      allowed: `1 to ${config.maxPositions - 1} tokens (the model's positions)`,
    });
  }
  const B = options.branches.length;
  const stopIds = new Set(options.stopIds ?? []);
  const decoder = new _KvDecoder(model);
  let released = false;
  const release = () => {
    if (!released) decoder.release();
    released = true;
  };
  let first: Float32Array;
  try {
    first = await decoder.feed(prompt);
    decoder.tile(B);
  } catch (e) {
    release();
    throw e;
  }
  const c = options.branches;
  const state = c.map((k) => k.start);
  const out: number[][] = c.map(() => []);
  const stop: (BranchStopReason | undefined)[] = c.map(() => undefined);
  /** Each branch's logits: the run's output and the offset of its row in it. */
  const logits: Float32Array[] = c.map(() => first);
  const at: number[] = c.map(() => 0);
  /** Tokens chosen since the last run, per branch: `waiting` for each branch still decoding, fewer for one that stopped. */
  const pending: number[][] = c.map(() => []);
  let waiting = 0;
  /** Branch of each cache row of the decoder. */
  let inCache: number[] = c.map((_, i) => i);
  const allowed: (readonly number[])[] = c.map(() => []);
  const chosen = c.map(() => !options.diverse);
  const rankAfter = new Set(options.diverse ? (options.diverseAfter ?? []) : []);
  let maskMs = 0;
  let jump = 0;
  try {
    for (;;) {
      if (stop.every((x) => x !== undefined)) break;
      const now = performance.now();
      const halt: BranchStopReason | undefined = options.signal?.aborted
        ? 'aborted'
        : options.maxMs !== undefined && now - t0 > options.maxMs
          ? 'max-time'
          : decoder.length + waiting >= config.maxPositions
            ? 'max-positions'
            : undefined;
      if (halt !== undefined) {
        for (let i = 0; i < B; i++) stop[i] ??= halt;
        break;
      }
      const m0 = performance.now();
      let active = 0;
      let forcedAll = true;
      for (let i = 0; i < B; i++) {
        if (stop[i] !== undefined) continue;
        const a = c[i]!.allowed(state[i]);
        allowed[i] = a;
        if (a.length === 0) stop[i] = 'grammar-complete';
        else if (out[i]!.length >= options.maxNewTokens) stop[i] = 'max-tokens';
        else {
          active++;
          if (a.length !== 1) forcedAll = false;
        }
      }
      maskMs += performance.now() - m0;
      if (active === 0) break;
      if (!forcedAll && waiting > 0) {
        // Finished branches leave the cache once they are at least half of it (each copy of the
        // cache at least halves the rows, so the copies cost less than the rows they save).
        if (2 * active <= inCache.length) {
          const keep: number[] = [];
          inCache.forEach((i, r) => {
            if (stop[i] === undefined) keep.push(r);
          });
          decoder.keepRows(keep);
          inCache = keep.map((r) => inCache[r]!);
        }
        // A finished branch still in the cache feeds filler tokens (its row is never read again).
        const run = await decoder.feedRowsFlat(
          inCache.map((i) => {
            const p = pending[i]!;
            while (p.length < waiting) p.push(out[i]!.at(-1) ?? prompt.at(-1)!);
            return p;
          }),
        );
        for (let r = 0; r < inCache.length; r++) {
          logits[inCache[r]!] = run.data;
          at[inCache[r]!] = run.offsets[r]!;
        }
        for (const p of pending) p.length = 0;
        waiting = 0;
      }
      const m1 = performance.now();
      let taken: number[] | undefined;
      for (let i = 0; i < B; i++) {
        if (stop[i] !== undefined) continue;
        const a = allowed[i]!;
        let id: number;
        if (a.length === 1) id = a[0]!;
        else if (chosen[i]) id = _argmaxRow(logits[i]!, at[i]!, a);
        else {
          // The row's most likely id that no earlier row took at this step (any, when all are taken).
          chosen[i] = true;
          taken ??= [];
          id = _argmaxRow(logits[i]!, at[i]!, a, taken);
          taken.push(id);
        }
        if (forcedAll) jump++;
        if (stopIds.has(id)) {
          stop[i] = 'stop-id';
        } else {
          state[i] = c[i]!.advance(state[i], id);
          out[i]!.push(id);
          if (rankAfter.has(id)) chosen[i] = false;
        }
        pending[i]!.push(id);
      }
      waiting++;
      maskMs += performance.now() - m1;
    }
  } finally {
    release();
  }
  return {
    branches: out.map((ids, i) => ({
      tokenIds: ids,
      text: tokenizer.decode(ids),
      stopReason: stop[i] ?? 'max-tokens',
    })),
    stats: {
      promptTokens: prompt.length,
      generatedTokens: out.reduce((s, r) => s + r.length, 0),
      modelSteps: decoder.steps,
      jumpForwardTokens: jump,
      msTotal: performance.now() - t0,
      maskMs,
    },
  };
}
