/**
 * SCRAM key derivation and proofs (RFC 5802 §3) on WebCrypto: one native PBKDF2 call for
 * SaltedPassword, then HMAC and digest for the keys and signatures.
 */
import { SwitchboardError, toBytes } from '@switchboard/core';

/** The hash functions SCRAM is registered with here (SCRAM-SHA-1, SCRAM-SHA-256). */
export type ScramHash = 'SHA-1' | 'SHA-256';

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

const OUTPUT_BITS: Record<ScramHash, number> = { 'SHA-1': 160, 'SHA-256': 256 };

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
  text: string,
): Promise<Uint8Array> {
  const hmacKey = await api.importKey('raw', own(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await api.sign('HMAC', hmacKey, own(toBytes(text))));
}

/**
 * Computes ClientProof and ServerSignature:
 * SaltedPassword = PBKDF2(password, salt, i) in one native `deriveBits` call;
 * ClientKey = HMAC(SaltedPassword, "Client Key"); StoredKey = H(ClientKey);
 * ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage);
 * ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage).
 */
export async function computeScramKeys(input: ScramKeyInput): Promise<ScramKeys> {
  const api = subtle();
  const { hash, authMessage } = input;
  const passwordKey = await api.importKey('raw', own(toBytes(input.password)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const saltedPassword = new Uint8Array(
    await api.deriveBits(
      { name: 'PBKDF2', hash, salt: own(input.salt), iterations: input.iterations },
      passwordKey,
      OUTPUT_BITS[hash],
    ),
  );
  const clientKey = await hmac(api, hash, saltedPassword, 'Client Key');
  const storedKey = new Uint8Array(await api.digest(hash, own(clientKey)));
  const clientSignature = await hmac(api, hash, storedKey, authMessage);
  const clientProof = clientKey.map((byte, i) => byte ^ (clientSignature[i] ?? 0));
  const serverKey = await hmac(api, hash, saltedPassword, 'Server Key');
  const serverSignature = await hmac(api, hash, serverKey, authMessage);
  for (const secret of [saltedPassword, clientKey, storedKey, serverKey]) secret.fill(0);
  return { clientProof, serverSignature };
}
