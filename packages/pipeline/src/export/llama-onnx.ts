import { NexFitraError } from '@nexfitra/core';
import { rotaryTables } from '../model/llama';
import { checkLlamaConfig, type LlamaConfig } from '../model/llamaConfig';
import { checkLlamaWeights } from '../model/llamaWeights';
import type { HostTensor } from '../model/weights';
import { DT, GraphBuilder } from './_graph';
import { matMulQ4, q4Matrix } from './_q4graph';
import type { OnnxDtype } from './gpt2-onnx';
import { quantizeInt8 } from './quantize';

const MASKED_SCORE = -3.4028234663852886e38;

/**
 * Builds the ONNX graph of a llama decoder with KV cache in the layout HF optimum and
 * transformers.js use for `LlamaForCausalLM` (and `@nexfitra/inference` runs): inputs
 * `input_ids`, `attention_mask`, `position_ids` (int64), `past_key_values.{i}.key|value`
 * `[batch_size, num_key_value_heads, past_sequence_length, head_dim]`; outputs `logits` and
 * `present.{i}.key|value`. Opset 17 (RMSNorm and SiLU as primitive ops); rotary cos/sin are
 * tables of `max_position_embeddings` rows gathered by `position_ids`; grouped kv heads are
 * tiled to the query heads after the cache (the cache keeps the kv heads). Masking and the
 * weight-only `q8` / `q4` formats are those of `buildGpt2Onnx`; a tied head reads the one
 * (int8) embedding table, an untied `lm_head` is a 4-bit MatMulNBits in `q4`.
 *
 * @throws NexFitraError naming the config field or tensor that is missing, misshapen or not finite.
 */
