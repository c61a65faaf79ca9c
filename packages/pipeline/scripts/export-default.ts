/**
 * Exports the default plan model from its training run to models/plan-default/ (int8 ONNX in
 * the transformers.js layout, tokenizer, config, loss curve, model card, nexfitra.json).
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/export-default.ts
 *        [--run datasets/build/runs/default] [--out models/plan-default] [--data dir]
 *        [--engine tfjs|torch] [--status "what a user should know, for the card"]
 *        [--checkpoint checkpoint|best] [--dtypes q8|fp32,q8,q4] [--device "CPU"|"one NVIDIA H200"]
 *        [--name nexfitra-plan-default] [--title "default"] [--base <folder of the base model>]
 *        [--version 0.2.0] [--rebuild <file of the exact rebuild commands, for the card>]
 *
 * `--checkpoint best` exports `<run>/best` (the lowest validation loss of a `--keep-best` run)
 * instead of the last step. `--base` marks the export as a fine-tuned variant of that model (the
 * card and the manifest name it).
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGpt2Checkpoint } from '../src/checkpoint/hf';
import { readLlamaCheckpoint } from '../src/checkpoint/llama';
import { exportGpt2ToTransformersJs } from '../src/export/folder';
import { exportLlamaToTransformersJs } from '../src/export/llamaFolder';
import { writeModelManifest } from '../src/export/manifest';
import { lossChartSvg, parseLossCsv } from '../src/train/lossChart';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const runDir = resolve(arg('run', join(ROOT, 'datasets', 'build', 'runs', 'default')));
const out = resolve(arg('out', join(ROOT, 'models', 'plan-default')));
const dataDir = resolve(arg('data', join(ROOT, 'datasets', 'build', 'training-default')));
const engine = arg('engine', 'tfjs');
const statusNote = arg('status', '');
const checkpointName = arg('checkpoint', 'checkpoint');
const dtypes = arg('dtypes', 'q8').split(',') as ('fp32' | 'q8' | 'q4')[];
const deviceNote = arg('device', 'a shared 2-core machine');
const modelName = arg('name', 'nexfitra-plan-default');
const title = arg('title', 'default');
/** The model's version in its manifest (`nexfitra.json`): bump it with every retrained export. */
const modelVersion = arg('version', '0.2.0');
const base = process.argv.includes('--base') ? arg('base', '') : undefined;
// --rebuild <file>: the exact commands that rebuilt this model, when they are not the defaults
// below (a run prepared here and trained on a GPU host, a fine-tuned variant).
const rebuildFile = process.argv.includes('--rebuild') ? arg('rebuild', '') : undefined;
const rebuildText = rebuildFile === undefined ? undefined : (await readFile(rebuildFile, 'utf8')).trim();
const ONNX_FILE = { fp32: 'model.onnx', q8: 'model_quantized.onnx', q4: 'model_q4.onnx' } as const;
const DTYPE_TEXT = { fp32: 'fp32', q8: 'int8 per-channel weights', q4: '4-bit block weights' } as const;
for (const d of dtypes) if (!(d in ONNX_FILE)) throw new Error(`--dtypes ${d}: use fp32, q8 and/or q4`);

const ckpt = join(runDir, checkpointName);
// The family from the checkpoint's config.json: a llama (model_type "llama") or GPT-2.
const isLlama =
  (JSON.parse(await readFile(join(ckpt, 'config.json'), 'utf8')) as { model_type?: string }).model_type ===
  'llama';
const llama = isLlama ? await readLlamaCheckpoint(ckpt) : undefined;
const gpt2 = isLlama ? undefined : await readGpt2Checkpoint(ckpt);
const weights = (llama ?? gpt2)!.weights;
const shape = llama
  ? {
      family: 'llama',
      layers: llama.config.num_hidden_layers,
      width: llama.config.hidden_size,
      heads: llama.config.num_attention_heads,
      positions: llama.config.max_position_embeddings,
      vocab: llama.config.vocab_size,
      extra: `, ${llama.config.num_key_value_heads} key/value heads, SwiGLU width ${llama.config.intermediate_size}, rotary positions`,
    }
  : {
      family: 'gpt2',
      layers: gpt2!.config.n_layer,
      width: gpt2!.config.n_embd,
      heads: gpt2!.config.n_head,
      positions: gpt2!.config.n_positions,
      vocab: gpt2!.config.vocab_size,
      extra: '',
    };
const state = JSON.parse(await readFile(join(ckpt, 'trainer_state.json'), 'utf8')) as {
  step: number;
  hyper: { seed: number; steps: number; batchSize: number; lr: number; minLr: number; warmupSteps: number };
  trainExamples: number;
  valLoss?: number;
};
const build = JSON.parse(await readFile(join(dataDir, 'build.json'), 'utf8')) as {
  options: { note?: string; seed?: number; n?: number; search?: string };
  result: { teacher: string; rows: Record<string, number>; profiles: number };
};
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const exportOptions = { tokenizerDir: join(runDir, 'tokenizer'), dtypes };
const files = llama
  ? await exportLlamaToTransformersJs(out, llama.config, weights, exportOptions)
  : await exportGpt2ToTransformersJs(out, gpt2!.config, weights, exportOptions);
