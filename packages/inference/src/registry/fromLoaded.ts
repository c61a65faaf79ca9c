/**
 * A loaded ONNX decoder (see `loadModel` of the `/node` and `/web` entries) as a registry text
 * model: generation constrained by the request's plan grammar, seeded sampling, streaming,
 * abort and limits. Runtime-agnostic: the session it runs was opened by the caller's adapter.
 */

import { type GenerateOptions, type StopReason, streamGenerate } from '../generate/generate';
import { grammarConstraint } from '../generate/grammarConstraint';
import type { LoadedModel } from '../model/loaded';
import { canBatch, decodeBatched } from './_batchedPlan';
import type { TextPlanModel, TextStopReason } from './types';

/** Sampling a text model uses in `generatePlan`: greedy by default (the model's best plan). */
export interface TextModelSampling {
  readonly temperature?: number;
  readonly topK?: number;
  readonly topP?: number;
}

export interface TextModelOptions {
  /** Registry id; default the manifest's name, else `model`. */
  readonly id?: string;
  readonly sampling?: TextModelSampling;
}

const STOP: Readonly<Record<StopReason, TextStopReason>> = {
  'grammar-complete': 'complete',
  eos: 'complete',
  'max-tokens': 'max-tokens',
  'max-positions': 'max-tokens',
  'max-time': 'time-limit',
  aborted: 'aborted',
};

/**
 * Wraps `model` so `generatePlan` and the registry can use it. Each `generate` call builds the
 * grammar constraint for its request (word-level or sub-word tokenizers alike), caps the token
 * budget at the model's positions, and reports tokens emitted and model steps run. With
 * `input.sessionDays` / `input.batchDays`, greedy decoding and a word-level tokenizer, the
 * week's sessions and the meal-plan days are decoded as batches (see `generateBranches`).
 * @example registry.register('plan-small', textModelFromLoaded(await loadModel(dir)))
 */
export function textModelFromLoaded(model: LoadedModel, options: TextModelOptions = {}): TextPlanModel {
  const m = model.manifest;
  const id = options.id ?? m?.name ?? 'model';
  return {
    kind: 'text',
    info: {
      id,
      kind: 'text',
      name: m?.name ?? id,
      version: m?.version ?? '0.0.0',
      description: `${m?.family ?? 'decoder'} plan model (${model.dtype}) on ${model.backend}`,
      backend: model.backend,
    },
    async generate(input) {
      const sampling = options.sampling ?? {};
      const maxNewTokens = Math.max(1, Math.min(input.maxNewTokens, model.config.maxPositions - 1));
      const greedy = !(sampling.temperature !== undefined && sampling.temperature > 0);
      if (greedy && canBatch(model) && (input.batchDays !== undefined || input.sessionDays !== undefined)) {
        // Batched rows each have the whole context: the budget is the total over all rows.
        return decodeBatched(model, input, Math.max(1, input.maxNewTokens));
      }
      const opts: GenerateOptions = {
        prompt: input.prompt,
        constraint: grammarConstraint(input.grammar, model.tokenizer),
        maxNewTokens,
        ...(input.maxMs !== undefined ? { maxMs: input.maxMs } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        sampling: { ...sampling, seed: input.seed },
      };
      const it = streamGenerate(model, opts);
      for (;;) {
        const r = await it.next();
        if (r.done) {
          const v = r.value;
          return {
            text: v.text,
            stopReason: STOP[v.stopReason],
            tokensEmitted: v.stats.generatedTokens,
            tokensRun: v.stats.modelSteps,
          };
        }
        input.onToken?.(r.value.text);
      }
    },
    dispose: () => model.dispose(),
  };
}
