import { NexFitraError } from '@nexfitra/core';
import { type TorchOptions, trainWithTorch } from './torchEngine';
import { type TrainOptions, type TrainResult, trainModel } from './trainer';

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
 * tfjs engine uses the current TF.js backend.
 * @throws NexFitraError (`INVALID_ENUM`, path `engine`) for another engine name
 */
export function trainWithEngine(options: TrainOptions & EngineOptions): Promise<TrainResult> {
  const engine = options.engine ?? 'tfjs';
  if (engine === 'tfjs') return trainModel(options);
  if (engine === 'torch') return trainWithTorch(options, options.torch);
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn: 'trainWithEngine',
    path: ['engine'],
    value: engine,
    allowed: TRAIN_ENGINES.join(', '),
  });
}
