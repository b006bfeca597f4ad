/**
 * Reads the P-256 private key of ECDSA-NIST256P-CHALLENGE from {@link SaslCredentials} and
 * imports it into WebCrypto. Errors name the field, never its value.
 */
import { fromBase64, type SaslCredentials, SwitchboardError } from '@switchboard/core';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const PEM = /^-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----\s*$/;

function invalid(mechanism: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${mechanism} needs credentials.ecdsaKey ${problem}; fix the account's credential.`,
    { details: { mechanism, field: 'ecdsaKey' } },
  );
}

function subtle(mechanism: string): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `${mechanism} needs WebCrypto (globalThis.crypto.subtle): use Node 20 or later, or a browser page served over HTTPS.`,
    );
  }
  return api;
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey === 'function' && value instanceof CryptoKey;
}

function pkcs8Of(value: unknown, mechanism: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') {
    const body = PEM.exec(value.trim())?.[1];
    const der = body === undefined ? undefined : fromBase64(body);
    if (der !== undefined) return der;
  }
  throw invalid(
    mechanism,
    'to be a P-256 private key (a WebCrypto CryptoKey, PKCS#8 DER bytes or a PKCS#8 PEM string)',
  );
}

/**
 * The signing key in `credentials.ecdsaKey`: a WebCrypto `CryptoKey` (ECDSA, P-256, private,
 * usable for `sign`), PKCS#8 DER bytes, or a PKCS#8 PEM string (`-----BEGIN PRIVATE KEY-----`).
 * Throws SB_CONFIG_INVALID (`details.field: 'ecdsaKey'`) when it is none of these.
 */
export async function readEcdsaKey(
  credentials: SaslCredentials,
  mechanism: string,
): Promise<CryptoKey> {
  const value = credentials.ecdsaKey;
  if (value === undefined || value === null) throw invalid(mechanism, 'to be set');
  if (isCryptoKey(value)) {
    const algorithm = value.algorithm as EcKeyAlgorithm;
    if (
      value.type !== 'private' ||
      algorithm.name !== 'ECDSA' ||
      algorithm.namedCurve !== 'P-256' ||
      !value.usages.includes('sign')
    ) {
      throw invalid(mechanism, 'to be an ECDSA P-256 private key usable for signing');
    }
    return value;
  }
  const der = pkcs8Of(value, mechanism);
  try {
    return await subtle(mechanism).importKey('pkcs8', Uint8Array.from(der), ALGORITHM, false, [
      'sign',
    ]);
  } catch (error) {
    if (SwitchboardError.is(error)) throw error;
    throw invalid(mechanism, 'to be a PKCS#8 ECDSA P-256 private key');
  }
}

/** Signs `data` with ECDSA P-256 and SHA-256; the signature in WebCrypto's `r || s` form. */
export async function signP256(
  key: CryptoKey,
  data: Uint8Array,
  mechanism: string,
): Promise<Uint8Array> {
  const signature = await subtle(mechanism).sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    Uint8Array.from(data),
  );
  return new Uint8Array(signature);
}
