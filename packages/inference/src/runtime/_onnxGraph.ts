/**
 * @internal ONNX graph pieces for load-time rewrites (`_decodeGraph.ts`): nodes decoded to
 * names and op types with their attributes kept as bytes, re-encoded after a rewrite; the rest
 * of a graph (initializers, inputs) is copied unchanged. Field numbers from onnx/onnx.proto3.
 */
import { concat, type Field, fields, intField, lenField, strField, text } from './_protobuf';

/** Field numbers of onnx.proto3. */
export const MODEL_GRAPH = 7;
export const MODEL_OPSET = 8;
export const OPSET_DOMAIN = 1;
export const OPSET_VERSION = 2;
export const GRAPH_NODE = 1;
export const GRAPH_INITIALIZER = 5;
export const GRAPH_INPUT = 11;
export const GRAPH_OUTPUT = 12;
export const NODE_INPUT = 1;
export const NODE_OUTPUT = 2;
export const NODE_NAME = 3;
export const NODE_OP_TYPE = 4;
export const NODE_ATTRIBUTE = 5;
export const NODE_DOMAIN = 7;
export const ATTR_NAME = 1;
export const ATTR_I = 3;
export const ATTR_INTS = 8;
export const ATTR_TYPE = 20;
export const ATTR_TYPE_INT = 2;
export const ATTR_TYPE_INTS = 7;
export const VALUE_INFO_NAME = 1;
export const VALUE_INFO_TYPE = 2;
export const TYPE_TENSOR = 1;
export const TENSOR_ELEM_TYPE = 1;
export const TENSORPROTO_DIMS = 1;
export const TENSORPROTO_DATA_TYPE = 2;
export const TENSORPROTO_NAME = 8;
export const TENSORPROTO_RAW_DATA = 9;
export const TENSORPROTO_DATA_LOCATION = 14;
/** onnx TensorProto.DataType values. */
export const DT_FLOAT = 1;
export const DT_INT8 = 3;

export interface Node {
  inputs: string[];
  outputs: string[];
  readonly op: string;
  readonly domain: string;
  readonly name: string;
  /** Attribute payloads, unchanged. */
  readonly attrs: readonly Uint8Array[];
}

export function readNode(bytes: Uint8Array): Node {
  const n: Node = { inputs: [], outputs: [], op: '', domain: '', name: '', attrs: [] };
  let op = '';
  let domain = '';
  let name = '';
  const attrs: Uint8Array[] = [];
  for (const f of fields(bytes)) {
    if (f.wire !== 2) continue;
    if (f.no === NODE_INPUT) n.inputs.push(text(f.bytes));
    else if (f.no === NODE_OUTPUT) n.outputs.push(text(f.bytes));
    else if (f.no === NODE_OP_TYPE) op = text(f.bytes);
    else if (f.no === NODE_DOMAIN) domain = text(f.bytes);
    else if (f.no === NODE_NAME) name = text(f.bytes);
    else if (f.no === NODE_ATTRIBUTE) attrs.push(f.bytes);
  }
  return { ...n, op, domain, name, attrs };
}

export function encodeNode(n: Node): Uint8Array {
  return concat([
    ...n.inputs.map((s) => strField(NODE_INPUT, s)),
    ...n.outputs.map((s) => strField(NODE_OUTPUT, s)),
    ...(n.name ? [strField(NODE_NAME, n.name)] : []),
    strField(NODE_OP_TYPE, n.op),
    ...n.attrs.map((a) => lenField(NODE_ATTRIBUTE, a)),
    ...(n.domain ? [strField(NODE_DOMAIN, n.domain)] : []),
  ]);
}

/** An attribute's integer(s): `i` or `ints` (packed or not); undefined when absent. */
export function attr(n: Node, name: string): number[] | undefined {
  for (const a of n.attrs) {
    let found = false;
    const ints: number[] = [];
    for (const f of fields(a)) {
      if (f.no === ATTR_NAME && f.wire === 2) found = text(f.bytes) === name;
      else if ((f.no === ATTR_I || f.no === ATTR_INTS) && f.wire === 0) ints.push(f.int);
      else if (f.no === ATTR_INTS && f.wire === 2)
        for (const p of fields(packedAsFields(f.bytes))) ints.push(p.int);
    }
    if (found) return ints;
  }
  return undefined;
}

