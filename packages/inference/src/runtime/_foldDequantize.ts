/**
 * @internal Folds `DequantizeLinear` of constant int8 tables into float initializers, once at
 * load time, where the float table is read by a `Gather` or a `Transpose` (an embedding table and
 * a tied LM head, as in our `q8`/`q4` exports: docs/quantisation.md).
 *
 * onnxruntime does not constant-fold `DequantizeLinear` (it keeps QDQ pairs for its quantised
 * kernels; a DQ feeding a MatMul becomes `MatMulNBits`, which is left alone here), so such a
 * table is dequantized on every run: for `models/plan-default` (vocabulary 2,283 × 128) the tied
 * head and the token embedding each dequantize the whole 292,224-value table per run. The folded
 * values are the ones the operator computes, `(q − zero_point) · scale` in float32 (ONNX
 * DequantizeLinear; an int8 difference times a float32 scale is exact in double, so one
 * `Math.fround` gives the float32 product), so results are unchanged.
 */
import {
  attr,
  DT_FLOAT,
  DT_INT8,
  GRAPH_INITIALIZER,
  type Initializer,
  type Node,
  readInitializer,
  TENSORPROTO_DATA_TYPE,
  TENSORPROTO_DIMS,
  TENSORPROTO_NAME,
  TENSORPROTO_RAW_DATA,
} from './_onnxGraph';
import { concat, type Field, intField, lenField, strField } from './_protobuf';

function floatTensor(name: string, dims: readonly number[], data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return lenField(
    GRAPH_INITIALIZER,
    concat([
      ...dims.map((d) => intField(TENSORPROTO_DIMS, d)),
      intField(TENSORPROTO_DATA_TYPE, DT_FLOAT),
      strField(TENSORPROTO_NAME, name),
      lenField(TENSORPROTO_RAW_DATA, bytes),
    ]),
  );
}

/** `(q − z) · s` over a 2-D int8 table with per-row (axis 0), per-column (axis 1) or one scale. */
function dequantize(
  q: Initializer,
  s: Initializer,
  z: Initializer | undefined,
  axis: number,
): Float32Array | undefined {
  if (q.type !== DT_INT8 || q.dims.length !== 2 || q.raw === undefined) return undefined;
  if (s.type !== DT_FLOAT || s.raw === undefined) return undefined;
  const [rows, cols] = q.dims as [number, number];
  if (q.raw.length !== rows * cols) return undefined;
  const qa = new Int8Array(q.raw.buffer, q.raw.byteOffset, q.raw.length);
  const sa = new Float32Array(s.raw.slice().buffer);
  const n = sa.length;
  const perRow = n === rows && s.dims.length === 1 && (axis === 0 || axis === -2);
  const perCol = n === cols && s.dims.length === 1 && (axis === 1 || axis === -1);
  if (!(n === 1 && s.dims.length <= 1) && !perRow && !perCol) return undefined;
  let za: Int8Array | undefined;
  if (z !== undefined) {
    if (z.type !== DT_INT8 || z.raw === undefined || z.raw.length !== n) return undefined;
    za = new Int8Array(z.raw.buffer, z.raw.byteOffset, z.raw.length);
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = perRow ? i : perCol ? j : 0;
      out[i * cols + j] = Math.fround((qa[i * cols + j]! - (za?.[k] ?? 0)) * sa[k]!);
    }
  }
  return out;
}

/**
 * Returns the nodes without the folded `DequantizeLinear`s and the graph's other fields with
 * their float tables added, and without the initializers no node reads (the int8 tables folded
 * here, the attention scale moved into FusedMatMul's alpha). Graph outputs are never initializers in a decoder.
 */
export function foldConstantDequantize(
  nodes: readonly Node[],
  rest: readonly Field[],
): { nodes: Node[]; rest: Uint8Array[] } {
  const inits = new Map<string, Initializer>();
  for (const f of rest) {
    if (f.no !== GRAPH_INITIALIZER || f.wire !== 2) continue;
    const [name, init] = readInitializer(f);
    inits.set(name, init);
  }
  const consumers = new Map<string, Node[]>();
  for (const n of nodes) {
    for (const i of n.inputs) {
      const c = consumers.get(i) ?? [];
      c.push(n);
      consumers.set(i, c);
    }
  }
  const folded = new Set<Node>();
  const added: Uint8Array[] = [];
  for (const n of nodes) {
    if (n.op !== 'DequantizeLinear' || n.domain !== '' || n.outputs.length !== 1) continue;
    const [qn, sn, zn] = n.inputs;
    const q = inits.get(qn ?? '');
    const s = inits.get(sn ?? '');
    const z = zn ? inits.get(zn) : undefined;
    if (q === undefined || s === undefined || (zn && z === undefined)) continue;
    const users = consumers.get(n.outputs[0]!) ?? [];
    if (
      users.length === 0 ||
      !users.every((u) => u.op === 'Transpose' || (u.op === 'Gather' && u.inputs[0] === n.outputs[0]))
    )
      continue;
    const data = dequantize(q, s, z, attr(n, 'axis')?.[0] ?? 1);
    if (data === undefined) continue;
    folded.add(n);
    added.push(floatTensor(n.outputs[0]!, q.dims, data));
  }
  const kept = nodes.filter((n) => !folded.has(n));
  // Initializers no node reads any more (the folded int8 tables, the attention scale).
  const read = new Set(kept.flatMap((n) => n.inputs));
  const out: Uint8Array[] = [];
  for (const f of rest) {
    if (f.no === GRAPH_INITIALIZER && f.wire === 2 && !read.has(readInitializer(f)[0])) continue;
    out.push(f.raw);
  }
  return { nodes: kept, rest: [...out, ...added] };
}
