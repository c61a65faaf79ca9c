import { NexFitraError } from '@nexfitra/core';
import { checkGpt2Config, type Gpt2Config } from '../model/config';
import { checkGpt2Weights, type Gpt2Weights, type HostTensor } from '../model/weights';
import { DT, GraphBuilder } from './_graph';
import { matMulQ4, Q4_BLOCK_SIZE, q4Matrix } from './_q4graph';
import { quantizeInt8 } from './quantize';

export { Q4_BLOCK_SIZE };

/**
 * Weight formats of the exported graph, named after transformers.js's `dtype` option and file
 * suffixes: `fp32` → onnx/model.onnx, `q8` → onnx/model_quantized.onnx, `q4` → onnx/model_q4.onnx.
 */
export type OnnxDtype = 'fp32' | 'q8' | 'q4';

export const ONNX_FILE_NAMES: Readonly<Record<OnnxDtype, string>> = {
  fp32: 'model.onnx',
  q8: 'model_quantized.onnx',
  q4: 'model_q4.onnx',
};

const MASKED_SCORE = -3.4028234663852886e38;

/**
 * Conv1D weights that `q4` keeps in int8: the first block's query/key/value projection, the
 * most sensitive matrix measured. Keeping it alone at int8 costs 1.5 % more bytes and lifts top-1
 * agreement with fp32 by about 0.7 points on two trained 6 × 128 checkpoints
 * (docs/quantisation.md).
 */
export const Q4_INT8_MATRICES: readonly string[] = ['h.0.attn.c_attn'];

function t(weights: Gpt2Weights, name: string): HostTensor {
  return weights.get(name)!;
}

/**
 * Builds the ONNX graph of a GPT-2 decoder with KV cache, in the input/output layout that
 * transformers.js and HF optimum use: inputs `input_ids`, `attention_mask`, `position_ids`
 * (int64) and `past_key_values.{i}.key|value` `[batch_size, n_head, past_sequence_length,
 * head_dim]`; outputs `logits` `[batch_size, sequence_length, vocab_size]` and
 * `present.{i}.key|value`. Opset 17, IR 8; `q4` adds com.microsoft `MatMulNBits`.
 *
 * Masking: query i of the new tokens sits at absolute position past + i and may attend key j
 * when j ≤ past + i and attention_mask[b, j] = 1; other scores become float32's minimum before
 * the softmax (as HF GPT-2), so a fully padded row is uniform instead of NaN.
 *
 * Quantised variants are weight-only (activations stay float32):
 * - `q8`: every weight matrix is int8 with one symmetric scale per output channel, expanded by
 *   `DequantizeLinear` (opset 13, per-axis) before a float MatMul/Gather. This uses only standard
 *   ONNX ops, so every onnxruntime build runs it — node, the web wasm EP and WebGPU — and the
 *   error is the weight rounding alone. MatMulInteger (ORT's quantize_dynamic default) would also
 *   quantise activations per call (more error) and lacks WebGPU kernels.
 * - `q4`: every Conv1D weight but those in {@link Q4_INT8_MATRICES} uses `MatMulNBits` (bits 4,
 *   block 32, asymmetric with zero points); the token/position tables stay int8 as in `q8`, and
 *   the tied LM head reads the one
 *   int8 token table (a 4-bit head copy would store `wte` twice, and 4-bit logits lose top-1
 *   agreement; docs/quantisation.md has the measurements).
 *
 * @throws NexFitraError naming the config field or tensor that is missing, misshapen or not finite.
 */
