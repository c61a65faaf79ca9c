import { readFile, writeFile } from 'node:fs/promises';
import { NexFitraError } from '@nexfitra/core';
import type { TokenizedExample } from './examples';

/** First 8 bytes of a token file: "NFTOK", two zero bytes, format version 1. */
const MAGIC = Uint8Array.from([0x4e, 0x46, 0x54, 0x4f, 0x4b, 0, 0, 1]);

interface _Header {
  readonly version: 1;
  readonly count: number;
  readonly tokens: number;
  readonly dtype: 'uint16' | 'int32';
  /** Section name → [byte offset from the data start, byte length]. */
  readonly sections: Record<'offsets' | 'plan_start' | 'weight' | 'tokens', [number, number]>;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Encodes tokenized examples in the token file both training engines read (`.nftok`; the torch
 * engine's reader is python/nexfitra_torch/data.py). Little-endian: magic, uint32 header length
 * H, H bytes of JSON `{version, count, tokens, dtype, sections}` padded with spaces so the data
 * starts at a multiple of 8, then the sections: `offsets` uint64[count + 1] (token index where
 * each example starts), `plan_start` uint32[count], `weight` float32[count] and `tokens`
 * (uint16 when every id < 65,536, else int32). The loss mask is a function of `plan_start` and
 * `weight` (see `padBatch`), so it is not stored per token.
 *
 * @throws NexFitraError (`OUT_OF_RANGE`) naming an example with a negative or non-integer id.
 */
export function encodeTokenFile(examples: readonly TokenizedExample[]): Uint8Array {
  let total = 0;
  let maxId = 0;
  examples.forEach((e, i) => {
    for (const id of e.ids) {
      if (!(id >= 0)) {
        throw new NexFitraError({
          code: 'OUT_OF_RANGE',
          fn: 'encodeTokenFile',
          path: ['examples', i, 'ids'],
          value: id,
          allowed: 'token ids ≥ 0',
        });
      }
      if (id > maxId) maxId = id;
    }
    total += e.ids.length;
  });
  const dtype = maxId < 65_536 ? 'uint16' : 'int32';
  const n = examples.length;
  const offBytes = 8 * (n + 1);
  const psBytes = 4 * n;
  const wBytes = 4 * n;
  const tokBytes = total * (dtype === 'uint16' ? 2 : 4);
  const sections: _Header['sections'] = {
    offsets: [0, offBytes],
    plan_start: [align8(offBytes), psBytes],
    weight: [align8(offBytes) + align8(psBytes), wBytes],
    tokens: [align8(offBytes) + align8(psBytes) + align8(wBytes), tokBytes],
  };
  const header: _Header = { version: 1, count: n, tokens: total, dtype, sections };
  let json = JSON.stringify(header);
  while ((12 + json.length) % 8 !== 0) json += ' ';
  const head = new TextEncoder().encode(json);
  const base = 12 + head.length;
  const out = new Uint8Array(base + sections.tokens[0] + tokBytes);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, head.length, true);
  out.set(head, 12);
  let at = 0;
  examples.forEach((e, i) => {
    view.setBigUint64(base + 8 * i, BigInt(at), true);
    view.setUint32(base + sections.plan_start[0] + 4 * i, e.planStart, true);
    view.setFloat32(base + sections.weight[0] + 4 * i, e.weight, true);
    const p = base + sections.tokens[0];
    for (const id of e.ids) {
      if (dtype === 'uint16') view.setUint16(p + 2 * at, id, true);
      else view.setInt32(p + 4 * at, id, true);
      at++;
    }
  });
  view.setBigUint64(base + 8 * n, BigInt(at), true);
  return out;
}

/**
 * Decodes a token file written by {@link encodeTokenFile}.
 * @throws NexFitraError (`BAD_DATA`) for another file, another version or a truncated one.
 */
export function decodeTokenFile(bytes: Uint8Array, fn = 'decodeTokenFile'): TokenizedExample[] {
  const bad = (path: string, value: unknown, allowed: string): never => {
    throw new NexFitraError({ code: 'BAD_DATA', fn, path: [path], value, allowed });
  };
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) {
    bad('magic', Array.from(bytes.slice(0, 8)), 'a NexFitra token file (starts with "NFTOK\\0\\0\\x01")');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hLen = view.getUint32(8, true);
  if (12 + hLen > bytes.length) bad('header', hLen, `a header within the file's ${bytes.length} bytes`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hLen))) as _Header;
  if (header.version !== 1) bad('version', header.version, 'version 1');
  const base = 12 + hLen;
  const { count, sections, dtype } = header;
  const end = base + sections.tokens[0] + sections.tokens[1];
  if (end > bytes.length) bad('tokens', bytes.length, `a file of ${end} bytes (this one is truncated)`);
  const width = dtype === 'uint16' ? 2 : 4;
  const out: TokenizedExample[] = [];
  for (let i = 0; i < count; i++) {
    const from = Number(view.getBigUint64(base + 8 * i, true));
    const to = Number(view.getBigUint64(base + 8 * (i + 1), true));
    const ids = new Int32Array(to - from);
    const p = base + sections.tokens[0];
    for (let k = 0; k < ids.length; k++) {
      ids[k] =
        width === 2 ? view.getUint16(p + 2 * (from + k), true) : view.getInt32(p + 4 * (from + k), true);
    }
    out.push({
      ids,
      planStart: view.getUint32(base + sections.plan_start[0] + 4 * i, true),
      weight: view.getFloat32(base + sections.weight[0] + 4 * i, true),
    });
  }
  return out;
}

/** Writes {@link encodeTokenFile}'s bytes to `path`. */
export async function writeTokenFile(path: string, examples: readonly TokenizedExample[]): Promise<void> {
  await writeFile(path, encodeTokenFile(examples));
}

/** Reads a token file written by {@link writeTokenFile}. */
export async function readTokenFile(path: string): Promise<TokenizedExample[]> {
  const b = await readFile(path);
  return decodeTokenFile(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), 'readTokenFile');
}
