/**
 * The per-login state machine of SCRAM (RFC 5802 §5, RFC 7677) used by {@link createScram}.
 */
import type { SaslCredentials, SaslMechanism } from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder, toBase64, toBytes } from '@switchboard/core';
import { parseServerFirst, type ServerFirst } from './parseServerFirst';
import { readCredential } from './readCredential';
import { saslPrep } from './saslPrep';
import { escapeSaslName, isScramNonce } from './scramAttributes';
import { computeScramKeys, type ScramHash } from './scramKeys';
import { verifyServerFinal } from './verifyServerFinal';

/** The fixed settings of one SCRAM variant. */
export interface ScramConfig {
  readonly name: string;
  readonly hash: ScramHash;
  readonly nonce: () => string;
  readonly minIterations: number;
  readonly maxIterations: number;
}

type State =
  | { readonly step: 'client-first' }
  | {
      readonly step: 'server-first';
      readonly gs2Header: string;
      readonly bare: string;
      readonly nonce: string;
    }
  | {
      readonly step: 'client-final';
      readonly gs2Header: string;
      readonly bare: string;
      readonly serverFirst: ServerFirst;
    }
  | {
      readonly step: 'server-final' | 'empty-response' | 'verified';
      readonly serverSignature: Uint8Array;
    }
  | { readonly step: 'failed' };

/**
 * One SCRAM login (RFC 5802 §5): client-first, server-first, client-final, then the server's
 * `v=` with `<success/>` or as a last challenge (answered with an empty response). Any error
 * leaves the session failed; later calls fail with SB_SASL_PROTOCOL.
 */
export class ScramSession implements SaslMechanism {
  readonly clientFirst = true;
  readonly #config: ScramConfig;
  #state: State = { step: 'client-first' };

  constructor(config: ScramConfig) {
    this.#config = config;
  }

  get name(): string {
    return this.#config.name;
  }

  async response(credentials: SaslCredentials): Promise<string> {
    const state = this.#state;
    this.#state = { step: 'failed' };
    if (state.step === 'client-first') return this.#clientFirst(credentials);
    if (state.step === 'client-final') return this.#clientFinal(state, credentials);
    if (state.step === 'empty-response') {
      // The server sent v= as a challenge and waits for an empty response before <success/>.
      this.#state = { step: 'verified', serverSignature: state.serverSignature };
      return '';
    }
    throw saslOutOfOrder(this.name, `no response is due at step ${state.step}`);
  }

  challenge(data: Uint8Array): void {
    const state = this.#state;
    this.#state = { step: 'failed' };
    if (state.step === 'server-first') {
      const serverFirst = parseServerFirst(data, {
        mechanism: this.name,
        clientNonce: state.nonce,
        minIterations: this.#config.minIterations,
        maxIterations: this.#config.maxIterations,
      });
      this.#state = {
        step: 'client-final',
        gs2Header: state.gs2Header,
        bare: state.bare,
        serverFirst,
      };
      return;
    }
    if (state.step === 'server-final') {
      verifyServerFinal(data, state.serverSignature, this.name);
      this.#state = { step: 'empty-response', serverSignature: state.serverSignature };
      return;
    }
    throw saslOutOfOrder(this.name, `a challenge arrived at step ${state.step}`);
  }

  success(data: Uint8Array | null): void {
    const state = this.#state;
    this.#state = { step: 'failed' };
    if (state.step === 'server-final') {
      verifyServerFinal(data, state.serverSignature, this.name);
    } else if (state.step === 'verified' || state.step === 'empty-response') {
      // Already verified from a challenge; data repeated with <success/> must match too.
      if (data !== null && data.length > 0)
        verifyServerFinal(data, state.serverSignature, this.name);
    } else {
      throw new SwitchboardError(
        'SB_SASL_SERVER_VERIFICATION_FAILED',
        `The server reported ${this.name} success before proving it knows the credential. Do not trust this connection.`,
        { details: { mechanism: this.name, reason: 'premature-success' } },
      );
    }
    this.#state = { step: 'verified', serverSignature: state.serverSignature };
  }

  async #clientFirst(credentials: SaslCredentials): Promise<string> {
    const { name } = this;
    const username = await saslPrep(
      readCredential(credentials, 'username', name, true),
      'username',
      name,
    );
    // Fail before anything is sent; the password is prepared again for the proof.
    await saslPrep(readCredential(credentials, 'password', name, true), 'password', name);
    const authzid = readCredential(credentials, 'authzid', name, false);
    const nonce = this.#config.nonce();
    if (!isScramNonce(nonce)) {
      throw new SwitchboardError(
        'SB_CONFIG_INVALID',
        `The ${name} nonce must be visible ASCII without ",".`,
        {
          details: { mechanism: name, field: 'nonce' },
        },
      );
    }
    const gs2Header =
      authzid === undefined
        ? 'n,,'
        : `n,a=${escapeSaslName(await saslPrep(authzid, 'authzid', name))},`;
    const bare = `n=${escapeSaslName(username)},r=${nonce}`;
    this.#state = { step: 'server-first', gs2Header, bare, nonce };
    return gs2Header + bare;
  }

  async #clientFinal(
    state: Extract<State, { step: 'client-final' }>,
    credentials: SaslCredentials,
  ): Promise<string> {
    const { serverFirst } = state;
    const password = await saslPrep(
      readCredential(credentials, 'password', this.name, true),
      'password',
      this.name,
    );
    const withoutProof = `c=${toBase64(toBytes(state.gs2Header))},r=${serverFirst.nonce}`;
    const keys = await computeScramKeys({
      hash: this.#config.hash,
      password,
      salt: serverFirst.salt,
      iterations: serverFirst.iterations,
      authMessage: `${state.bare},${serverFirst.text},${withoutProof}`,
    });
    this.#state = { step: 'server-final', serverSignature: keys.serverSignature };
    return `${withoutProof},p=${toBase64(keys.clientProof)}`;
  }
}
