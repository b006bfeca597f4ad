import { SwitchboardError } from '../errors/SwitchboardError';

/** The states of an account's connection. */
export type AccountState =
  | 'offline'
  | 'connecting'
  | 'authenticating'
  | 'online'
  | 'disconnected'
  /** The session was lost; the next attempt waits for its backoff delay. */
  | 'reconnecting'
  | 'failed'
  /** Its OAuth2 tokens can no longer be renewed: the host must ask the user to authorize again. */
  | 'reauth-required';

const transitions: Readonly<Record<AccountState, readonly AccountState[]>> = {
  offline: ['connecting'],
  connecting: ['authenticating', 'failed', 'offline', 'reauth-required', 'reconnecting'],
  // Back to connecting: one retry with a refreshed token after the server refused the old one.
  authenticating: ['online', 'failed', 'offline', 'connecting', 'reauth-required', 'reconnecting'],
  online: ['disconnected', 'offline', 'failed'],
  disconnected: ['connecting', 'offline', 'reconnecting'],
  reconnecting: ['connecting', 'offline'],
  failed: ['connecting', 'offline'],
  'reauth-required': ['connecting', 'offline'],
};

/** Whether the state machine allows `from → to`. */
export function canTransition(from: AccountState, to: AccountState): boolean {
  return transitions[from].includes(to);
}

/** Throws SB_ACCOUNT_STATE unless `from → to` is allowed. */
export function assertTransition(from: AccountState, to: AccountState): void {
  if (!canTransition(from, to)) {
    throw new SwitchboardError('SB_ACCOUNT_STATE', `An account cannot go from ${from} to ${to}.`, {
      details: { from, to },
    });
  }
}
