/**
 * @internal A decode graph derived at load time from a standard decoder export: no `present`
 * outputs, attention split over the past and the new positions, last-position logits.
 *
 * The standard graph (transformers.js / optimum layout, ours from `packages/pipeline`) computes,
 * per layer, `K = Concat(pastK, newK)`, `V = Concat(pastV, newV)` (axis 2, returned as
 * `present.*`), `scores = Q·Kᵀ`, elementwise scale/mask, `P = softmax(scores)` and `P·V`; and
 * logits for every position. onnxruntime runs every node of a graph whatever the fetches, so each
 * run copies the whole cache in the Concats (O(past·headDim) a head) and computes a prefill's
 * logits for all positions. Here, where the graph has exactly that shape:
 * - `scores = Concat(Q·pastKᵀ, Q·newKᵀ, axis −1)` (O(past) a query row; com.microsoft
 *   `FusedMatMul` with transposed B and the graph's scalar scale as alpha, which is what
 *   onnxruntime's optimiser makes of the standard graph's Transpose + MatMul + Mul), then the
 *   graph's own mask/softmax unchanged, then `P·V = P[:, :, :, :past]·pastV + P[:, :, :, past:]·newV`
 *   (a Split on the probabilities): the past is only read, never copied;
 * - no `present.*` outputs: the new positions (`newK`, `newV`) are the outputs, as KV deltas
 *   (`_kvDelta.ts`), and the loop keeps the cache (`generate/_kv.ts`);
 * - the LM head reads only the last position (`Gather(hidden, [−1], axis 1)`), output
 *   {@link LAST_LOGITS} `[batch, 1, vocab]`;
 * - int8 tables read by a Gather or Transpose are dequantized once, here (`_foldDequantize.ts`);
 * - with `single` (one new position a row): the heads' split and merge are Reshapes, not
 *   Transposes (a length-1 axis moves no data), and Q, K and V come from one Reshape and a
 *   Split of the projection: bit-identical, 6 nodes fewer a layer before onnxruntime's folding;
 * - with `prefix` (one-position runs only): the positions every row of a batch shares come once,
 *   time-major with one row, under {@link SHARED} names beside each row's own past; their scores
 *   are `[1, h, b, d]·[1, h, P, d]ᵀ` (the rows' queries as the rows of one product per head) and
 *   `P·V` has a third part, so the shared cache is read once a run instead of once a row.
 * The arithmetic is the standard graph's but for the summation order of `P·V` (two partial sums
 * instead of one), so logits agree to float rounding; greedy tokens are checked equal on the
 * fixture and `models/plan-default` (`test/runtime-decode-graph.test.ts`). Fusions that would
 * change more rounding (FastGelu, SkipLayerNormalization) were tried and left out: they flipped
 * a near-tie of plan-default's greedy plan. Weight matrices and every other node are
 * untouched (int8 DequantizeLinear and 4-bit MatMulNBits graphs included). Anything else — a fused attention
 * op, repeated kv heads (GQA's Tile) between the cache and the MatMul, another head — returns
 * `undefined` and the caller keeps the standard graph.
 */
import { foldConstantDequantize } from './_foldDequantize';
import {
  attr,
  elemTypeOf,
  encodeNode,
  floatAttr,
  GRAPH_INITIALIZER,
  GRAPH_INPUT,
  GRAPH_NODE,
  GRAPH_OUTPUT,
  type Initializer,
  intAttr,
  intsAttr,
  intsOf,
  MODEL_GRAPH,
  MODEL_OPSET,
  type Node,
  OPSET_DOMAIN,
  OPSET_VERSION,
  outputInfo,
  readInitializer,
  readNode,
  same,
  scalarFloat,
  topoSort,
} from './_onnxGraph';
import { concat, type Field, fields, intField, lenField, strField, text } from './_protobuf';

/** The decode graph's logits output: the last position only, `[batch, 1, vocab]`. */
export const LAST_LOGITS = 'logits.last';