await copyFile(join(runDir, 'loss.csv'), join(out, 'loss.csv'));
await writeFile(
  join(out, 'loss.svg'),
  lossChartSvg(parseLossCsv(await readFile(join(runDir, 'loss.csv'), 'utf8')), `${modelName}: loss`),
);
const evalPath = join(runDir, 'eval.json');
const evalText = await readFile(evalPath, 'utf8').catch(() => undefined);
const params = [...weights.values()].reduce((a, t) => a + t.data.length, 0);
const onnxSizes = await Promise.all(
  dtypes.map(async (d) => ({ d, bytes: (await stat(join(out, 'onnx', ONNX_FILE[d]))).size })),
);
const onnxBytes = onnxSizes.find((x) => x.d === 'q8')?.bytes ?? onnxSizes[0]!.bytes;
const onnxText = onnxSizes
  .map((x) => `\`onnx/${ONNX_FILE[x.d]}\` (${DTYPE_TEXT[x.d]}) is ${x.bytes.toLocaleString('en-US')} bytes`)
  .join('; ');
const stopText =
  checkpointName === 'best' && state.valLoss !== undefined
    ? ` The exported weights are those of step ${state.step}, the lowest validation loss (${state.valLoss.toFixed(4)}) of the run.`
    : '';
const card = `# NexFitra plan model — ${title} (${shape.family}, ${dtypes.join(' / ')})
${base === undefined ? '' : `\nA fine-tuned variant of \`${base}\` (all weights trained further on the variant's data).\n`}
A small decoder that writes NexFitra plans (week 1 of a training programme and the meal days) in
the plan language, for \`@nexfitra/inference\` (constrained decoding + repair + validation).
**Not medical advice.** It proposes choices; the runtime's grammar, portion solver and
validators keep every hard rule, and refusals (minors, pregnancy, lactation, loss when
underweight) are the runtime's, not the model's.

## Status
Trained for ${state.step} of ${state.hyper.steps} optimizer steps (batch ${state.hyper.batchSize}, about
${state.step * state.hyper.batchSize} sequences, ${((state.step * state.hyper.batchSize) / state.trainExamples).toFixed(2)} passes over the ${state.trainExamples} training rows) with the
${engine} engine on ${deviceNote}.${stopText}${statusNote === '' ? '' : ` ${statusNote}`}

## Model
${shape.family === 'llama' ? 'Llama' : 'GPT-2'} family: ${shape.layers} layers, width ${shape.width}, ${shape.heads} heads${shape.extra}, ${shape.positions}
positions, vocabulary ${shape.vocab} (the domain tokenizer, one token per plan-language word);
${params.toLocaleString('en-US')} parameters; ${onnxText}.

## Data
${build.result.rows['train']} train / ${build.result.rows['val']} val / ${build.result.rows['test']} test rows,
one per synthetic profile (${build.result.profiles} profiles drawn; refused requests left out), teacher
\`${build.result.teacher}\`. Population model and sources: datasets/training/README.md.

## Training
${engine === 'torch' ? `PyTorch (the torch engine, ${deviceNote})` : 'tfjs (wasm backend)'}, AdamW (β 0.9/0.95, weight decay 0.1 on matrices), peak LR ${state.hyper.lr}
with ${state.hyper.warmupSteps} warm-up steps and cosine decay to ${Number(state.hyper.minLr.toPrecision(3))}, clipping at
global norm 1, loss on the plan tokens only, seed ${state.hyper.seed}. Loss curve: \`loss.csv\`, \`loss.svg\`.

## Rebuild
\`\`\`sh
${
  rebuildText ??
  `${build.options.note !== undefined ? `# data: ${build.options.note}\n` : ''}npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/build-dataset.ts --n ${build.options.n ?? 2000} --seed ${build.options.seed ?? 20261129} --search ${build.options.search ?? 'best'} --out ${relative(ROOT, dataDir)}
npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/train-default.ts --data ${relative(ROOT, dataDir)} --run ${relative(ROOT, runDir)} --steps ${state.hyper.steps} --batch ${state.hyper.batchSize} --layers ${shape.layers} --embd ${shape.width}${shape.family === 'llama' ? ' --family llama' : ''} --lr ${state.hyper.lr} --warmup ${state.hyper.warmupSteps} --engine ${engine}   # resumes from its checkpoint
npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/export-default.ts --data ${relative(ROOT, dataDir)} --run ${relative(ROOT, runDir)} --engine ${engine}
npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/eval-default.ts --data ${relative(ROOT, dataDir)} --n 16 --save ${relative(ROOT, runDir)}/eval.json
npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/export-default.ts --data ${relative(ROOT, dataDir)} --run ${relative(ROOT, runDir)} --engine ${engine}   # again: the figures go into the card`
}
\`\`\`

## Held-out evaluation
${
  evalText === undefined
    ? `Not run yet for this export (scripts/eval-default.ts --save ${relative(ROOT, runDir)}/eval.json, then export again).`
    : `On the test split with constrained decoding, repair and validation (\`generatePlan\`), and the model's own
text before repair (scripts/eval-default.ts):

\`\`\`json
${evalText.trim()}
\`\`\``
}

## Intended use and limits
Proposing dish, food and exercise choices for adults whose requests the targets policy accepts,
inside the NexFitra runtime. Not for use without the runtime's constraints and validation; not
for clinical nutrition, eating disorders, pregnancy or minors.
`;
await writeFile(join(out, 'README.md'), card);
const manifest = await writeModelManifest(out, {
  name: modelName,
  version: modelVersion,
  dtypes,
  languageVersion: (
    JSON.parse(await readFile(join(runDir, 'language.json'), 'utf8')) as { languageVersion: string }
  ).languageVersion,
  training: {
    teacher: build.result.teacher,
    data: [
      `${relative(ROOT, dataDir)} (${build.result.rows['train']} train rows, seed ${build.options.seed ?? 20261129})`,
    ],
    seed: state.hyper.seed,
    steps: state.step,
  },
});
console.log(
  JSON.stringify({ files, step: state.step, params, onnxBytes, manifestFiles: manifest.files.length }),
);