export function buildLlamaOnnx(
  configIn: LlamaConfig,
  weights: ReadonlyMap<string, HostTensor>,
  dtype: OnnxDtype = 'fp32',
): Uint8Array {
  const fn = 'buildLlamaOnnx';
  const c = checkLlamaConfig(configIn, fn);
  checkLlamaWeights(c, weights, fn);
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
  const d = c.hidden_size;
  const h = c.num_attention_heads;
  const kvh = c.num_key_value_heads;
  const hd = c.head_dim;
  const t = (name: string) => weights.get(name)!;

  /** A float `[rows, cols]` table for Gather: an initializer (fp32) or int8 rows + DequantizeLinear. */
  const table = (name: string): string => {
    const w = t(name);
    if (dtype === 'fp32') return g.floats(name, w.shape, w.data);
    const [rows, cols] = w.shape as [number, number];
    const { q, scales } = quantizeInt8(w.data, rows, cols, 0);
    const qn = g.initializer(`${name}_quantized`, DT.INT8, w.shape, new Uint8Array(q.buffer));
    const sn = g.floats(`${name}_scale`, [rows], scales);
    const zn = g.initializer(`${name}_zero_point`, DT.INT8, [rows], new Uint8Array(rows));
    return g.op('DequantizeLinear', [qn, sn, zn], { axis: 0 });
  };

  /** x · Wᵀ for an nn.Linear weight `[out, in]`. */
  const linear = (x: string, name: string): string => {
    const w = t(name);
    const [outDim, inDim] = w.shape as [number, number];
    if (dtype === 'q4')
      return matMulQ4(
        g,
        x,
        q4Matrix(g, name, outDim, inDim, (n, k) => w.data[n * inDim + k]!),
      );
    // Stored transposed, [in, out], so the graph is a plain MatMul.
    const wt = new Float32Array(inDim * outDim);
    for (let o = 0; o < outDim; o++)
      for (let i = 0; i < inDim; i++) wt[i * outDim + o] = w.data[o * inDim + i]!;
    if (dtype === 'fp32') return g.op('MatMul', [x, g.floats(`${name}_t`, [inDim, outDim], wt)]);
    const { q, scales } = quantizeInt8(wt, inDim, outDim, 1);
    const qn = g.initializer(`${name}_t_quantized`, DT.INT8, [inDim, outDim], new Uint8Array(q.buffer));
    const sn = g.floats(`${name}_t_scale`, [outDim], scales);
    const zn = g.initializer(`${name}_t_zero_point`, DT.INT8, [outDim], new Uint8Array(outDim));
    return g.op('MatMul', [x, g.op('DequantizeLinear', [qn, sn, zn], { axis: 1 })]);
  };

  const eps = g.constFloat([c.rms_norm_eps]);
  /** w · x / √(mean(x²) + ε) over the last axis (HF LlamaRMSNorm). */
  const rmsNorm = (x: string, name: string): string => {
    const ms = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
    const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [ms, eps])])]);
    return g.op('Mul', [g.op('Mul', [x, inv]), g.floats(name, [d], t(name).data)]);
  };

  // Inputs.
  const ids = g.input('input_ids', DT.INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', DT.INT64, ['batch_size', 'past_sequence_length + sequence_length']);
  const pos = g.input('position_ids', DT.INT64, ['batch_size', 'sequence_length']);
  const past: [string, string][] = [];
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const dims = ['batch_size', kvh, 'past_sequence_length', hd] as const;
    past.push([
      g.input(`past_key_values.${i}.key`, DT.FLOAT, dims),
      g.input(`past_key_values.${i}.value`, DT.FLOAT, dims),
    ]);
  }

  const embedTable = table('embed_tokens.weight');
  let x = g.op('Gather', [embedTable, ids], { axis: 0 });

  // Rotary tables [max_pos, hd] → [batch, 1, seq, hd] by position.
  const allPos = Array.from({ length: c.max_position_embeddings }, (_, i) => i);
  const rot = rotaryTables(allPos, hd, c.rope_theta);
  const axis1 = g.constInt64([1]);
  const cos = g.op('Unsqueeze', [
    g.op('Gather', [g.floats('rotary_cos', [allPos.length, hd], rot.cos), pos], { axis: 0 }),
    axis1,
  ]);
  const sin = g.op('Unsqueeze', [
    g.op('Gather', [g.floats('rotary_sin', [allPos.length, hd], rot.sin), pos], { axis: 0 }),
    axis1,
  ]);
  const halves = g.constInt64([hd / 2, hd / 2]);
  const rope = (v: string): string => {
    const [x1, x2] = g.node('Split', [v, halves], { axis: -1 }, { nOutputs: 2 }) as [string, string];
    const rotated = g.op('Concat', [g.op('Neg', [x2]), x1], { axis: -1 });
    return g.op('Add', [g.op('Mul', [v, cos]), g.op('Mul', [rotated, sin])]);
  };

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
  const qShape = g.constInt64([0, 0, h, hd]);
  const kvShape = g.constInt64([0, 0, kvh, hd]);
  const rep = h / kvh;
  const ctxShape = g.constInt64([0, 0, h * hd]);
  /**
   * repeat_kv: kv head j serves query heads j·rep … (j+1)·rep − 1. Its constants are made only
   * when used (rep > 1): an unused initializer makes onnxruntime warn at every load.
   */
  const repeat = (v: string) =>
    rep === 1
      ? v
      : g.op('Reshape', [
          g.op('Tile', [g.op('Unsqueeze', [v, g.constInt64([2])]), g.constInt64([1, 1, rep, 1, 1])]),
          g.constInt64([0, h, -1, hd]),
        ]);

  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `layers.${i}.`;
    const [pastKey, pastValue] = past[i]!;
    const a = rmsNorm(x, `${p}input_layernorm.weight`);
    const heads = (v: string, shape: string) =>
      g.op('Transpose', [g.op('Reshape', [v, shape])], { perm: [0, 2, 1, 3] });
    const q = rope(heads(linear(a, `${p}self_attn.q_proj.weight`), qShape));
    const k = rope(heads(linear(a, `${p}self_attn.k_proj.weight`), kvShape));
    const v = heads(linear(a, `${p}self_attn.v_proj.weight`), kvShape);
    const key = g.node('Concat', [pastKey, k], { axis: 2 }, { outputs: [`present.${i}.key`] })[0]!;
    const value = g.node('Concat', [pastValue, v], { axis: 2 }, { outputs: [`present.${i}.value`] })[0]!;
    const scores = g.op('Mul', [
      g.op('MatMul', [q, g.op('Transpose', [repeat(key)], { perm: [0, 1, 3, 2] })]),
      scale,
    ]);
    const probs = g.op('Softmax', [g.op('Where', [allowed, scores, maskedScore])], { axis: -1 });
    const ctx = g.op('Reshape', [
      g.op('Transpose', [g.op('MatMul', [probs, repeat(value)])], { perm: [0, 2, 1, 3] }),
      ctxShape,
    ]);
    x = g.op('Add', [x, linear(ctx, `${p}self_attn.o_proj.weight`)]);
    const m = rmsNorm(x, `${p}post_attention_layernorm.weight`);
    const gate = linear(m, `${p}mlp.gate_proj.weight`);
    const act = g.op('Mul', [
      g.op('Mul', [gate, g.op('Sigmoid', [gate])]),
      linear(m, `${p}mlp.up_proj.weight`),
    ]);
    x = g.op('Add', [x, linear(act, `${p}mlp.down_proj.weight`)]);
  }
  const final = rmsNorm(x, 'norm.weight');
  if (!c.tie_word_embeddings) {
    g.node('Identity', [linear(final, 'lm_head.weight')], {}, { outputs: ['logits'] });
  } else {
    g.node('MatMul', [final, g.op('Transpose', [embedTable], { perm: [1, 0] })], {}, { outputs: ['logits'] });
  }
  g.output('logits', DT.FLOAT, ['batch_size', 'sequence_length', c.vocab_size]);
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const dims = ['batch_size', kvh, 'past_sequence_length + sequence_length', hd] as const;
    g.output(`present.${i}.key`, DT.FLOAT, dims);
    g.output(`present.${i}.value`, DT.FLOAT, dims);
  }
  return g.encode('llama', `llama decoder with KV cache (${dtype}), exported by @nexfitra/pipeline`);
}
