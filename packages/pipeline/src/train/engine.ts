import { NexFitraError } from '@nexfitra/core';
import type { Gpt2Config } from '../model/config';
import { type TorchOptions, type TorchTrainOptions, trainWithTorch } from './torchEngine';
import { type TrainResult, trainModel } from './trainer';

/** The training engines: `tfjs` (in-process, default) and `torch` (a PyTorch subprocess). */
export const TRAIN_ENGINES = ['tfjs', 'torch'] as const;
export type TrainEngine = (typeof TRAIN_ENGINES)[number];

export interface EngineOptions {
  /** Default `tfjs`. */
  readonly engine?: TrainEngine;
  /** Settings of the torch engine. */
  readonly torch?: TorchOptions;
}

/**
 * Runs one training run on the chosen engine. Both read the same examples, config and
 * hyper-parameters and write the same checkpoint (see `trainModel` and `trainWithTorch`); the
 * tfjs engine uses the current TF.js backend. A llama config trains on the torch engine only.
 * @throws NexFitraError (`INVALID_ENUM`, path `engine`) for another engine name, (`INCONSISTENT`)
 *   for a llama config on the tfjs engine
 */
export function trainWithEngine(options: TorchTrainOptions & EngineOptions): Promise<TrainResult> {
  const engine = options.engine ?? 'tfjs';
  if (engine === 'tfjs') {
    if ((options.config as { model_type?: string }).model_type === 'llama') {
      return Promise.reject(
        new NexFitraError({
          code: 'INCONSISTENT',
          fn: 'trainWithEngine',
          path: ['engine'],
          value: engine,
          allowed:
            'torch for a llama config (the tfjs trainer trains GPT-2; finetune adapts llama checkpoints in tfjs)',
        }),
      );
    }
    return trainModel({ ...options, config: options.config as Gpt2Config });
  }
  if (engine === 'torch') return trainWithTorch(options, options.torch);
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn: 'trainWithEngine',
    path: ['engine'],
    value: engine,
    allowed: TRAIN_ENGINES.join(', '),
  });
}
