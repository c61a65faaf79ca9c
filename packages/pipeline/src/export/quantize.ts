/**
 * Weight quantisers for the ONNX exports. Both are weight-only: activations stay float32.
 */

/** Symmetric int8 with one scale per slice along `axis` (zero point 0), as DequantizeLinear reads it. */
export interface Int8PerChannel {
  readonly q: Int8Array;
  readonly scales: Float32Array;
}

/**
 * Quantises a row-major `[rows, cols]` matrix to int8 with one scale per column (`axis = 1`, the
 * output channel of a Conv1D weight) or per row (`axis = 0`, an embedding row):
 * scale = max|w| / 127, q = round(w / scale). A slice of zeros gets scale 1.
 */
export function quantizeInt8(data: Float32Array, rows: number, cols: number, axis: 0 | 1): Int8PerChannel {
  const channels = axis === 0 ? rows : cols;
  const amax = new Float32Array(channels);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const ch = axis === 0 ? r : c;
      amax[ch] = Math.max(amax[ch]!, Math.abs(data[r * cols + c]!));
    }
  }
  const scales = amax.map((a) => (a > 0 ? a / 127 : 1));
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const s = scales[axis === 0 ? r : c]!;
      q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(data[r * cols + c]! / s)));
    }
  }
  return { q, scales };
}

/** 4-bit block quantisation in the layout of ORT's com.microsoft MatMulNBits (bits = 4). */
export interface Q4Blocks {
  /** `[N, kBlocks, blockSize / 2]`: two codes per byte along K, element 2j in the low nibble. */
  readonly packed: Uint8Array;
  /** `[N · kBlocks]`, row-major over (n, block). */
  readonly scales: Float32Array;
  /** `[N · ceil(kBlocks / 2)]`: per-block zero points, two per byte, block 2j in the low nibble. */
  readonly zeroPoints: Uint8Array;
  readonly kBlocks: number;
}

/**
 * Asymmetric 4-bit block quantisation of B for `Y = A · Bᵀ`-style MatMulNBits, where
 * `at(n, k)` reads B's element (output n, reduction k). For each block of `blockSize` values
 * along K: lo = min(0, min w), hi = max(0, max w), scale = (hi − lo) / 15,
 * zp = round(−lo / scale), code = clamp(round(w / scale) + zp, 0, 15); dequantised as
 * (code − zp) · scale (ORT's contrib-op spec). K is padded to whole blocks with zeros.
 */
export function quantizeQ4(
  n: number,
  k: number,
  at: (n: number, k: number) => number,
  blockSize = 32,
): Q4Blocks {
  const kBlocks = Math.ceil(k / blockSize);
  const blob = blockSize / 2;
  const zpBytes = Math.ceil(kBlocks / 2);
  const packed = new Uint8Array(n * kBlocks * blob);
  const scales = new Float32Array(n * kBlocks);
  const zeroPoints = new Uint8Array(n * zpBytes);
  for (let row = 0; row < n; row++) {
    for (let b = 0; b < kBlocks; b++) {
      let lo = 0;
      let hi = 0;
      for (let j = 0; j < blockSize; j++) {
        const kk = b * blockSize + j;
        if (kk >= k) break;
        const v = at(row, kk);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const scale = hi > lo ? Math.fround((hi - lo) / 15) : 1;
      const zp = Math.max(0, Math.min(15, Math.round(-lo / scale)));
      scales[row * kBlocks + b] = scale;
      zeroPoints[row * zpBytes + (b >> 1)]! |= b & 1 ? zp << 4 : zp;
      const base = (row * kBlocks + b) * blob;
      for (let j = 0; j < blockSize; j++) {
        const kk = b * blockSize + j;
        const code = kk < k ? Math.max(0, Math.min(15, Math.round(at(row, kk) / scale) + zp)) : zp;
        packed[base + (j >> 1)]! |= j & 1 ? code << 4 : code;
      }
    }
  }
  return { packed, scales, zeroPoints, kBlocks };
}