/** What {@link buildDecodeGraph} returns. */
export interface DecodeGraph {
  readonly bytes: Uint8Array;
  /** `present.{i}.key|value` → the output holding only the positions a run adds, `[batch, kvHeads, new, headDim]`. */
  readonly deltas: Readonly<Record<string, string>>;
  /** `past_key_values.{i}.key|value` → the input that takes it time-major, `[past, batch, kvHeads, headDim]`. */
  readonly pastInputs: Readonly<Record<string, string>>;
  /** With `prefix`: `past_key_values.{i}.key|value` → the input of the positions every row shares, time-major `[prefix, 1, kvHeads, headDim]`. */
  readonly sharedInputs?: Readonly<Record<string, string>>;
  /** The standard graph's inputs, in its order. */
  readonly standardInputs: readonly string[];
  /** The graph's outputs: {@link LAST_LOGITS} and the deltas. */
  readonly outputNames: readonly string[];
  /** The standard graph's outputs, in its order (`logits`, `present.*`). */
  readonly standardOutputs: readonly string[];
}

const MS = 'com.microsoft';
/** Prefix of the decode graph's time-major cache inputs. */
export const TIME_MAJOR = 'time_major.';
/** Prefix of the shared-prefix graph's inputs for the positions every row shares, time-major `[prefix, 1, kvHeads, headDim]`. */
export const SHARED = 'shared.';
const PRESENT = /^present\.(\d+)\.(key|value)$/;
const TRANSPOSE_LAST_TWO = [0, 1, 3, 2];

/**
 * The decode graph of a standard decoder export, or `undefined` when the graph does not have the
 * attention shape described above (the caller then runs the standard graph).
 */
export function buildDecodeGraph(
  model: Uint8Array,
  timeMajor = true,
  single = false,
  prefix = false,
): DecodeGraph | undefined {
  if (prefix && !(timeMajor && single)) return undefined;
  try {
    return rewrite(model, timeMajor, single, prefix);
  } catch {
    return undefined;
  }
}

/** Ops of a mask built from the inputs' shapes and the attention mask (the standard export's causal ∧ padding mask). */
const MASK_OPS: ReadonlySet<string> = new Set([
  'Shape',
  'Gather',
  'Sub',
  'Range',
  'Unsqueeze',
  'LessOrEqual',
  'Cast',
  'And',
  'Constant',
]);

