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

interface Field {
  readonly no: number;
  readonly wire: number;
  /** Varint value (wire 0). */
  readonly int: number;
  /** Payload (wire 2). */
  readonly bytes: Uint8Array;
}

function varint(buf: Uint8Array, pos: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return [v, pos];
    mul *= 128;
    if (mul > 2 ** 63) throw new Error('varint too long');
  }
}

/** The fields of one message, in order (payloads are views, not copies). */
function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const none = new Uint8Array(0);
  while (pos < buf.length) {
    const [key, p] = varint(buf, pos);
    pos = p;
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [v, q] = varint(buf, pos);
      pos = q;
      yield { no, wire, int: v, bytes: none };
    } else if (wire === 2) {
      const [len, q] = varint(buf, pos);
      if (q + len > buf.length) throw new Error('truncated field');
      yield { no, wire, int: 0, bytes: buf.subarray(q, q + len) };
      pos = q + len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();
const text = (b: Uint8Array) => utf8.decode(b);

function encodeVarint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lenField(no: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(no * 8 + 2), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

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
