/** The three splits of a training set. */
export const SPLITS = ['train', 'val', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** Shares of profiles in val and test (the rest is train). */
export interface SplitShares {
  readonly val: number;
  readonly test: number;
}

export const DEFAULT_SPLIT_SHARES: SplitShares = { val: 0.05, test: 0.05 };

/** FNV-1a 32-bit hash of a string (Fowler, Noll, Vo; the published offset basis and prime). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The split of a profile: a hash of its key (not of the row), so every plan of one profile —
 * variants, fine-tuning rows — lands in the same split and none leaks from train into test.
 * Deterministic: the same key and seed always give the same split.
 */
export function splitOf(profileKey: string, seed: number, shares: SplitShares = DEFAULT_SPLIT_SHARES): Split {
  const u = fnv1a32(`${seed}:${profileKey}`) / 2 ** 32;
  if (u < shares.test) return 'test';
  if (u < shares.test + shares.val) return 'val';
  return 'train';
}
