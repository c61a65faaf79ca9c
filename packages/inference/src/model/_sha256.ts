/** @internal SHA-256 of bytes as 64 lowercase hex digits, through WebCrypto (Node ≥ 19 and browsers). */
export async function _sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
  );
  let s = '';
  for (const b of digest) s += b.toString(16).padStart(2, '0');
  return s;
}
