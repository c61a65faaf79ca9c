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

/** The reference reader's limit on the JSON header (100 MB), against a length prefix that asks for a huge allocation. */
const MAX_HEADER_BYTES = 100_000_000;

interface _Entry {
  readonly name: string;
  readonly dtype: string;
  readonly width: number;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * Reads a safetensors file into float32 host tensors. F32, F16, BF16 and F64 are converted to
 * float32; other dtypes (integer buffers) are rejected with the tensor's name. The file is
 * checked as the reference reader (huggingface/safetensors `Metadata::validate`) checks it: the
 * header is a JSON object, tensor byte ranges tile the data section exactly (no overlap, no gap)
 * and the last range ends at the end of the file (no truncation, no trailing bytes).
 *
 * @throws NexFitraError (`BAD_DATA`) for a truncated file, a malformed header, overlapping or
 *   gapped byte ranges, trailing bytes, or an unsupported dtype; the message says which.
 */
export function decodeSafetensors(bytes: Uint8Array, fn = 'decodeSafetensors'): Map<string, HostTensor> {
  const fail = (path: (string | number)[], value: unknown, allowed: string, message?: string): never => {
    throw new NexFitraError({ code: 'BAD_DATA', fn, path, value, allowed }, message);
  };
  if (bytes.length < 8) {
    fail(
      ['header'],
      bytes.length,
      'a file of at least 8 bytes',
      `${fn}: file truncated: ${bytes.length} bytes, shorter than the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER_BYTES))
    fail(['header', 'length'], String(n64), `a header of at most ${MAX_HEADER_BYTES} bytes`);
  const n = Number(n64);
  if (8 + n > bytes.length) {
    fail(
      ['header', 'length'],
      n,
      `≤ ${bytes.length - 8} (the file size minus 8)`,
      `${fn}: file truncated: the header is ${n} bytes but only ${bytes.length - 8} follow the length prefix`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    return fail(['header'], 'unparsable JSON', 'a JSON object');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    return fail(
      ['header'],
      header,
      'a JSON object mapping tensor names to { dtype, shape, data_offsets }',
      `${fn}: the header is ${header === null ? 'null' : Array.isArray(header) ? 'an array' : typeof header}, not a JSON object of tensors`,
    );
  }
  const base = 8 + n;
  const entries: _Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (raw === null || typeof raw !== 'object')
      return fail([name], raw, 'an object { dtype, shape, data_offsets }');
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
      !Number.isSafeInteger(off[0]) ||
      !Number.isSafeInteger(off[1]) ||
      off[0] < 0 ||
      off[1] - off[0] !== size * width
    ) {
      return fail(
        [name, 'data_offsets'],
        off,
        `[begin, begin + ${size * width}] (shape × ${width}-byte ${info.dtype})`,
      );
    }
    entries.push({
      name,
      dtype: info.dtype as string,
      width,
      shape: shape as number[],
      begin: off[0],
      end: off[1],
    });
  }
  // The ranges, in file order, must tile the data section: each starts where the previous ended.
  entries.sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  for (const e of entries) {
    if (e.begin !== at) {
      const what = e.begin < at ? 'overlaps the previous tensor' : `leaves a gap of ${e.begin - at} bytes`;
      fail(
        [e.name, 'data_offsets'],
        [e.begin, e.end],
        `a range starting at byte ${at}, where the previous tensor ends`,
        `${fn}: ${e.name}.data_offsets [${e.begin}, ${e.end}] ${what} (expected it to start at byte ${at})`,
      );
    }
    at = e.end;
  }
  const dataBytes = bytes.length - base;
  if (at > dataBytes) {
    fail(
      ['data'],
      dataBytes,
      `${at} bytes of tensor data`,
      `${fn}: file truncated: the header describes ${at} bytes of tensor data but only ${dataBytes} follow it`,
    );
  }
  if (at < dataBytes) {
    fail(
      ['data'],
      dataBytes,
      `exactly ${at} bytes of tensor data`,
      `${fn}: ${dataBytes - at} trailing bytes after the last tensor (the data section must end with it)`,
    );
  }
  const scratch = new DataView(new ArrayBuffer(4));
  const out = new Map<string, HostTensor>();
  for (const { name, dtype, width, shape, begin } of entries) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    let p = base + begin;
    for (let i = 0; i < size; i++, p += width) {
      if (dtype === 'F32') data[i] = view.getFloat32(p, true);
      else if (dtype === 'F16') data[i] = halfToFloat(view.getUint16(p, true));
      else if (dtype === 'BF16') {
        // bf16 is the upper half of a float32
        scratch.setUint32(0, view.getUint16(p, true) << 16, true);
        data[i] = scratch.getFloat32(0, true);
      } else data[i] = view.getFloat64(p, true);
    }
    out.set(name, { shape, data });
  }
  // Header order, as before (callers may rely on insertion order of the file's JSON).
  return new Map(Object.keys(header).flatMap((k) => (out.has(k) ? [[k, out.get(k)!] as const] : [])));
}
