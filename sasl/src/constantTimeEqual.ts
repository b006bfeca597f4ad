/**
 * Byte comparison whose running time does not depend on where the inputs differ.
 */

/**
 * True when `a` and `b` hold the same bytes. Compares every byte, so the time taken reveals
 * only the lengths (which are public for SCRAM signatures).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
