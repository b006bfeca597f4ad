/**
 * The per-login state machine of SCRAM (RFC 5802 §5, RFC 7677) used by {@link createScram},
 * with channel binding for -PLUS (RFC 5802 §6, RFC 5929, RFC 9266), XEP-0474 downgrade
 * protection and the account's SCRAM key cache.
 */
import type {
  ChannelBindingType,
  SaslCredentials,
  SaslLoginContext,
  SaslMechanism,
} from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder, toBase64 } from '@switchboard/core';
import { parseServerFirst, type ServerFirst } from './parseServerFirst';
import { readCredential } from './readCredential';
import { saslPrep } from './saslPrep';
import { escapeSaslName, isScramNonce } from './scramAttributes';
import { ScramCacheUse } from './scramCacheUse';
import { channelBindingInput, chooseGs2Flag, type ScramBinding } from './scramGs2';
import { type ScramHash, scramProof } from './scramKeys';
import { verifySsdp } from './ssdp';
import { verifyServerFinal } from './verifyServerFinal';

/** The fixed settings of one SCRAM variant. */
export interface ScramConfig {
  readonly name: string;
  readonly hash: ScramHash;
  readonly nonce: () => string;
  readonly minIterations: number;
  readonly maxIterations: number;
  /** Set for -PLUS: the channel binding types it can use. */
  readonly channelBindings?: readonly ChannelBindingType[];
}

/** What client-first fixed for the rest of the login. */
interface Start {
  readonly gs2Header: string;
  readonly bare: string;
  readonly nonce: string;
  readonly username: string;
  readonly binding?: ScramBinding;
}

type State =
  | { readonly step: 'client-first' }
  | { readonly step: 'server-first'; readonly start: Start }
  | { readonly step: 'client-final'; readonly start: Start; readonly serverFirst: ServerFirst }
  | {
      readonly step: 'server-final' | 'empty-response' | 'verified';
      readonly serverSignature: Uint8Array;
    }
  | { readonly step: 'failed' };

/**
 * One SCRAM login (RFC 5802 §5): client-first, server-first, client-final, then the server's
 * `v=` with `<success/>` or as a last challenge (answered with an empty response). Any error
 * leaves the session failed; later calls fail with SB_SASL_PROTOCOL. Keys from the cache are
 * dropped from it when the login fails: on `e=`, a wrong `v=`, or when the plugin asks for
 * {@link failureDetails} after the server's `<failure/>`.
 */
export class ScramSession implements SaslMechanism {
  readonly clientFirst = true;
  readonly #config: ScramConfig;
  readonly #context: SaslLoginContext | undefined;
  #state: State = { step: 'client-first' };
  #cacheUse: ScramCacheUse | undefined;
  #binding: ChannelBindingType | undefined;
  /** The GS2 flag sent: `p=<type>`, `y` or `n`. */
  #flag: string | undefined;

