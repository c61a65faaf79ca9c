/**
 * Measures the quantised exports against fp32 in onnxruntime-node: file sizes and max/mean
 * absolute logit error, plus top-1 agreement, on random weights.
 *
 * Run: npx tsx packages/pipeline/scripts/quant-report.ts
 */
import * as ort from 'onnxruntime-node';
import { buildGpt2Onnx, type OnnxDtype } from '../src/export/gpt2-onnx';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { type InitOptions, initGpt2Weights } from '../src/model/weights';

async function logits(
  bytes: Uint8Array,
  c: Gpt2Config,
  ids: number[],
  level: 'basic' | 'all',
): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: level });
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
  const hd = c.n_embd / c.n_head;
  for (let l = 0; l < c.n_layer; l++) {
    for (const kv of ['key', 'value']) {
      feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
        1,
        c.n_head,
        0,
        hd,
      ]);
    }
  }
  return (await s.run(feeds))['logits']!.data as Float32Array;
}

async function report(label: string, raw: Record<string, unknown>, init: InitOptions, seqLen: number) {
  const c = checkGpt2Config(raw);
  const w = initGpt2Weights(c, init);
  const ids = Array.from({ length: seqLen }, (_, i) => (i * 7919 + 13) % c.vocab_size);
  const V = c.vocab_size;
  const fp = buildGpt2Onnx(c, w, 'fp32');
  const ref = await logits(fp, c, ids, 'all');
  const meanAbs = ref.reduce((a, b) => a + Math.abs(b), 0) / ref.length;
  console.log(
    `\n${label}: ${JSON.stringify(raw)}; init ${JSON.stringify(init)}; mean |logit| ${meanAbs.toFixed(4)}`,
  );
  console.log('dtype\tbytes\tORT level\tmax err\tmean err\ttop-1 agree');
  console.log(`fp32\t${fp.length}`);
  for (const dtype of ['q8', 'q4'] as OnnxDtype[]) {
    const bytes = buildGpt2Onnx(c, w, dtype);
    for (const level of ['basic', 'all'] as const) {
      const got = await logits(bytes, c, ids, level);
      let max = 0;
      let sum = 0;
      let agree = 0;
      for (let i = 0; i < got.length; i++) {
        const e = Math.abs(got[i]! - ref[i]!);
        max = Math.max(max, e);
        sum += e;
      }
      for (let t = 0; t < seqLen; t++) {
        const arg = (a: Float32Array) => {
          let b = 0;
          for (let v = 1; v < V; v++) if (a[t * V + v]! > a[t * V + b]!) b = v;
          return b;
        };
        if (arg(got) === arg(ref)) agree++;
      }
      console.log(
        `${dtype}\t${bytes.length}\t${level}\t${max.toExponential(3)}\t${(sum / got.length).toExponential(3)}\t${agree}/${seqLen}`,
      );
    }
  }
}

await report(
  'test model',
  { vocab_size: 300, n_positions: 128, n_embd: 64, n_layer: 2, n_head: 4 },
  { seed: 11, std: 0.2, randomizeAll: true },
  32,
);
await report(
  'fixture',
  { vocab_size: 300, n_positions: 128, n_embd: 32, n_layer: 2, n_head: 4 },
  { seed: 20240501, std: 0.1, randomizeAll: true },
  32,
);
await report(
  'plan-model size, HF init',
  { vocab_size: 2048, n_positions: 512, n_embd: 256, n_layer: 4, n_head: 8 },
  { seed: 1, std: 0.02 },
  64,
);
