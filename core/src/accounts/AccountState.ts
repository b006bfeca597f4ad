import { SwitchboardError } from '../errors/SwitchboardError';

/** The states of an account's connection. */
export type AccountState =
  | 'offline'
  | 'connecting'
  | 'authenticating'
  | 'online'
  | 'disconnected'
  | 'failed';

const transitions: Readonly<Record<AccountState, readonly AccountState[]>> = {
  offline: ['connecting'],
  connecting: ['authenticating', 'failed', 'offline'],
  authenticating: ['online', 'failed', 'offline'],
  online: ['disconnected', 'offline', 'failed'],
  disconnected: ['connecting', 'offline'],
  failed: ['connecting', 'offline'],
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
