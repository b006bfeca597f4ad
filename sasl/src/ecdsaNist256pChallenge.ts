/**
 * ECDSA-NIST256P-CHALLENGE, as Atheme services implement it
 * (`modules/saslserv/ecdsa-nist256p-challenge.c`), for IRC networks whose NickServ holds the
 * account's P-256 public key (`/msg NickServ SET PUBKEY`):
 * 1. the client sends the account name, `authcid` or `authcid NUL authzid`;
 * 2. the server answers with a 32-byte random challenge;
 * 3. the client sends the DER-encoded ECDSA signature of that challenge, and the server checks it
 *    with `ECDSA_verify` against the raw challenge, then (Atheme 7.3 and later) against its
 *    SHA-256 digest.
 * WebCrypto only signs a message with its hash, so the signature is over SHA-256(challenge): the
 * second form, the one Atheme added for signing APIs that "require hashing".
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder } from '@switchboard/core';
import { p1363ToDer } from './derSignature';
import { readEcdsaKey, signP256 } from './ecdsaKey';
import { readCredential } from './readCredential';

const NAME = 'ECDSA-NIST256P-CHALLENGE';
/** Atheme's `CHALLENGE_LENGTH`. */
const CHALLENGE_LENGTH = 32;

/**
 * The credential kind ECDSA-NIST256P-CHALLENGE needs: a P-256 private key, given to the
 * mechanism as `SaslCredentials.ecdsaKey` (a WebCrypto `CryptoKey`, PKCS#8 DER bytes or a PKCS#8
 * PEM string).
 */
export const ECDSA_P256_CREDENTIAL = 'ecdsa-p256';

type State =
  | { readonly step: 'names' }
  | { readonly step: 'challenge' }
  | { readonly step: 'signature'; readonly challenge: Uint8Array }
  | { readonly step: 'done' };

class EcdsaChallengeSession implements SaslMechanism {
  readonly name = NAME;
  readonly clientFirst = true;
  #state: State = { step: 'names' };

  async response(credentials: SaslCredentials): Promise<string | Uint8Array> {
    const state = this.#state;
    this.#state = { step: 'done' };
    if (state.step === 'names') {
      const authcid = readCredential(credentials, 'username', NAME, true);
      const authzid = readCredential(credentials, 'authzid', NAME, false);
      // The key is checked now, so a bad one stops the login before the server is asked.
      await readEcdsaKey(credentials, NAME);
      this.#state = { step: 'challenge' };
      // Atheme refuses an empty authzid after the NUL, so an absent one sends no NUL.
      return authzid === undefined ? authcid : `${authcid}\u0000${authzid}`;
    }
    if (state.step === 'signature') {
      const key = await readEcdsaKey(credentials, NAME);
      return p1363ToDer(await signP256(key, state.challenge, NAME));
    }
    throw saslOutOfOrder(NAME, `no response is due at step ${state.step}`);
  }

  challenge(data: Uint8Array): void {
    const state = this.#state;
    this.#state = { step: 'done' };
    if (state.step !== 'challenge') {
      throw saslOutOfOrder(NAME, `a challenge arrived at step ${state.step}`);
    }
    if (data.length !== CHALLENGE_LENGTH) {
      throw new SwitchboardError(
        'SB_SASL_MALFORMED_CHALLENGE',
        `The ${NAME} challenge must be ${CHALLENGE_LENGTH} bytes; the server sent ${data.length}.`,
        { details: { mechanism: NAME, length: data.length } },
      );
    }
    this.#state = { step: 'signature', challenge: Uint8Array.from(data) };
  }
}

/**
 * ECDSA-NIST256P-CHALLENGE (Atheme). Sends `username` (and `NUL authzid` when
 * `credentials.authzid` is set), then signs the server's 32-byte challenge with
 * `credentials.ecdsaKey` (ECDSA P-256 with SHA-256, DER-encoded). Needs the
 * {@link ECDSA_P256_CREDENTIAL} kind and TLS; payloads are redacted. Not part of
 * {@link standardMechanisms}: a plugin whose servers offer it registers it.
 */
export const ecdsaNist256pChallenge: SaslMechanismDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze([ECDSA_P256_CREDENTIAL]),
  redaction: 'all',
  create: (): SaslMechanism => new EcdsaChallengeSession(),
});