export function buildGpt2Onnx(
  configIn: Gpt2Config,
  weights: Gpt2Weights,
  dtype: OnnxDtype = 'fp32',
): Uint8Array {
  const fn = 'buildGpt2Onnx';
  const c = checkGpt2Config(configIn, fn);
  checkGpt2Weights(c, weights, fn);
  if (dtype !== 'fp32' && dtype !== 'q8' && dtype !== 'q4') {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn,
      path: ['dtype'],
      value: dtype,
      allowed: '"fp32", "q8" or "q4"',
    });
  }
  const g = new GraphBuilder();
  const d = c.n_embd;
  const h = c.n_head;
  const hd = d / h;

  /** A float `[rows, cols]` table: an initializer (fp32) or int8 rows + DequantizeLinear. */
  const table = (name: string): string => {
    const w = t(weights, name);
    if (dtype === 'fp32') return g.floats(name, w.shape, w.data);
    const [rows, cols] = w.shape as [number, number];
    const { q, scales } = quantizeInt8(w.data, rows, cols, 0);
    const qn = g.initializer(`${name}_quantized`, DT.INT8, w.shape, new Uint8Array(q.buffer));
    const sn = g.floats(`${name}_scale`, [rows], scales);
    const zn = g.initializer(`${name}_zero_point`, DT.INT8, [rows], new Uint8Array(rows));
    return g.op('DequantizeLinear', [qn, sn, zn], { axis: 0 });
  };

  /** x · W + b for a Conv1D weight `[inDim, outDim]`. */
  const linear = (x: string, prefix: string): string => {
    const w = t(weights, `${prefix}.weight`);
    const [inDim, outDim] = w.shape as [number, number];
    const bias = g.floats(`${prefix}.bias`, [outDim], t(weights, `${prefix}.bias`).data);
    let y: string;
    if (dtype === 'fp32') {
      y = g.op('MatMul', [x, g.floats(`${prefix}.weight`, w.shape, w.data)]);
    } else if (dtype === 'q8' || Q4_INT8_MATRICES.includes(prefix)) {
      const { q, scales } = quantizeInt8(w.data, inDim, outDim, 1);
      const qn = g.initializer(`${prefix}.weight_quantized`, DT.INT8, w.shape, new Uint8Array(q.buffer));
      const sn = g.floats(`${prefix}.weight_scale`, [outDim], scales);
      const zn = g.initializer(`${prefix}.weight_zero_point`, DT.INT8, [outDim], new Uint8Array(outDim));
      y = g.op('MatMul', [x, g.op('DequantizeLinear', [qn, sn, zn], { axis: 1 })]);
    } else {
      // MatMulNBits wants B as [N = out, K = in]; the Conv1D weight is [in, out].
      y = matMulQ4(
        g,
        x,
        q4Matrix(g, `${prefix}.weight`, outDim, inDim, (n, k) => w.data[k * outDim + n]!),
      );
    }
    return g.op('Add', [y, bias]);
  };

  const layerNorm = (x: string, prefix: string): string =>
    g.op(
      'LayerNormalization',
      [
        x,
        g.floats(`${prefix}.weight`, [d], t(weights, `${prefix}.weight`).data),
        g.floats(`${prefix}.bias`, [d], t(weights, `${prefix}.bias`).data),
      ],
      { axis: -1, epsilon: { float: c.layer_norm_epsilon } },
    );

  // Inputs.
  const ids = g.input('input_ids', DT.INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', DT.INT64, ['batch_size', 'past_sequence_length + sequence_length']);
  const pos = g.input('position_ids', DT.INT64, ['batch_size', 'sequence_length']);
  const past: [string, string][] = [];
  for (let i = 0; i < c.n_layer; i++) {
    const dims = ['batch_size', h, 'past_sequence_length', hd] as const;
    past.push([
      g.input(`past_key_values.${i}.key`, DT.FLOAT, dims),
      g.input(`past_key_values.${i}.value`, DT.FLOAT, dims),
    ]);
  }

  // Embeddings.
  // One token table serves the Gather here and the tied head below (int8 in q8 and q4).
  const wte = table('wte.weight');
  let x = g.op('Add', [
    g.op('Gather', [wte, ids], { axis: 0 }),
    g.op('Gather', [table('wpe.weight'), pos], { axis: 0 }),
  ]);

  // allowed[b, 0, i, j] = (j ≤ past + i) ∧ attention_mask[b, j], with past = T − S.
  const zero = g.constInt64([0], []);
  const one = g.constInt64([1], []);
  const seqLen = g.op('Gather', [g.op('Shape', [ids]), one], { axis: 0 });
  const total = g.op('Gather', [g.op('Shape', [mask]), one], { axis: 0 });
  const pastLen = g.op('Sub', [total, seqLen]);
  const queryPos = g.op('Unsqueeze', [g.op('Range', [pastLen, total, one]), g.constInt64([1])]);
  const keyPos = g.op('Unsqueeze', [g.op('Range', [zero, total, one]), g.constInt64([0])]);
  const causal = g.op('LessOrEqual', [keyPos, queryPos]);
  const padding = g.op('Unsqueeze', [g.op('Cast', [mask], { to: DT.BOOL }), g.constInt64([1, 2])]);
  const allowed = g.op('And', [causal, padding]);
  const maskedScore = g.constFloat([MASKED_SCORE]);
  const scale = g.constFloat([1 / Math.sqrt(hd)]);
  const headShape = g.constInt64([0, 0, h, hd]);
  const modelShape = g.constInt64([0, 0, d]);
  const splitSizes = g.constInt64([d, d, d]);

  const gelu = (v: string): string => {
    // 0.5·v·(1 + tanh(√(2/π)·(v + 0.044715·v³))), HF "gelu_new"; ONNX's Gelu needs opset 20.
    const cube = g.op('Mul', [g.op('Mul', [v, v]), v]);
    const inner = g.op('Mul', [
      g.op('Add', [v, g.op('Mul', [cube, g.constFloat([0.044715])])]),
      g.constFloat([Math.sqrt(2 / Math.PI)]),
    ]);
    return g.op('Mul', [
      g.op('Mul', [v, g.constFloat([0.5])]),
      g.op('Add', [g.op('Tanh', [inner]), g.constFloat([1])]),
    ]);
  };

  for (let i = 0; i < c.n_layer; i++) {
    const p = `h.${i}`;
    const [pastKey, pastValue] = past[i]!;
    const qkv = linear(layerNorm(x, `${p}.ln_1`), `${p}.attn.c_attn`);
    const [q, k, v] = g.node('Split', [qkv, splitSizes], { axis: 2 }, { nOutputs: 3 }) as [
      string,
      string,
      string,
    ];
    const heads = (s: string) => g.op('Transpose', [g.op('Reshape', [s, headShape])], { perm: [0, 2, 1, 3] });
    const key = g.node('Concat', [pastKey, heads(k)], { axis: 2 }, { outputs: [`present.${i}.key`] })[0]!;
    const value = g.node(
      'Concat',
      [pastValue, heads(v)],
      { axis: 2 },
      { outputs: [`present.${i}.value`] },
    )[0]!;
    const scores = g.op('Mul', [
      g.op('MatMul', [heads(q), g.op('Transpose', [key], { perm: [0, 1, 3, 2] })]),
      scale,
    ]);
    const probs = g.op('Softmax', [g.op('Where', [allowed, scores, maskedScore])], { axis: -1 });
    const context = g.op('Reshape', [
      g.op('Transpose', [g.op('MatMul', [probs, value])], { perm: [0, 2, 1, 3] }),
      modelShape,
    ]);
    x = g.op('Add', [x, linear(context, `${p}.attn.c_proj`)]);
    const hidden = gelu(linear(layerNorm(x, `${p}.ln_2`), `${p}.mlp.c_fc`));
    x = g.op('Add', [x, linear(hidden, `${p}.mlp.c_proj`)]);
  }
  const final = layerNorm(x, 'ln_f');
  // Tied LM head: logits = final · wteᵀ from the same table, never a second (4-bit) copy.
  g.node('MatMul', [final, g.op('Transpose', [wte], { perm: [1, 0] })], {}, { outputs: ['logits'] });
  g.output('logits', DT.FLOAT, ['batch_size', 'sequence_length', c.vocab_size]);
  for (let i = 0; i < c.n_layer; i++) {
    const dims = ['batch_size', h, 'past_sequence_length + sequence_length', hd] as const;
    g.output(`present.${i}.key`, DT.FLOAT, dims);
    g.output(`present.${i}.value`, DT.FLOAT, dims);
  }
  return g.encode('gpt2', `GPT-2 decoder with KV cache (${dtype}), exported by @nexfitra/pipeline`);
}
