import { type CredentialService, reauthRequired } from '../credentials/CredentialService';
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

/**
 * Opens a session with a credential fresh enough to log in. When the server refuses an OAuth2
 * token, the token is refreshed once (forced) and the login retried once; if that is impossible
 * or refused again, SB_REAUTH_REQUIRED says why. `beforeRetry` runs between the two attempts.
 * `continuation` gives what the account's lost session left (see {@link SessionContinuation}),
 * read at each attempt: a failed attempt may have handed over a newer one.
 */
export async function openWithCredentials(
  accountId: string,
  config: AccountConfig,
  plugin: ProfilePlugin,
  sink: SessionSink,
  context: CredentialContext,
  beforeRetry: () => void,
  continuation: () => SessionContinuation | undefined = () => undefined,
): Promise<ProtocolSession> {
  const { credentials, refresher, stanzaLog } = context;
  const log =
    stanzaLog === undefined
      ? {}
      : {
          log: (direction: 'in' | 'out', text: string) =>
            stanzaLog({ account: accountId, direction, text, at: Date.now() }),
        };
  const extra = (): Omit<SessionRequest, 'config' | 'credential' | 'sink'> => {
    const current = continuation();
    return { ...log, ...(current === undefined ? {} : { continuation: current }) };
  };
  const credential = await credentials.credentialFor(accountId, config.credential, refresher);
  try {
    return await plugin.open({ config, credential, sink, ...extra() });
  } catch (error) {
    if (credential.kind !== 'oauth2' || !refusedCredential(error)) throw error;
    if (refresher === undefined) throw reauthRequired(accountId, 'rejected', error);
    const fresh = await credentials.credentialFor(accountId, config.credential, refresher, {
      force: true,
    });
    beforeRetry();
    try {
      return await plugin.open({ config, credential: fresh, sink, ...extra() });
    } catch (retryError) {
      if (refusedCredential(retryError)) throw reauthRequired(accountId, 'rejected', retryError);
      throw retryError;
    }
  }
}
