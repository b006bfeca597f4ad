import { askPassword, loginAborted } from '../credentials/askPassword';
import { type Credential, isPasswordProvider } from '../credentials/Credential';
import { type CredentialService, reauthRequired } from '../credentials/CredentialService';
import type { LoginMemory } from '../credentials/LoginMemory';
import { scrubSecrets } from '../credentials/scrubSecrets';
import { secretsOf } from '../credentials/secretsOf';
import type { StanzaLogger } from '../debug/StanzaLog';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { TokenRefresher } from '../oauth/TokenRefresher';
import type {
  ProfilePlugin,
  ProtocolSession,
  SessionContinuation,
  SessionRequest,
  SessionSink,
} from '../plugins/ProtocolPlugin';
import type { AccountConfig } from './AccountConfig';
import { scrubbedSession, scrubbedSink } from './scrubbedSession';

/** What an account needs to get and renew its credentials. */
export interface CredentialContext {
  readonly credentials: CredentialService;
  /** Renews OAuth2 tokens; absent when the profile or account has no OAuth2 client. */
  readonly refresher?: TokenRefresher;
  /** The host's stanza log, if it turned one on. */
  readonly stanzaLog?: StanzaLogger;
}

const REFUSED = new Set(['not-authorized', 'credentials-expired']);

function refusedCredential(error: unknown): boolean {
  if (!SwitchboardError.is(error, 'SB_SASL_FAILURE')) return false;
  const { condition } = error.details;
  return typeof condition === 'string' && REFUSED.has(condition);
}

/** One login of one account: what {@link openWithCredentials} needs. */
export interface LoginRequest {
  readonly accountId: string;
  readonly config: AccountConfig;
  /** Opens the session: the profile's plugin, or what hands it the account's extensions. */
  readonly plugin: Pick<ProfilePlugin, 'open'>;
  readonly sink: SessionSink;
  readonly context: CredentialContext;
  /** Runs between the refused attempt and the retry with refreshed tokens. */
  readonly beforeRetry: () => void;
  /** What the account's lost session left; read at each attempt. */
  readonly continuation: () => SessionContinuation | undefined;
  /** Aborted when the login is given up: the plugin closes the connection wherever it is. */
  readonly signal: AbortSignal;
  /** What the account remembers between logins, handed to the plugin (`SessionRequest.memory`). */
  readonly memory?: LoginMemory;
}

/**
 * `memory` as one login hands it to the plugin: every FAST token that passes through it (read
 * or saved) joins the secrets scrubbed from this login's errors.
 */
function scrubbingMemory(memory: LoginMemory, secrets: string[]): LoginMemory {
  return {
    userAgentId: () => memory.userAgentId(),
    fastToken: async () => {
      const token = await memory.fastToken();
      if (token !== undefined && token.token !== '') secrets.push(token.token);
      return token;
    },
    saveFastToken: (token) => {
      if (token.token !== '') secrets.push(token.token);
      return memory.saveFastToken(token);
    },
    forgetFastToken: () => memory.forgetFastToken(),
    scramKeys: memory.scramKeys,
  };
}

/**
 * Opens a session with a credential fresh enough to log in. A password provider is asked for the
 * password first. When the server refuses an OAuth2 token, the token is refreshed once (forced)
 * and the login retried once; if that is impossible or refused again, SB_REAUTH_REQUIRED says
 * why. `continuation` gives what the account's lost session left (see
 * {@link SessionContinuation}), read at each attempt: a failed attempt may have handed over a
 * newer one.
 *
 * Every error on its way to the account (the rejection, what the session's methods throw, what
 * it reports to the sink) has the account's secrets taken out: those of the configured
 * credential and of every credential sent, refreshed tokens and provided passwords included,
 * and every FAST token the plugin read from or saved to `memory` (see `scrubSecrets`).
 */
export async function openWithCredentials(login: LoginRequest): Promise<ProtocolSession> {
  const { accountId, config, plugin, sink, context, signal } = login;
  const { stanzaLog } = context;
  const log =
    stanzaLog === undefined
      ? {}
      : {
          log: (direction: 'in' | 'out', text: string) =>
            stanzaLog({ account: accountId, direction, text, at: Date.now() }),
        };
  const secrets = isPasswordProvider(config.credential) ? [] : secretsOf(config.credential);
  const memory =
    login.memory === undefined ? {} : { memory: scrubbingMemory(login.memory, secrets) };
  const extra = (): Omit<SessionRequest, 'config' | 'credential' | 'sink'> => {
    const current = login.continuation();
    return {
      ...log,
      signal,
      ...memory,
      ...(current === undefined ? {} : { continuation: current }),
    };
  };
  const scrub = (error: unknown): unknown => scrubSecrets(error, secrets);
  const scrubbing = scrubbedSink(sink, scrub);
  const send: Send = (credential) => {
    secrets.push(...secretsOf(credential));
    if (signal.aborted) return Promise.reject(loginAborted(accountId, signal.reason));
    return plugin.open({ config, credential, sink: scrubbing, ...extra() });
  };
  try {
    return scrubbedSession(await openOnce(login, send), scrub);
  } catch (error) {
    throw scrub(error);
  }
}

type Send = (credential: Credential) => Promise<ProtocolSession>;

/** The login itself: one attempt, and one more with refreshed tokens when they were refused. */
async function openOnce(login: LoginRequest, send: Send): Promise<ProtocolSession> {
  const { accountId, config, context, beforeRetry, signal } = login;
  const configured = config.credential;
  if (isPasswordProvider(configured)) {
    const request = { accountId, address: config.address, signal };
    return send(await askPassword(configured, request));
  }
  const { credentials, refresher } = context;
  const credential = await credentials.credentialFor(accountId, configured, refresher);
  try {
    return await send(credential);
  } catch (error) {
    if (credential.kind !== 'oauth2' || !refusedCredential(error)) throw error;
    if (refresher === undefined) throw reauthRequired(accountId, 'rejected', error);
    const fresh = await credentials.credentialFor(accountId, configured, refresher, {
      force: true,
    });
    beforeRetry();
    try {
      return await send(fresh);
    } catch (retryError) {
      if (refusedCredential(retryError)) throw reauthRequired(accountId, 'rejected', retryError);
      throw retryError;
    }
  }
}
