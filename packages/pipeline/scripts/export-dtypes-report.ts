/**
 * Exports a checkpoint (gpt2 or llama) in fp32, int8 (q8) and 4-bit (q4) and measures each
 * against fp32 in onnxruntime-node with its default optimisations: file size, max and mean
 * absolute logit error, and top-1 agreement, over the plan tokens of real rows (teacher-forced:
 * the full `<bos> prompt plan` sequence in one pass). Writes the folder with a manifest that
 * lists the three dtypes (q8 first, the one the runtime loads by default), and the initializer
 * bytes of each file by group (token table and head, position table, block matrices, the rest).
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/export-dtypes-report.ts \
 *        --checkpoint datasets/build/runs/default/checkpoint --tokenizer datasets/build/runs/default/tokenizer \
 *        --rows datasets/build/training-default/test.jsonl [--n 8] [--out /tmp/nexfitra-dtypes]
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { readGpt2Checkpoint } from '../src/checkpoint/hf';
import { readLlamaCheckpoint } from '../src/checkpoint/llama';
import { exportGpt2ToTransformersJs } from '../src/export/folder';
import { ONNX_FILE_NAMES, type OnnxDtype } from '../src/export/gpt2-onnx';
import { exportLlamaToTransformersJs } from '../src/export/llamaFolder';
import { writeModelManifest } from '../src/export/manifest';
import { tokenizeExample } from '../src/train/examples';

const { values: a } = parseArgs({
  options: {
    checkpoint: { type: 'string' },
    tokenizer: { type: 'string' },
    rows: { type: 'string' },
    n: { type: 'string', default: '8' },
    out: { type: 'string', default: '/tmp/nexfitra-dtypes' },
  },
});
if (!a.checkpoint || !a.rows) {
  console.error(
    'usage: export-dtypes-report.ts --checkpoint <dir> --rows <rows.jsonl> [--tokenizer <dir>] [--n 8] [--out <dir>]',
  );
  process.exit(2);
}
const raw = JSON.parse(await readFile(join(a.checkpoint, 'config.json'), 'utf8')) as { model_type?: string };
const llama = raw.model_type === 'llama';
const opts = a.tokenizer ? { tokenizerDir: a.tokenizer } : {};
let layers: number;
let kvHeads: number;
let headDim: number;
let maxLen: number;
if (llama) {
  const ck = await readLlamaCheckpoint(a.checkpoint);
  await exportLlamaToTransformersJs(a.out, ck.config, ck.weights, opts);
  [layers, kvHeads, headDim, maxLen] = [
    ck.config.num_hidden_layers,
    ck.config.num_key_value_heads,
    ck.config.head_dim,
    ck.config.max_position_embeddings,
  ];
} else {
  const ck = await readGpt2Checkpoint(a.checkpoint);
  await exportGpt2ToTransformersJs(a.out, ck.config, ck.weights, opts);
  [layers, kvHeads, headDim, maxLen] = [
    ck.config.n_layer,
    ck.config.n_head,
    ck.config.n_embd / ck.config.n_head,
    ck.config.n_positions,
  ];
}
if (a.tokenizer)
  await writeModelManifest(a.out, { name: 'dtypes-report', version: '0.0.0', dtypes: ['q8', 'fp32', 'q4'] });

// Sequences: the first n rows that fit the context.
const seqs: { ids: number[]; planStart: number }[] = [];
for await (const line of createInterface({ input: createReadStream(a.rows), crlfDelay: Infinity })) {
  if (line.trim() === '' || seqs.length >= Number(a.n)) continue;
  const e = tokenizeExample(JSON.parse(line));
  if (e.ids.length - 1 <= maxLen) seqs.push({ ids: [...e.ids.slice(0, -1)], planStart: e.planStart });
}

async function logits(dtype: OnnxDtype, ids: number[]): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(join(a.out!, 'onnx', ONNX_FILE_NAMES[dtype]));
  const n = ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    position_ids: new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (_, i) => BigInt(i)),
      [1, n],
    ),
  };
  for (let l = 0; l < layers; l++) {
    for (const kv of ['key', 'value'])
      feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
        1,
        kvHeads,
        0,
        headDim,
      ]);
  }
  const out = (await s.run(feeds))['logits']!.data as Float32Array;
  await s.release();
  return out;
}

/** Initializer bytes by group, read back from the file with onnx-proto. */
async function initializerGroups(file: string): Promise<Record<string, number>> {
  const groups: Record<string, number> = { tokenTableAndHead: 0, positions: 0, blockMatrices: 0, other: 0 };
  const model = onnxProto.onnx.ModelProto.decode(await readFile(file));
  for (const t of model.graph?.initializer ?? []) {
    const n = t.name ?? '';
    const key = /^(wte|lm_head|embed_tokens)/.test(n)
      ? 'tokenTableAndHead'
      : /^(wpe|rotary)/.test(n)
        ? 'positions'
        : /(c_attn|c_proj|c_fc|_proj)\.weight/.test(n)
          ? 'blockMatrices'
          : 'other';
    groups[key]! += t.rawData?.length ?? 0;
  }
  return groups;
}

const report: Record<string, unknown>[] = [];
const fp: Float32Array[] = [];
for (const s of seqs) fp.push(await logits('fp32', s.ids));
const V = fp[0]!.length / seqs[0]!.ids.length;
for (const dtype of ['fp32', 'q8', 'q4'] as const) {
  let max = 0;
  let sum = 0;
  let count = 0;
  let agree = 0;
  let positions = 0;
  for (const [k, s] of seqs.entries()) {
    const q = dtype === 'fp32' ? fp[k]! : await logits(dtype, s.ids);
    for (let t = s.planStart - 1; t < s.ids.length; t++) {
      let am = 0;
      let bm = 0;
      for (let v = 0; v < V; v++) {
        const i = t * V + v;
        const e = Math.abs(q[i]! - fp[k]![i]!);
        max = Math.max(max, e);
        sum += e;
        count++;
        if (q[i]! > q[t * V + am]!) am = v;
        if (fp[k]![i]! > fp[k]![t * V + bm]!) bm = v;
      }
      agree += am === bm ? 1 : 0;
      positions++;
    }
  }
  const bytes = (await stat(join(a.out, 'onnx', ONNX_FILE_NAMES[dtype]))).size;
  report.push({
    dtype,
    file: `onnx/${ONNX_FILE_NAMES[dtype]}`,
    bytes,
    initializerBytes: await initializerGroups(join(a.out, 'onnx', ONNX_FILE_NAMES[dtype])),
    maxAbsErr: max,
    meanAbsErr: sum / count,
    top1Agreement: agree / positions,
    positions,
  });
}
console.log(
  JSON.stringify(
    { checkpoint: a.checkpoint, family: llama ? 'llama' : 'gpt2', sequences: seqs.length, report },
    null,
    2,
  ),
);
