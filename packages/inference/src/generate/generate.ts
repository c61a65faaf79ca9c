import { NexFitraError } from '@nexfitra/core';
import { checkNumber, checkObject } from '@nexfitra/core/internal';
import type { LoadedModel } from '../model/loaded';
import { _KvDecoder } from './_kv';
import type { TokenConstraint } from './constraint';
import { _picker, type SamplingOptions } from './sampling';

export interface GenerateOptions {
  /** Text the model continues (encoded with the model's tokenizer, its `<bos>` included). */
  readonly prompt: string;
  /** Keeps the output inside a language (see `grammarConstraint`); none: free text until an end-of-sequence token. */
  readonly constraint?: TokenConstraint;
  /** Most tokens to emit (1 – 1,000,000); generation also stops (`max-positions`) when the model's context is full. */
  readonly maxNewTokens: number;
  /** Stop after this many milliseconds (checked between model steps). */
  readonly maxMs?: number;
  readonly signal?: AbortSignal;
  readonly sampling?: SamplingOptions;
}

/** Why generation stopped; `max-positions`: the model's context (prompt + output) is full. */
export type StopReason = 'eos' | 'max-tokens' | 'max-positions' | 'max-time' | 'aborted' | 'grammar-complete';

export interface GenerateStats {
  readonly promptTokens: number;
  /** Tokens emitted. */
  readonly generatedTokens: number;
  /** `session.run` calls (prefill included): fewer than tokens when jump-forward appends forced ones. */
  readonly modelSteps: number;
  /** Tokens appended without choosing (the constraint allowed exactly one). */
  readonly jumpForwardTokens: number;
  readonly msFirstToken: number;
  readonly msTotal: number;
  /** Time spent computing constraint masks. */
  readonly maskMs: number;
}

export interface GenerateResult {
  readonly text: string;
  readonly tokenIds: readonly number[];
  readonly stats: GenerateStats;
  readonly stopReason: StopReason;
}

/** One emitted token; `text` is what it adds to the decoded output (its separator included). */
export interface GeneratedToken {
  readonly tokenId: number;
  readonly text: string;
}

const FN = 'generate';

function checkOptions(options: GenerateOptions): void {
  const o = checkObject(FN, 'options', options);
  if (typeof o['prompt'] !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: FN,
      path: ['prompt'],
      value: o['prompt'],
      allowed: 'a string',
    });
  }
  checkNumber(FN, 'maxNewTokens', o['maxNewTokens'], {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  if (o['maxMs'] !== undefined) checkNumber(FN, 'maxMs', o['maxMs'], { min: 0 });
}

/**
 * @internal The loop: prefill, then per token a mask from the constraint, a pick, and one cached
 * model step — skipped while the constraint allows exactly one token (jump-forward: forced tokens
 * are fed together in the next step). Yields each token; returns the result.
 */
export async function* _decode(
  model: LoadedModel,
  options: GenerateOptions,
): AsyncGenerator<GeneratedToken, GenerateResult> {
  checkOptions(options);
  const pick = _picker(FN, options.sampling);
  const { tokenizer } = model;
  const t0 = performance.now();
  const prompt = tokenizer.encode(options.prompt);
  if (prompt.length === 0 || prompt.length >= model.config.maxPositions) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['prompt'],
      value: `${prompt.length} tokens`,
      allowed: `1 to ${model.config.maxPositions - 1} tokens (the model's positions)`,
    });
  }
  const c = options.constraint;
  const eos = new Set(tokenizer.eosIds);
  const decoder = new _KvDecoder(model);
  const out: number[] = [];
  let pending: number[] = [...prompt];
  let state = c?.start;
  let maskMs = 0;
  let jump = 0;
  let msFirst = 0;
  let stop: StopReason = 'max-tokens';
  try {
    for (;;) {
      if (options.signal?.aborted) {
        stop = 'aborted';
        break;
      }
      if (options.maxMs !== undefined && performance.now() - t0 > options.maxMs) {
        stop = 'max-time';
        break;
      }
      if (out.length >= options.maxNewTokens) {
        stop = 'max-tokens';
        break;
      }
      if (prompt.length + out.length >= model.config.maxPositions) {
        stop = 'max-positions';
        break;
      }
      let allowed: readonly number[] | null = null;
      if (c !== undefined) {
        const m0 = performance.now();
        allowed = c.allowed(state);
        maskMs += performance.now() - m0;
        if (allowed.length === 0) {
          stop = 'grammar-complete';
          break;
        }
      }
      let id: number;
      if (allowed !== null && allowed.length === 1) {
        id = allowed[0]!;
        jump++;
      } else {
        const logits = await decoder.feed(pending);
        pending = [];
        id = pick(logits, allowed);
      }
      if (c === undefined && eos.has(id)) {
        stop = 'eos';
        break;
      }
      if (c !== undefined) {
        const m0 = performance.now();
        state = c.advance(state, id);
        maskMs += performance.now() - m0;
      }
      out.push(id);
      pending.push(id);
      if (out.length === 1) msFirst = performance.now() - t0;
      const piece = tokenizer.tokenText(id);
      yield { tokenId: id, text: tokenizer.kind === 'word' && out.length > 1 ? ` ${piece}` : piece };
      if (c?.isComplete(state)) {
        stop = 'grammar-complete';
        break;
      }
    }
  } finally {
    decoder.release();
  }
  return {
    text: tokenizer.decode(out),
    tokenIds: out,
    stopReason: stop,
    stats: {
      promptTokens: prompt.length,
      generatedTokens: out.length,
      modelSteps: decoder.steps,
      jumpForwardTokens: jump,
      msFirstToken: msFirst,
      msTotal: performance.now() - t0,
      maskMs,
    },
  };
}

/**
 * Generates text from a loaded model with a KV cache: greedy or seeded sampling, an optional
 * constraint (with jump-forward), abort, max tokens and max time. Stopping early is not an
 * error: `stopReason` says why it stopped and the text so far is returned.
 * @throws NexFitraError `INVALID_TYPE` / `OUT_OF_RANGE` naming a bad option, or a prompt longer than the model's positions
 * @example
 * const r = await generate(model, { prompt, constraint, maxNewTokens: 800 });
 * parsePlan(r.text)
 */
export async function generate(model: LoadedModel, options: GenerateOptions): Promise<GenerateResult> {
  const it = _decode(model, options);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}

/**
 * The same loop as {@link generate}, token by token, for UIs. Breaking out of the loop (or an
 * abort) stops generation and frees the cache.
 */
export async function* streamGenerate(
  model: LoadedModel,
  options: GenerateOptions,
): AsyncGenerator<GeneratedToken, GenerateResult> {
  return yield* _decode(model, options);
}
