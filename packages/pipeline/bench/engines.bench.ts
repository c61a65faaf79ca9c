/**
 * One training step (masked loss, backward, clipping by global norm, AdamW) of the same model on
 * the same batch in the two engines: TF.js on the wasm backend, in-process (the trainer's step),
 * against PyTorch in a long-lived worker process (python/nexfitra_torch/bench_worker.py; each
 * step is one line over a pipe, a few µs next to the step). Shapes: the default model (GPT-2
 * 4 × 64, 1,024 positions, the plan-language vocabulary) and a larger one (6 × 128), batch 2 ×
 * 560 tokens (the training set's median row). tokens/s = 2 × 559 / step time. Skipped, saying
 * why, without a Python with torch. The torch worker uses all cores (torch threads and
 * OpenBLAS) with OMP_WAIT_POLICY=PASSIVE, as the engine launches it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { languageVocabulary } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, bench, describe } from 'vitest';
import { checkGpt2Config } from '../src/model/config';
import { Gpt2Model } from '../src/model/gpt2';
import { languageModelLoss } from '../src/model/train';
import { initGpt2Weights } from '../src/model/weights';
import { AdamW, clipByGlobalNorm } from '../src/train/adamw';
import { findTorch, torchPackageDir } from '../src/train/torchEngine';

await tf.setBackend('wasm');
const V = languageVocabulary().length;
const LEN = 560;
const torch = await findTorch();
if (!torch)
  console.warn(
    'engines.bench: torch benches skipped: no Python with torch (apt-get install python3-torch libopenblas0-pthread)',
  );

/** A TF.js step function for a layers × embd model. */
function tfjsStep(layers: number, embd: number): () => void {
  const config = checkGpt2Config({
    vocab_size: V,
    n_positions: 1024,
    n_embd: embd,
    n_layer: layers,
    n_head: 4,
  });
  const ids = Array.from({ length: 2 * LEN }, (_, i) => 4 + ((i * 7919) % (V - 4)));
  const tokens = tf.tensor2d(ids, [2, LEN], 'int32');
  const mask = tf.ones([2, LEN - 1]) as tf.Tensor2D;
  const model = Gpt2Model.fromWeights(config, initGpt2Weights(config, { seed: 1 }));
  const adamw = new AdamW(model.variables);
  const names = [...model.variables.keys()];
  return () => {
    const { value, grads } = tf.variableGrads(
      () => languageModelLoss(model, tokens, mask),
      model.trainableVariables(),
    );
    const byName: Record<string, tf.Tensor> = {};
    model.trainableVariables().forEach((v, i) => {
      byName[names[i]!] = grads[v.name]!;
    });
    const c = clipByGlobalNorm(byName, 1);
    adamw.step(c.grads, 1e-3);
    value.dispose();
    for (const g of Object.values(c.grads)) g.dispose();
  };
}

const workers: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const w of workers) w.kill();
});

/** A torch step function: starts the worker once, then one request/answer line per step. */
function torchStep(layers: number, embd: number): () => Promise<void> {
  let ready: Promise<(() => Promise<void>) | undefined> | undefined;
  const start = () => {
    const cores = String(availableParallelism());
    const w = spawn(
      torch!.python,
      [
        '-m',
        'nexfitra_torch.bench_worker',
        '--vocab',
        String(V),
        '--layers',
        String(layers),
        '--embd',
        String(embd),
        '--len',
        String(LEN),
        '--threads',
        cores,
      ],
      {
        env: {
          ...process.env,
          PYTHONPATH: torchPackageDir(),
          OPENBLAS_NUM_THREADS: cores,
          OMP_WAIT_POLICY: 'PASSIVE',
        },
      },
    );
    workers.push(w);
    const lines = createInterface({ input: w.stdout });
    const waiting: (() => void)[] = [];
    return new Promise<(() => Promise<void>) | undefined>((resolve) => {
      lines.on('line', (l) => {
        if (l === 'ready')
          resolve(
            () =>
              new Promise<void>((done) => {
                waiting.push(done);
                w.stdin.write('step\n');
              }),
          );
        else if (l === 'done') waiting.shift()?.();
      });
      w.on('close', () => resolve(undefined));
    });
  };
  return async () => {
    ready ??= start();
    const step = await ready;
    if (!step) throw new Error('engines.bench: the torch worker exited');
    await step();
  };
}

for (const [layers, embd] of [
  [4, 64],
  [6, 128],
] as const) {
  describe(`train step, GPT-2 ${layers} × ${embd}, batch 2 × ${LEN} tokens`, () => {
    bench('tfjs (wasm, in-process)', tfjsStep(layers, embd), { iterations: 3, warmupIterations: 1 });
    bench.skipIf(!torch)('torch (worker process)', torchStep(layers, embd), {
      iterations: 5,
      warmupIterations: 2,
    });
  });
}
