/**
 * @internal Just enough protobuf wire format to read and patch ONNX graphs without an ONNX
 * library (field numbers from onnx/onnx.proto3; https://protobuf.dev/programming-guides/encoding/).
 * Payloads are views into the input, never copies.
 */

export interface Field {
  readonly no: number;
  readonly wire: number;
  /** Varint value (wire 0), as a double: exact up to 2^53 (negative int64s are not). */
  readonly int: number;
  /** Payload (wire 2). */
  readonly bytes: Uint8Array;
  /** The whole field, key included (to copy it unchanged). */
  readonly raw: Uint8Array;
}

export function varint(buf: Uint8Array, pos: number): [number, number] {
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

/** A varint read as a signed 64-bit integer (two's complement, as int64 fields are encoded). */
export function signedVarint(buf: Uint8Array, pos: number): bigint {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    v |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return BigInt.asIntN(64, v);
    shift += 7n;
    if (shift > 63n) throw new Error('varint too long');
  }
}

/** The fields of one message, in order. */
export function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const none: Uint8Array = new Uint8Array(0);
  while (pos < buf.length) {
    const start = pos;
    const [key, p] = varint(buf, pos);
    pos = p;
    const no = Math.floor(key / 8);
    const wire = key & 7;
    let int = 0;
    let bytes: Uint8Array = none;
    if (wire === 0) {
      [int, pos] = varint(buf, pos);
      // A signed int64 below zero: keep its value exact where it matters (small negatives).
      if (int >= 2 ** 63) int = Number(signedVarint(buf, p));
    } else if (wire === 2) {
      const [len, q] = varint(buf, pos);
      if (q + len > buf.length) throw new Error('truncated field');
      bytes = buf.subarray(q, q + len);
      pos = q + len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (pos > buf.length) throw new Error('truncated field');
    yield { no, wire, int, bytes, raw: buf.subarray(start, pos) };
  }
}

const utf8 = new TextDecoder();
export const text = (b: Uint8Array): string => utf8.decode(b);
const enc = new TextEncoder();

/** A varint; negative numbers as 64-bit two's complement (10 bytes), as protobuf writes int64. */
export function encodeVarint(v: number | bigint): number[] {
  let u = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (u >= 0x80n) {
    out.push(Number(u & 0x7fn) | 0x80);
    u >>= 7n;
  }
  out.push(Number(u));
  return out;
}

export function lenField(no: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(no * 8 + 2), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

export const strField = (no: number, s: string): Uint8Array => lenField(no, enc.encode(s));

export const intField = (no: number, v: number | bigint): Uint8Array =>
  new Uint8Array([...encodeVarint(no * 8), ...encodeVarint(v)]);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
