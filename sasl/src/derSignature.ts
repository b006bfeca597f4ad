/**
 * ECDSA signature encodings: WebCrypto signs in the IEEE P1363 form (`r || s`, each as wide as
 * the curve order), while OpenSSL's `ECDSA_verify` (and so Atheme) reads the DER form of
 * RFC 3279 §2.2.3: `SEQUENCE { r INTEGER, s INTEGER }`.
 */

/** One DER INTEGER from an unsigned big-endian number: leading zeros dropped, a 0 pad when the high bit is set. */
function derInteger(value: Uint8Array): number[] {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const digits = Array.from(value.subarray(start));
  if ((digits[0] ?? 0) & 0x80) digits.unshift(0);
  return [0x02, digits.length, ...digits];
}

/**
 * The DER `ECDSA-Sig-Value` for a P1363 signature `r || s` (64 bytes for P-256). Lengths stay
 * under 128, so every length is one byte.
 */
export function p1363ToDer(signature: Uint8Array): Uint8Array {
  const half = signature.length / 2;
  const body = [
    ...derInteger(signature.subarray(0, half)),
    ...derInteger(signature.subarray(half)),
  ];
  return Uint8Array.from([0x30, body.length, ...body]);
}
