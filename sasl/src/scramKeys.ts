/**
 * SCRAM key derivation and proofs (RFC 5802 §3) on WebCrypto: one native PBKDF2 call for
 * SaltedPassword, then HMAC and digest for the keys and signatures. The derivation
 * ({@link deriveScramKeys}) and the proof ({@link scramProof}) are separate, so a login with
 * cached ClientKey and ServerKey skips PBKDF2.
 */
import { type ScramCachedKeys, SwitchboardError, toBytes } from '@switchboard/core';

/** The hash functions SCRAM is registered with here (SCRAM-SHA-1, -256, -512). */
export type ScramHash = 'SHA-1' | 'SHA-256' | 'SHA-512';

/** What a SCRAM exchange needs from the keys: the proof to send and the signature to expect. */
export interface ScramKeys {
  readonly clientProof: Uint8Array;
  readonly serverSignature: Uint8Array;
}

/** Inputs of {@link computeScramKeys}. */
export interface ScramKeyInput {
  readonly hash: ScramHash;
  /** The password, already normalized. */
  readonly password: string;
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** client-first-message-bare "," server-first-message "," client-final-message-without-proof */
  readonly authMessage: string;
}

const OUTPUT_BITS: Record<ScramHash, number> = { 'SHA-1': 160, 'SHA-256': 256, 'SHA-512': 512 };

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      'SCRAM needs WebCrypto (globalThis.crypto.subtle): use Node 20 or later, or a browser page served over HTTPS.',
    );
  }
  return api;
}

/** A copy backed by a plain ArrayBuffer, as WebCrypto's BufferSource wants. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

async function hmac(
  api: SubtleCrypto,
  hash: ScramHash,
  key: Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const hmacKey = await api.importKey('raw', own(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await api.sign('HMAC', hmacKey, own(toBytes(data))));
}

/** H(data) with a SCRAM hash (used by XEP-0474 SSDP). */
export async function scramDigest(hash: ScramHash, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest(hash, own(data)));
}

/**
 * SaltedPassword = PBKDF2(password, salt, i) in one native `deriveBits` call;
 * ClientKey = HMAC(SaltedPassword, "Client Key"); ServerKey = HMAC(SaltedPassword, "Server Key").
 * The two keys are what a SCRAM key cache keeps; SaltedPassword is wiped.
 */
export async function deriveScramKeys(
  hash: ScramHash,
  password: string,
  salt: Uint8Array,
  iterations: number,
): Promise<ScramCachedKeys> {
  const api = subtle();
  const passwordKey = await api.importKey('raw', own(toBytes(password)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const saltedPassword = new Uint8Array(
    await api.deriveBits(
      { name: 'PBKDF2', hash, salt: own(salt), iterations },
      passwordKey,
      OUTPUT_BITS[hash],
    ),
  );
  const clientKey = await hmac(api, hash, saltedPassword, 'Client Key');
  const serverKey = await hmac(api, hash, saltedPassword, 'Server Key');
  saltedPassword.fill(0);
  return { clientKey, serverKey };
}

/**
 * StoredKey = H(ClientKey); ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage);
 * ServerSignature = HMAC(ServerKey, AuthMessage).
 */
export async function scramProof(
  hash: ScramHash,
  keys: ScramCachedKeys,
  authMessage: string,
): Promise<ScramKeys> {
  const api = subtle();
  const storedKey = new Uint8Array(await api.digest(hash, own(keys.clientKey)));
  const clientSignature = await hmac(api, hash, storedKey, authMessage);
  const clientProof = keys.clientKey.map((byte, i) => byte ^ (clientSignature[i] ?? 0));
  const serverSignature = await hmac(api, hash, keys.serverKey, authMessage);
  storedKey.fill(0);
  return { clientProof, serverSignature };
}

/** Computes ClientProof and ServerSignature from the password (derivation, then proof). */
export async function computeScramKeys(input: ScramKeyInput): Promise<ScramKeys> {
  const keys = await deriveScramKeys(input.hash, input.password, input.salt, input.iterations);
  try {
    return await scramProof(input.hash, keys, input.authMessage);
  } finally {
    keys.clientKey.fill(0);
    keys.serverKey.fill(0);
  }
}