  constructor(config: ScramConfig, context?: SaslLoginContext) {
    this.#config = config;
    this.#context = context;
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
        clientNonce: state.start.nonce,
        minIterations: this.#config.minIterations,
        maxIterations: this.#config.maxIterations,
      });
      this.#state = { step: 'client-final', start: state.start, serverFirst };
      return;
    }
    if (state.step === 'server-final') {
      this.#verify(data, state.serverSignature);
      this.#state = { step: 'empty-response', serverSignature: state.serverSignature };
      return;
    }
    throw saslOutOfOrder(this.name, `a challenge arrived at step ${state.step}`);
  }

  success(data: Uint8Array | null): void {
    const state = this.#state;
    this.#state = { step: 'failed' };
    if (state.step === 'server-final') {
      this.#verify(data, state.serverSignature);
    } else if (state.step === 'verified' || state.step === 'empty-response') {
      // Already verified from a challenge; data repeated with <success/> must match too.
      if (data !== null && data.length > 0) this.#verify(data, state.serverSignature);
    } else {
      this.#cacheUse?.failed();
      throw new SwitchboardError(
        'SB_SASL_SERVER_VERIFICATION_FAILED',
        `The server reported ${this.name} success before proving it knows the credential. Do not trust this connection.`,
        { details: { mechanism: this.name, reason: 'premature-success' } },
      );
    }
    this.#state = { step: 'verified', serverSignature: state.serverSignature };
  }

  /**
   * Called by the plugin when the server answered `<failure/>`: cached keys used for this
   * login are dropped. A -PLUS login says which channel binding it used (`channelBinding`), so
   * the error shows that a bound login was refused; a login that sent the GS2 flag `y` says so
   * (`gs2Flag: 'y'`): a server that refuses it may support binding after all, i.e. -PLUS was
   * removed from the offer on the way (the plugin's `SB_SASL_DOWNGRADE`).
   */
  failureDetails(): Readonly<Record<string, unknown>> | undefined {
    this.#cacheUse?.failed();
    if (this.#binding !== undefined) return { channelBinding: this.#binding };
    return this.#flag === 'y' ? { gs2Flag: 'y' } : undefined;
  }

  #verify(data: Uint8Array | null, serverSignature: Uint8Array): void {
    try {
      verifyServerFinal(data, serverSignature, this.name);
    } catch (error) {
      this.#cacheUse?.failed();
      const binding = this.#binding;
      if (binding === undefined || !SwitchboardError.is(error, 'SB_SASL_FAILURE')) throw error;
      throw new SwitchboardError(
        'SB_SASL_FAILURE',
        `${error.message} The login was bound to the TLS channel (${binding}); nothing weaker was tried.`,
        { details: { ...error.details, channelBinding: binding } },
      );
    }
    // Stored in the background; the cache answers a later lookup only after the write.
    void this.#cacheUse?.verified();
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
        { details: { mechanism: name, field: 'nonce' } },
      );
    }
    const { flag, binding } = chooseGs2Flag(name, this.#config.channelBindings, this.#context);
    this.#binding = binding?.type;
    this.#flag = flag;
    const authz =
      authzid === undefined ? '' : `a=${escapeSaslName(await saslPrep(authzid, 'authzid', name))}`;
    const gs2Header = `${flag},${authz},`;
    const bare = `n=${escapeSaslName(username)},r=${nonce}`;
    this.#state = {
      step: 'server-first',
      start: { gs2Header, bare, nonce, username, ...(binding === undefined ? {} : { binding }) },
    };
    return gs2Header + bare;
  }

  async #clientFinal(
    state: Extract<State, { step: 'client-final' }>,
    credentials: SaslCredentials,
  ): Promise<string> {
    const { serverFirst, start } = state;
    const { hash } = this.#config;
    const password = await saslPrep(
      readCredential(credentials, 'password', this.name, true),
      'password',
      this.name,
    );
    // XEP-0474: a list altered on the way stops the login before any proof is sent. Without a
    // known offer (no context, or a server that listed nothing) there is nothing to compare.
    const offered = this.#context?.offered ?? [];
    if (serverFirst.ssdp !== undefined && this.#context !== undefined && offered.length > 0) {
      await verifySsdp(serverFirst.ssdp, hash, this.#context, this.name);
    }
    const c = channelBindingInput(start.gs2Header, start.binding);
    const withoutProof = `c=${c},r=${serverFirst.nonce}`;
    const use = await ScramCacheUse.open(
      this.#context,
      hash,
      start.username,
      password,
      serverFirst,
    );
    this.#cacheUse = use;
    const { clientProof, serverSignature } = await scramProof(
      hash,
      use.keys,
      `${start.bare},${serverFirst.text},${withoutProof}`,
    );
    use.release();
    this.#state = { step: 'server-final', serverSignature };
    return `${withoutProof},p=${toBase64(clientProof)}`;
  }
}