/** A packed varint run re-keyed as field-1 varints, so {@link fields} can read it. */
function packedAsFields(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i]! < 0x80) {
      out.push(8, ...b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  return Uint8Array.from(out);
}

export const intAttr = (name: string, v: number): Uint8Array =>
  concat([strField(ATTR_NAME, name), intField(ATTR_I, v), intField(ATTR_TYPE, ATTR_TYPE_INT)]);
export const intsAttr = (name: string, vs: readonly number[]): Uint8Array =>
  concat([
    strField(ATTR_NAME, name),
    ...vs.map((v) => intField(ATTR_INTS, v)),
    intField(ATTR_TYPE, ATTR_TYPE_INTS),
  ]);

export const same = (a: readonly number[] | undefined, b: readonly number[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export function elemTypeOf(valueInfo: Uint8Array): { name: string; elem: number } {
  let name = '';
  let elem = -1;
  for (const v of fields(valueInfo)) {
    if (v.no === VALUE_INFO_NAME && v.wire === 2) name = text(v.bytes);
    else if (v.no === VALUE_INFO_TYPE && v.wire === 2) {
      for (const t of fields(v.bytes)) {
        if (t.no !== TYPE_TENSOR || t.wire !== 2) continue;
        for (const e of fields(t.bytes)) if (e.no === TENSOR_ELEM_TYPE && e.wire === 0) elem = e.int;
      }
    }
  }
  return { name, elem };
}

export function outputInfo(name: string, elem: number): Uint8Array {
  const tensor = concat([intField(TENSOR_ELEM_TYPE, elem)]);
  return concat([strField(VALUE_INFO_NAME, name), lenField(VALUE_INFO_TYPE, lenField(TYPE_TENSOR, tensor))]);
}

/** Nodes in an order where each runs after the producers of its inputs (Kahn, stable). */
export function topoSort(nodes: readonly Node[]): Node[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const o of n.outputs) producer.set(o, i);
  });
  const users = new Map<number, number[]>();
  const waiting = nodes.map((n, i) => {
    const from = new Set(n.inputs.filter((x) => producer.has(x)).map((x) => producer.get(x)!));
    for (const p of from) {
      const u = users.get(p) ?? [];
      u.push(i);
      users.set(p, u);
    }
    return from.size;
  });
  const ready = nodes.map((_, i) => i).filter((i) => waiting[i] === 0);
  const out: Node[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => b - a);
    const i = ready.pop()!;
    out.push(nodes[i]!);
    for (const u of users.get(i) ?? []) if (--waiting[u]! === 0) ready.push(u);
  }
  if (out.length !== nodes.length) throw new Error('graph has a cycle');
  return out;
}

/** A graph initializer: its dims, data type and raw bytes (undefined when stored otherwise). */
export interface Initializer {
  readonly field: Field;
  readonly dims: readonly number[];
  readonly type: number;
  readonly raw: Uint8Array | undefined;
}

export function readInitializer(field: Field): [string, Initializer] {
  let name = '';
  let type = 0;
  let raw: Uint8Array | undefined;
  let external = false;
  const dims: number[] = [];
  for (const f of fields(field.bytes)) {
    if (f.no === TENSORPROTO_NAME && f.wire === 2) name = text(f.bytes);
    else if (f.no === TENSORPROTO_DATA_TYPE && f.wire === 0) type = f.int;
    else if (f.no === TENSORPROTO_RAW_DATA && f.wire === 2) raw = f.bytes;
    else if (f.no === TENSORPROTO_DATA_LOCATION && f.wire === 0) external = f.int === 1;
    else if (f.no === TENSORPROTO_DIMS && f.wire === 0) dims.push(f.int);
    else if (f.no === TENSORPROTO_DIMS && f.wire === 2) {
      // Packed dims.
      let pos = 0;
      const b = f.bytes;
      while (pos < b.length) {
        let v = 0;
        let mul = 1;
        for (;;) {
          const x = b[pos++]!;
          v += (x & 0x7f) * mul;
          if (x < 0x80) break;
          mul *= 128;
        }
        dims.push(v);
      }
    }
  }
  return [name, { field, dims, type, raw: external ? undefined : raw }];
}

/** A scalar (or one-element) float32 initializer's value; undefined otherwise. */
export function scalarFloat(init: Initializer | undefined): number | undefined {
  if (init === undefined || init.type !== DT_FLOAT || init.raw?.length !== 4) return undefined;
  if (init.dims.reduce((a, b) => a * b, 1) !== 1) return undefined;
  return new DataView(init.raw.buffer, init.raw.byteOffset, 4).getFloat32(0, true);
}

const DT_INT64 = 7;
/** A small int64 initializer's values (raw data only, at most 16); undefined otherwise. */
export function intsOf(init: Initializer | undefined): number[] | undefined {
  if (init === undefined || init.type !== DT_INT64 || init.raw === undefined) return undefined;
  if (init.raw.length % 8 !== 0 || init.raw.length > 128 || init.dims.length > 1) return undefined;
  const v = new DataView(init.raw.buffer, init.raw.byteOffset, init.raw.length);
  const out: number[] = [];
  for (let i = 0; i < init.raw.length; i += 8) out.push(Number(v.getBigInt64(i, true)));
  return out;
}

const ATTR_F = 2;
const ATTR_TYPE_FLOAT = 1;
export const floatAttr = (name: string, v: number): Uint8Array => {
  const f = new Uint8Array(5);
  f[0] = ATTR_F * 8 + 5;
  new DataView(f.buffer).setFloat32(1, v, true);
  return concat([strField(ATTR_NAME, name), f, intField(ATTR_TYPE, ATTR_TYPE_FLOAT)]);
};
