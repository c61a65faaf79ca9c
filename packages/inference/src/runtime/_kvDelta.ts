/**
 * @internal KV-delta outputs for a standard decoder graph, added at load time.
 *
 * The standard export (transformers.js / optimum layout) returns `present.{i}.key|value` =
 * `Concat(past_key_values.{i}.*, new, axis 2)`: the whole cache, every run. onnxruntime-node
 * (1.30) copies every fetched output into a fresh JavaScript buffer — even a pre-allocated
 * output is written by ORT and then copied again — so feeding `present` back costs a copy and
 * an allocation of the whole cache per token. Here the Concat's second input (the positions this
 * run adds, `[batch, heads, seq, headDim]`) becomes an extra graph output; the loop fetches it
 * instead of `present` and appends it to its own cache buffer (`_kv.ts`). The values are the same
 * floats the Concat copies, so generation is unchanged.
 *
 * No ONNX library: a protobuf reader walks ModelProto → GraphProto → NodeProto (field numbers
 * from onnx/onnx.proto3), and the outputs are added by appending a second `graph` field to the
 * model: protobuf merges repeated occurrences of an embedded message field (repeated fields
 * concatenate; https://protobuf.dev/programming-guides/encoding/#last-one-wins), so the graph
 * gains outputs without re-encoding the weights.
 */

import { concat, encodeVarint, fields, lenField, text } from './_protobuf';

/** Field numbers of onnx.proto3. */
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_OP_TYPE = 4;
const VALUE_INFO_NAME = 1;
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_ELEM_TYPE = 1;

/** What {@link exposeKvDeltas} returns: the patched graph and, per `present.*` output, its delta output. */
export interface KvDeltaGraph {
  readonly bytes: Uint8Array;
  /** `present.{i}.key|value` → the name of the output holding only the positions a run adds. */
  readonly deltas: Readonly<Record<string, string>>;
}

const PRESENT = /^present\.\d+\.(key|value)$/;

/**
 * Adds, for every `present.*` output made by a `Concat(past, new)`, the `new` tensor as a graph
 * output. `undefined` when the graph does not have that shape (a fused attention op, external
 * data, anything unexpected): the caller then keeps feeding `present` back.
 */
export function exposeKvDeltas(model: Uint8Array): KvDeltaGraph | undefined {
  try {
    const graphs: Uint8Array[] = [];
    for (const f of fields(model)) if (f.no === MODEL_GRAPH && f.wire === 2) graphs.push(f.bytes);
    if (graphs.length !== 1) return undefined;
    const deltas: Record<string, string> = {};
    const elemType = new Map<string, number>();
    for (const f of fields(graphs[0]!)) {
      if (f.wire !== 2) continue;
      if (f.no === GRAPH_NODE) {
        const inputs: string[] = [];
        const outputs: string[] = [];
        let op = '';
        for (const n of fields(f.bytes)) {
          if (n.wire !== 2) continue;
          if (n.no === NODE_INPUT) inputs.push(text(n.bytes));
          else if (n.no === NODE_OUTPUT) outputs.push(text(n.bytes));
          else if (n.no === NODE_OP_TYPE) op = text(n.bytes);
        }
        if (op === 'Concat' && outputs.length === 1 && PRESENT.test(outputs[0]!) && inputs.length === 2)
          deltas[outputs[0]!] = inputs[1]!;
      } else if (f.no === GRAPH_OUTPUT) {
        let name = '';
        let elem = -1;
        for (const v of fields(f.bytes)) {
          if (v.no === VALUE_INFO_NAME && v.wire === 2) name = text(v.bytes);
          else if (v.no === VALUE_INFO_TYPE && v.wire === 2) {
            for (const t of fields(v.bytes)) {
              if (t.no !== TYPE_TENSOR || t.wire !== 2) continue;
              for (const e of fields(t.bytes)) if (e.no === TENSOR_ELEM_TYPE && e.wire === 0) elem = e.int;
            }
          }
        }
        if (PRESENT.test(name) && elem >= 0) elemType.set(name, elem);
      }
    }
    const names = Object.keys(deltas);
    if (names.length === 0 || names.length !== elemType.size || names.some((n) => !elemType.has(n)))
      return undefined;
    const enc = new TextEncoder();
    // One output per tensor: layers may share one (a graph that caches the same values twice).
    const added = new Map<string, number>();
    for (const present of names) added.set(deltas[present]!, elemType.get(present)!);
    const outputs = [...added].map(([name, elem]) => {
      const tensor = new Uint8Array([TENSOR_ELEM_TYPE * 8, ...encodeVarint(elem)]);
      const type = lenField(TYPE_TENSOR, tensor);
      return lenField(
        GRAPH_OUTPUT,
        concat([lenField(VALUE_INFO_NAME, enc.encode(name)), lenField(VALUE_INFO_TYPE, type)]),
      );
    });
    return { bytes: concat([model, lenField(MODEL_GRAPH, concat(outputs))]), deltas };
  } catch {
    return undefined;
  }
}
