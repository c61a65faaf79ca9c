import { DT, type GraphBuilder } from './_graph';
import { quantizeQ4 } from './quantize';

/** MatMulNBits block size along K (4-bit export). */
export const Q4_BLOCK_SIZE = 32;

/** @internal The three initializers of one 4-bit matrix B `[n, k]`, in MatMulNBits layout. */
export interface Q4Matrix {
  readonly packed: string;
  readonly scales: string;
  readonly zeroPoints: string;
  readonly n: number;
  readonly k: number;
  readonly kBlocks: number;
}

/**
 * @internal Quantises B `[n, k]` (read through `at(n, k)`) to 4-bit blocks and stores it once as
 * `{name}_Q4` `[n, kBlocks, 16]`, `{name}_scales` `[n · kBlocks]` and `{name}_zero_points`.
 */
export function q4Matrix(
  g: GraphBuilder,
  name: string,
  n: number,
  k: number,
  at: (n: number, k: number) => number,
): Q4Matrix {
  const q = quantizeQ4(n, k, at, Q4_BLOCK_SIZE);
  return {
    packed: g.initializer(`${name}_Q4`, DT.UINT8, [n, q.kBlocks, Q4_BLOCK_SIZE / 2], q.packed),
    scales: g.floats(`${name}_scales`, [n * q.kBlocks], q.scales),
    zeroPoints: g.initializer(`${name}_zero_points`, DT.UINT8, [q.zeroPoints.length], q.zeroPoints),
    n,
    k,
    kBlocks: q.kBlocks,
  };
}

/** @internal com.microsoft MatMulNBits: `x · dequant(B)ᵀ`, `[…, k]` → `[…, n]`. */
export function matMulQ4(g: GraphBuilder, x: string, b: Q4Matrix): string {
  return g.op(
    'MatMulNBits',
    [x, b.packed, b.scales, b.zeroPoints],
    { K: b.k, N: b.n, bits: 4, block_size: Q4_BLOCK_SIZE, accuracy_level: 0 },
    'com.microsoft',
  );
}