function rewrite(
  model: Uint8Array,
  timeMajor: boolean,
  single: boolean,
  prefix: boolean,
): DecodeGraph | undefined {
  const modelRest: Uint8Array[] = [];
  let graph: Uint8Array | undefined;
  let opset = 0;
  let msOpset = false;
  for (const f of fields(model)) {
    if (f.no === MODEL_GRAPH && f.wire === 2) {
      if (graph !== undefined) return undefined;
      graph = f.bytes;
      continue;
    }
    if (f.no === MODEL_OPSET && f.wire === 2) {
      let domain = '';
      let version = 0;
      for (const o of fields(f.bytes)) {
        if (o.no === OPSET_DOMAIN && o.wire === 2) domain = text(o.bytes);
        else if (o.no === OPSET_VERSION && o.wire === 0) version = o.int;
      }
      if (domain === '' || domain === 'ai.onnx') opset = version;
      if (domain === MS) msOpset = true;
    }
    modelRest.push(f.raw);
  }
  // Shape's start/end need opset 15; Split's sizes input 13.
  if (graph === undefined || opset < 15) return undefined;

  let graphRest: Field[] = [];
  const inputElem = new Map<string, number>();
  const nodes: Node[] = [];
  const outputs = new Map<string, number>();
  const inputs = new Set<string>();
  for (const f of fields(graph)) {
    if (f.no === GRAPH_NODE && f.wire === 2) nodes.push(readNode(f.bytes));
    else if (f.no === GRAPH_OUTPUT && f.wire === 2) {
      const { name, elem } = elemTypeOf(f.bytes);
      outputs.set(name, elem);
    } else {
      if (f.no === GRAPH_INPUT && f.wire === 2) {
        const { name, elem } = elemTypeOf(f.bytes);
        inputs.add(name);
        inputElem.set(name, elem);
      }
      graphRest.push(f);
    }
  }
  if (nodes.some((n) => n.op === 'If' || n.op === 'Loop' || n.op === 'Scan')) return undefined;
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  const names = new Set<string>(inputs);
  for (const n of nodes) {
    for (const o of n.outputs) {
      producer.set(o, n);
      names.add(o);
    }
    for (const i of n.inputs) {
      const c = consumers.get(i) ?? [];
      c.push(n);
      consumers.set(i, c);
    }
  }
  const onlyConsumer = (t: string): Node | undefined => {
    const c = consumers.get(t) ?? [];
    return c.length === 1 ? c[0] : undefined;
  };
  let counter = 0;
  const fresh = (hint: string): string => {
    let s: string;
    do s = `/decode/${hint}_${counter++}`;
    while (names.has(s));
    names.add(s);
    return s;
  };
  const node = (op: string, ins: string[], attrs: Uint8Array[] = [], out = fresh(op), domain = ''): Node => ({
    inputs: ins,
    outputs: [out],
    op,
    domain,
    name: '',
    attrs,
  });
  const inits = new Map<string, Initializer>();
  for (const f of graphRest) if (f.no === GRAPH_INITIALIZER && f.wire === 2) inits.set(...readInitializer(f));

  // Per layer: the two Concats and what reads them.
  const layers = new Map<string, { key?: Node; value?: Node }>();
  for (const name of outputs.keys()) {
    const m = PRESENT.exec(name);
    if (m === null) continue;
    const concatNode = producer.get(name);
    if (
      concatNode === undefined ||
      concatNode.op !== 'Concat' ||
      concatNode.domain !== '' ||
      concatNode.inputs.length !== 2 ||
      concatNode.outputs.length !== 1 ||
      !inputs.has(concatNode.inputs[0]!) ||
      !same(attr(concatNode, 'axis'), [2])
    )
      return undefined;
    const l = layers.get(m[1]!) ?? {};
    l[m[2] as 'key' | 'value'] = concatNode;
    layers.set(m[1]!, l);
  }
  if (layers.size === 0 || outputs.size !== 1 + 2 * layers.size || !outputs.has('logits')) return undefined;

  const removed = new Set<Node>();
  const added: Node[] = [];
  /**
   * `single`: the graph for runs of one new position on a cache fed with an all-ones attention
   * mask (the loop's: its rows never have padding), where the standard export's mask —
   * `Where(causal ∧ padding, scores, min)` before the softmax — keeps every score: the `Where`
   * and the nodes that only build its mask (about 15 of a tiny model's 100) are left out. Only
   * when the mask is that one, built from the inputs' shapes and the attention mask by the
   * export's ops with one causal comparison (not, say, a sliding window); else no such graph.
   */
  const maskOf = (scoresOut: string): Node | undefined => {
    const w = onlyConsumer(scoresOut);
    if (w?.op !== 'Where' || w.domain !== '' || w.inputs[1] !== scoresOut || !inits.has(w.inputs[2]!))
      return undefined;
    let comparisons = 0;
    const seen = new Set<string>();
    const ok = (t: string): boolean => {
      if (seen.has(t)) return true;
      seen.add(t);
      if (inits.has(t) || t === 'input_ids' || t === 'attention_mask') return true;
      const n = producer.get(t);
      if (n === undefined || n.domain !== '' || !MASK_OPS.has(n.op)) return false;
      if (n.op === 'LessOrEqual') comparisons++;
      return n.inputs.every((i) => i === '' || ok(i));
    };
    return ok(w.inputs[0]!) && comparisons === 1 ? w : undefined;
  };
  const deltas: Record<string, string> = {};
  const pastInputs: Record<string, string> = {};
  const sharedInputs: Record<string, string> = {};
  let sizes: string | undefined;
  /** `single`: the Transposes that split the new position's heads and merge them back. */
  const headMoves = new Map<Node, 'split' | 'merge'>();
  for (const [, { key, value }] of layers) {
    if (key === undefined || value === undefined) return undefined;
    const [pastK, newK] = key.inputs as [string, string];
    const [pastV, newV] = value.inputs as [string, string];
    // Q·Kᵀ: the only reader of present.key is Transpose(0,1,3,2), read only by a MatMul as B.
    const kT = onlyConsumer(key.outputs[0]!);
    if (kT?.op !== 'Transpose' || kT.domain !== '' || !same(attr(kT, 'perm'), TRANSPOSE_LAST_TWO))
      return undefined;
    const qk = onlyConsumer(kT.outputs[0]!);
    if (
      qk?.op !== 'MatMul' ||
      qk.domain !== '' ||
      qk.inputs[1] !== kT.outputs[0] ||
      qk.inputs[0] === kT.outputs[0]
    )
      return undefined;
    // P·V: the only reader of present.value is a MatMul, as B.
    const pv = onlyConsumer(value.outputs[0]!);
    if (
      pv?.op !== 'MatMul' ||
      pv.domain !== '' ||
      pv.inputs[1] !== value.outputs[0] ||
      pv.inputs[0] === value.outputs[0]
    )
      return undefined;
    for (const n of [key, value, kT, qk, pv]) removed.add(n);
    // The cache time-major, [past, batch, kvHeads, headDim]: the loop appends a run's positions
    // at its end (no moves), and the new positions are returned in that layout.
    // Without timeMajor (the first run, on an empty cache: onnxruntime 1.30's FusedMatMul stops
    // the process with SIGFPE on an empty time-major operand) the standard layout and names.
    const tmK = timeMajor ? `${TIME_MAJOR}${pastK}` : pastK;
    const tmV = timeMajor ? `${TIME_MAJOR}${pastV}` : pastV;
    if (timeMajor && (names.has(tmK) || names.has(tmV))) return undefined;
    pastInputs[pastK] = tmK;
    pastInputs[pastV] = tmV;
    const shK = `${SHARED}${pastK}`;
    const shV = `${SHARED}${pastV}`;
    if (prefix) {
      if (names.has(shK) || names.has(shV)) return undefined;
      sharedInputs[pastK] = shK;
      sharedInputs[pastV] = shV;
    }
    // The new positions in the graph's own layout [batch, kvHeads, new, headDim] (the loop writes
    // them time-major as it appends: a few hundred floats a run, cheaper than a node).
    deltas[key.outputs[0]!] = newK;
    deltas[value.outputs[0]!] = newV;
    const T = timeMajor ? 1 : 0;

    if (sizes === undefined) {
      // [past, new] lengths ([shared, past, new] with `prefix`), once: every layer's cache has the same length.
      const pastLen = node(
        'Shape',
        [tmK],
        [intAttr('start', timeMajor ? 0 : 2), intAttr('end', timeMajor ? 1 : 3)],
      );
      // One new position (`single`): its length is the constant 1.
      const newLen = single
        ? node('Constant', [], [intsAttr('value_ints', [1])])
        : node('Shape', [newK], [intAttr('start', 2), intAttr('end', 3)]);
      const lens = [pastLen.outputs[0]!, newLen.outputs[0]!];
      if (prefix) {
        const sharedLen = node('Shape', [shK], [intAttr('start', 0), intAttr('end', 1)]);
        added.push(sharedLen);
        lens.unshift(sharedLen.outputs[0]!);
      }
      const s = node('Concat', lens, [intAttr('axis', 0)]);
      added.push(pastLen, newLen, s);
      sizes = s.outputs[0]!;
    }
    // Q·Kᵀ as com.microsoft FusedMatMul (transB), the scale in its alpha where a scalar Mul
    // follows: what onnxruntime makes of the standard graph's Transpose + MatMul + Mul.
    const q = qk.inputs[0]!;
    const scaleMul = onlyConsumer(qk.outputs[0]!);
    const alpha =
      scaleMul?.op === 'Mul' && scaleMul.domain === '' && scaleMul.inputs[0] === qk.outputs[0]
        ? scalarFloat(inits.get(scaleMul.inputs[1]!))
        : undefined;
    const scoresOut = alpha === undefined ? qk.outputs[0]! : scaleMul!.outputs[0]!;
    if (alpha !== undefined) removed.add(scaleMul!);
    /** FusedMatMul; `transBatchB` reads a time-major B `[T, b, h, d]` as `[b, h, T, d]`, in place. */
    const fused = (a: string, b: string, transB: number, transBatchB: number, alphaOf = 1) =>
      node(
        'FusedMatMul',
        [a, b],
        [
          intAttr('transA', 0),
          intAttr('transB', transB),
          floatAttr('alpha', alphaOf),
          intAttr('transBatchA', 0),
          intAttr('transBatchB', transBatchB),
        ],
        fresh('FusedMatMul'),
        MS,
      );
    const sPast = fused(q, tmK, 1, T, alpha ?? 1);
    const sNew = fused(q, newK, 1, 0, alpha ?? 1);
    let scoresName = scoresOut;
    if (single) {
      const where = maskOf(scoresOut);
      if (where === undefined) return undefined;
      removed.add(where);
      scoresName = where.outputs[0]!;
    }
    // With `prefix`, the positions every row shares are read once a run: the rows' queries as the
    // rows of one product per head, `[1, h, b, d] · [1, h, P, d]ᵀ` (`[b, h, 1, d]` there and back
    // by a Transpose of the small query and result tensors; the cache is read where it lies).
    const rowsAsM = (t: string) => node('Transpose', [t], [intsAttr('perm', [2, 1, 0, 3])]);
    const shared: Node[] = [];
    let sShared: Node | undefined;
    if (prefix) {
      const qT = rowsAsM(q);
      const sT = fused(qT.outputs[0]!, shK, 1, 1, alpha ?? 1);
      sShared = rowsAsM(sT.outputs[0]!);
      shared.push(qT, sT, sShared);
    }
    const scores = node(
      'Concat',
      [...(sShared ? [sShared.outputs[0]!] : []), sPast.outputs[0]!, sNew.outputs[0]!],
      [intAttr('axis', -1)],
      scoresName,
    );
    const split: Node = {
      inputs: [pv.inputs[0]!, sizes],
      outputs: prefix ? [fresh('Split'), fresh('Split'), fresh('Split')] : [fresh('Split'), fresh('Split')],
      op: 'Split',
      domain: '',
      name: '',
      attrs: [intAttr('axis', -1)],
    };
    const [pShared, pPast, pNew] = prefix
      ? (split.outputs as [string, string, string])
      : [undefined, split.outputs[0]!, split.outputs[1]!];
    const cPast = timeMajor ? fused(pPast, tmV, 0, 1) : node('MatMul', [pPast, pastV]);
    const cNew = node('MatMul', [pNew, newV]);
    let ctx: Node;
    if (pShared !== undefined) {
      const pT = rowsAsM(pShared);
      const cT = fused(pT.outputs[0]!, shV, 0, 1);
      const cShared = rowsAsM(cT.outputs[0]!);
      const cSum = node('Add', [cShared.outputs[0]!, cPast.outputs[0]!]);
      ctx = node('Add', [cSum.outputs[0]!, cNew.outputs[0]!], [], pv.outputs[0]!);
      shared.push(pT, cT, cShared, cSum);
    } else ctx = node('Add', [cPast.outputs[0]!, cNew.outputs[0]!], [], pv.outputs[0]!);
    added.push(sPast, sNew, ...shared, scores, split, cPast, cNew, ctx);
    if (single) {
      // One new position: `q`, `newK` and `newV` are `[b, h, 1, d]`, from `Transpose(0, 2, 1, 3)`
      // of `[b, 1, h, d]`, and the context goes back by the same Transpose (headMoves, below).
      for (const t of [q, newK, newV]) {
        const n = producer.get(t);
        if (n !== undefined) headMoves.set(n, 'split');
      }
      const merge = onlyConsumer(pv.outputs[0]!);
      if (merge !== undefined) headMoves.set(merge, 'merge');
    }
  }
  // The heads' split and merge at one position move no data: with the swapped axis of length 1,
  // `Transpose(0, 2, 1, 3)` is the Reshape to the permuted shape (the same floats in the same
  // order: bit-identical), folded into the export's constant Reshape beside it where there is one
  // (`[b, 1, h·d] → [b, 1, h, d] → [b, h, 1, d]` is one Reshape to `[b, h, 1, d]`; the merge
  // likewise). Two nodes of ten fewer a layer on a tiny model.
  const reshapeOf = (n: Node | undefined, rank: number): readonly number[] | undefined => {
    if (n?.op !== 'Reshape' || n.domain !== '' || (attr(n, 'allowzero') ?? [0])[0] !== 0) return undefined;
    const c = intsOf(inits.get(n.inputs[1]!));
    return c?.length === rank ? c : undefined;
  };
  const constant = (values: readonly number[]) => node('Constant', [], [intsAttr('value_ints', values)]);
  const replace = (gone: readonly Node[], input: string, shape: readonly number[], out: string) => {
    const target = constant(shape);
    for (const g of gone) removed.add(g);
    added.push(target, node('Reshape', [input, target.outputs[0]!], [], out));
  };
  /** Heads split by one Reshape each, by the Split they read: [the Split's output, the nodes, h, d, the result]. */
  const bySplit = new Map<Node, [string, readonly Node[], number, number, string][]>();
  for (const [t, kind] of headMoves) {
    if (t.op !== 'Transpose' || t.domain !== '' || !same(attr(t, 'perm'), [0, 2, 1, 3])) continue;
    if (kind === 'split') {
      // [b, 1, h·d] → Reshape [0, c1, h, d] → Transpose: one Reshape to [0, h, 1, d].
      const r = producer.get(t.inputs[0]!);
      const c = reshapeOf(r, 4);
      if (
        c !== undefined &&
        onlyConsumer(r!.outputs[0]!) === t &&
        c[0] === 0 &&
        (c[1] === 0 || c[1] === 1) &&
        c[2]! > 0 &&
        c[3]! > 0
      ) {
        const from = producer.get(r!.inputs[0]!);
        if (from !== undefined) {
          const list = bySplit.get(from) ?? [];
          list.push([r!.inputs[0]!, [r!, t], c[2]!, c[3]!, t.outputs[0]!]);
          bySplit.set(from, list);
        } else replace([r!, t], r!.inputs[0]!, [0, c[2]!, 1, c[3]!], t.outputs[0]!);
      } else replace([t], t.inputs[0]!, [0, -1, 1, 0], t.outputs[0]!);
    } else {
      // [b, h, 1, d] → Transpose → Reshape [c0, c1, h·d]: one Reshape (c1 = 0 copied the 1).
      const r = onlyConsumer(t.outputs[0]!);
      const c = reshapeOf(r, 3);
      if (c !== undefined && c[0]! >= 0 && (c[1] === 0 || c[1] === 1 || c[1] === -1) && c[2]! > 0)
        replace([t, r!], t.inputs[0]!, [c[0]!, c[1] === 0 ? 1 : c[1]!, c[2]!], r!.outputs[0]!);
      else replace([t], t.inputs[0]!, [0, 1, -1, 0], t.outputs[0]!);
    }
  }
  // Q, K and V split from one `[b, 1, k·h·d]` projection by a Split on its last axis, each then
  // reshaped to `[b, h, 1, d]`: one Reshape to `[b, k·h, 1, d]` and a Split of its heads (the
  // same floats in the same order), two nodes fewer a layer.
  for (const [sp, heads] of bySplit) {
    const sizes = sp.op === 'Split' && sp.domain === '' ? intsOf(inits.get(sp.inputs[1] ?? '')) : undefined;
    const axis = attr(sp, 'axis')?.[0];
    const [, , h, d] = heads[0]!;
    const whole =
      sizes !== undefined &&
      (axis === 2 || axis === -1) &&
      sp.outputs.length === heads.length &&
      sizes.length === heads.length &&
      sizes.every((n) => n === h * d) &&
      heads.every(([o, , hh, dd], i) => sp.outputs[i] === o && hh === h && dd === d);
    if (!whole) {
      for (const [input, gone, hh, dd, out] of heads) replace(gone, input, [0, hh, 1, dd], out);
      continue;
    }
    const shape = constant([0, heads.length * h, 1, d]);
    const joined = node('Reshape', [sp.inputs[0]!, shape.outputs[0]!]);
    const parts = constant(heads.map(() => h));
    removed.add(sp);
    for (const [, gone] of heads) for (const g of gone) removed.add(g);
    added.push(shape, joined, parts, {
      inputs: [joined.outputs[0]!, parts.outputs[0]!],
      outputs: heads.map(([, , , , out]) => out),
      op: 'Split',
      domain: '',
      name: '',
      attrs: [intAttr('axis', 1)],
    });
  }

  // The LM head: logits = MatMul|MatMulNBits(hidden, W) (behind an Identity for an untied head).
  let head = producer.get('logits');
  let identity: Node | undefined;
  if (head?.op === 'Identity' && head.domain === '') {
    identity = head;
    const h = producer.get(head.inputs[0]!);
    if (h === undefined || onlyConsumer(h.outputs[0]!) !== identity) return undefined;
    head = h;
  }
  if (
    head === undefined ||
    head.outputs.length !== 1 ||
    !(
      (head.op === 'MatMul' && head.domain === '') ||
      (head.op === 'MatMulNBits' && head.domain === 'com.microsoft')
    )
  )
    return undefined;
  const last = node('Constant', [], [intsAttr('value_ints', [-1])]);
  const hidden = node('Gather', [head.inputs[0]!, last.outputs[0]!], [intAttr('axis', 1)]);
  added.push(last, hidden);
  head.inputs = [hidden.outputs[0]!, ...head.inputs.slice(1)];
  if (identity) identity.outputs = [LAST_LOGITS];
  else head.outputs = [LAST_LOGITS];

  // The standard past inputs give way to the time-major ones.
  if (timeMajor)
    graphRest = graphRest.filter(
      (f) => !(f.no === GRAPH_INPUT && f.wire === 2 && elemTypeOf(f.bytes).name in pastInputs),
    );
  const timeMajorInputs = timeMajor
    ? [...Object.entries(pastInputs), ...Object.entries(sharedInputs)].map(([past, tm]) =>
        lenField(GRAPH_INPUT, outputInfo(tm, inputElem.get(past)!)),
      )
    : [];
  let live = [...nodes.filter((n) => !removed.has(n)), ...added];
  if (single) {
    // The mask's nodes have no reader left: drop every node none of whose outputs is read.
    const wanted = new Set<string>([LAST_LOGITS, ...Object.values(deltas)]);
    for (let changed = true; changed; ) {
      const read = new Set<string>(wanted);
      for (const n of live) for (const i of n.inputs) read.add(i);
      const next = live.filter((n) => n.outputs.some((o) => read.has(o)));
      changed = next.length !== live.length;
      live = next;
    }
  }
  const folded = foldConstantDequantize(live, graphRest);
  const kept = topoSort(folded.nodes);
  const deltaOutputs = new Map<string, number>();
  for (const [present, d] of Object.entries(deltas)) deltaOutputs.set(d, outputs.get(present)!);
  const outputNames = [LAST_LOGITS, ...deltaOutputs.keys()];
  const newGraph = concat([
    ...folded.rest,
    ...timeMajorInputs,
    ...kept.map((n) => lenField(GRAPH_NODE, encodeNode(n))),
    lenField(GRAPH_OUTPUT, outputInfo(LAST_LOGITS, outputs.get('logits')!)),
    ...[...deltaOutputs].map(([name, elem]) => lenField(GRAPH_OUTPUT, outputInfo(name, elem))),
  ]);
  return {
    bytes: concat([
      ...modelRest,
      ...(msOpset
        ? []
        : [lenField(MODEL_OPSET, concat([strField(OPSET_DOMAIN, MS), intField(OPSET_VERSION, 1)]))]),
      lenField(MODEL_GRAPH, newGraph),
    ]),
    deltas,
    pastInputs,
    ...(prefix ? { sharedInputs } : {}),
    outputNames,
    standardInputs: [...inputs],
    standardOutputs: [...outputs.keys()],
  };
}
