import { NexFitraError } from '@nexfitra/core';
import type { HostTensor } from '../model/weights';

/**
 * The safetensors format (Hugging Face safetensors documentation, section "Format"): an 8-byte
 * little-endian header length N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin,
 * end]}, "__metadata__"?: {string: string}}` (offsets relative to the end of the header), then
 * the raw little-endian tensor bytes. Written here with F32 tensors in insertion order and the
 * header padded with spaces to a multiple of 8 bytes, as the reference writer does.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, HostTensor>,
  metadata: Readonly<Record<string, string>> = { format: 'pt' },
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    const bytes = t.data.length * 4;
    header[name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  while ((8 + enc.encode(json).length) % 8 !== 0) json += ' ';
  const head = enc.encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of tensors.values()) {
    for (let i = 0; i < t.data.length; i++, p += 4) view.setFloat32(p, t.data[i]!, true);
  }
  return out;
}

/** IEEE 754 half → float (handles subnormals, ±Inf, NaN). */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/**
 * Reads a safetensors file into float32 host tensors. F32, F16, BF16 and F64 are converted to
 * float32; other dtypes (integer buffers) are rejected with the tensor's name.
 *
 * @throws NexFitraError (`BAD_DATA`) for a truncated file, a malformed header or an unsupported dtype.
 */
export function decodeSafetensors(bytes: Uint8Array, fn = 'decodeSafetensors'): Map<string, HostTensor> {
  const fail = (path: (string | number)[], value: unknown, allowed: string): never => {
    throw new NexFitraError({ code: 'BAD_DATA', fn, path, value, allowed });
  };
  if (bytes.length < 8) fail(['header'], bytes.length, 'a file of at least 8 bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) fail(['header', 'length'], n, `≤ ${bytes.length - 8} (the file size minus 8)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    return fail(['header'], 'unparsable JSON', 'a JSON object');
  }
  const base = 8 + n;
  const scratch = new DataView(new ArrayBuffer(4));
  const out = new Map<string, HostTensor>();
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const width = typeof info.dtype === 'string' ? DTYPE_BYTES[info.dtype] : undefined;
    if (!width) return fail([name, 'dtype'], info.dtype, `one of ${Object.keys(DTYPE_BYTES).join(', ')}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      return fail([name, 'shape'], shape, 'an array of non-negative integers');
    }
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    const off = info.data_offsets;
    if (
      !Array.isArray(off) ||
      off.length !== 2 ||
      off[1] - off[0] !== size * width ||
      off[0] < 0 ||
      base + off[1] > bytes.length
    ) {
      return fail([name, 'data_offsets'], off, `[begin, begin + ${size * width}] inside the file`);
    }
    const data = new Float32Array(size);
    let p = base + (off[0] as number);
    for (let i = 0; i < size; i++, p += width) {
      if (info.dtype === 'F32') data[i] = view.getFloat32(p, true);
      else if (info.dtype === 'F16') data[i] = halfToFloat(view.getUint16(p, true));
      else if (info.dtype === 'BF16') {
        // bf16 is the upper half of a float32
        scratch.setUint32(0, view.getUint16(p, true) << 16, true);
        data[i] = scratch.getFloat32(0, true);
      } else data[i] = view.getFloat64(p, true);
    }
    out.set(name, { shape: shape as number[], data });
  }
  return out;
}
