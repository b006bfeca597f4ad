import type { Account } from '../accounts/Account';
import type { AccountEvents } from '../accounts/AccountEvents';

/** Every account event, re-emitted by the manager with the account it came from first. */
export type ForwardedEvents = {
  [K in keyof AccountEvents]: (account: Account, ...args: Parameters<AccountEvents[K]>) => void;
};

/** The events of an {@link AccountManager}. */
export interface AccountManagerEvents extends ForwardedEvents {
  /** An account was added (offline). */
  added: (account: Account) => void;
  /** An account was removed (after it was disconnected). */
  removed: (account: Account) => void;
}

/** The account events the manager forwards. */
export const FORWARDED_EVENTS = [
  'state',
  'online',
  'mechanism',
  'message',
  'chatState',
  'presence',
  'subscription',
  'roster',
  'bounced',
  'reauthRequired',
  'reconnecting',
  'reconnected',
  'error',
  'delivery',
  'ownMessage',
  'roomJoined',
  'roomLeft',
  'occupant',
  'topic',
  'invitation',
] as const satisfies ReadonlyArray<keyof AccountEvents>;

/** Every account event is forwarded: this fails to compile when one is left out above. */
const everyEventForwarded: Exclude<
  keyof AccountEvents,
  (typeof FORWARDED_EVENTS)[number]
> extends never
  ? true
  : never = true;
void everyEventForwarded;
