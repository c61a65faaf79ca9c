/**
 * Malformed checkpoints are refused with a clear typed error (issue 13), as the reference
 * reader (huggingface/safetensors, `Metadata::validate`: header must be a JSON object, byte
 * ranges must tile the data section, the last one ends the file) refuses them. Files are built
 * by hand here: an 8-byte little-endian header length, the JSON header, then the data.
 */
import { isNexFitraError } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../src/checkpoint/safetensors';
import { checkGpt2Config, SUPPORTED_FAMILIES } from '../src/model/config';

function file(header: unknown, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function errorOf(f: () => unknown): Error & { code?: string; path?: unknown } {
  try {
    f();
  } catch (e) {
    expect(isNexFitraError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected an error');
}

const f32 = (begin: number, n: number) => ({
  dtype: 'F32',
  shape: [n],
  data_offsets: [begin, begin + 4 * n],
});

describe('decodeSafetensors refuses malformed files', () => {
  it('reads a well-formed two-tensor file (control)', () => {
    const m = decodeSafetensors(file({ a: f32(0, 2), b: f32(8, 1) }, 12));
    expect([...m.keys()]).toEqual(['a', 'b']);
  });

  it('a header that is JSON null or an array', () => {
    for (const [h, word] of [
      [null, 'null'],
      [[f32(0, 1)], 'an array'],
    ] as const) {
      const e = errorOf(() => decodeSafetensors(file(h, 4)));
      expect(e.message).toContain(`the header is ${word}, not a JSON object`);
      expect(e.code).toBe('BAD_DATA');
    }
  });

  it('overlapping byte ranges (a corrupted file must not load wrong weights)', () => {
    const e = errorOf(() => decodeSafetensors(file({ a: f32(0, 2), b: f32(4, 2) }, 12)));
    expect(e.message).toContain('b.data_offsets [4, 12] overlaps the previous tensor');
  });

  it('a gap between byte ranges', () => {
    const e = errorOf(() => decodeSafetensors(file({ a: f32(0, 1), b: f32(8, 1) }, 12)));
    expect(e.message).toContain('leaves a gap of 4 bytes');
  });

  it('trailing bytes after the data', () => {
    const e = errorOf(() => decodeSafetensors(file({ a: f32(0, 1) }, 7)));
    expect(e.message).toContain('3 trailing bytes after the last tensor');
  });

  it('a truncated file says it is truncated, whether the cut is in the data or in the header', () => {
    const whole = encodeSafetensors(new Map([['w', { shape: [4], data: new Float32Array([1, 2, 3, 4]) }]]));
    expect(errorOf(() => decodeSafetensors(whole.subarray(0, whole.length - 5))).message).toContain(
      'file truncated: the header describes 16 bytes of tensor data but only 11 follow it',
    );
    expect(errorOf(() => decodeSafetensors(whole.subarray(0, 20))).message).toContain(
      'file truncated: the header is',
    );
    expect(errorOf(() => decodeSafetensors(whole.subarray(0, 5))).message).toContain('file truncated');
  });
});

describe('checkGpt2Config names the supported families', () => {
  const gpt2 = { model_type: 'gpt2', vocab_size: 4, n_positions: 2, n_embd: 2, n_layer: 1, n_head: 1 };

  it('another family (llama) gets one message listing what is supported', () => {
    const e = errorOf(() => checkGpt2Config({ model_type: 'llama', hidden_size: 8, num_hidden_layers: 1 }));
    expect(e.message).toContain('model_type "llama" is not supported');
    for (const f of SUPPORTED_FAMILIES) expect(e.message).toContain(f);
  });

  it('a config with fields removed lists every missing field at once', () => {
    const { n_embd: _a, n_layer: _b, ...rest } = gpt2;
    const e = errorOf(() => checkGpt2Config(rest));
    expect(e.message).toContain('config lacks n_embd, n_layer');
    expect(e.message).toContain('supported model families: gpt2');
    expect(checkGpt2Config(gpt2).n_embd).toBe(2);
  });
});
