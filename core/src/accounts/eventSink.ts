import type { EventEmitter } from 'eventemitter3';
import type { SessionSink } from '../plugins/ProtocolPlugin';
import type { AccountEvents } from './AccountEvents';
import type { MessageSender } from './reliability/MessageSender';

/** The parts of a session's sink that only turn what the session reports into account events. */
export type EventSink = Pick<
  SessionSink,
  | 'mechanismSelected'
  | 'message'
  | 'presence'
  | 'subscription'
  | 'chatState'
  | 'roster'
  | 'sent'
  | 'bounced'
  | 'extensionFailed'
  | 'refusedStanza'
  | 'occupant'
  | 'topic'
  | 'invitation'
  | 'roomLeft'
  | 'ownMessage'
  | 'receipt'
>;

/** Reports of any of the account's sessions, as events of `account` (and settled sends). */
export function eventSink(account: EventEmitter<AccountEvents>, sender: MessageSender): EventSink {
  return {
    mechanismSelected: (mechanism, trace, framing) =>
      account.emit('mechanism', mechanism, trace, framing),
    message: (message) => account.emit('message', message),
    presence: (presence) => account.emit('presence', presence),
    subscription: (update) => account.emit('subscription', update),
    chatState: (update) => account.emit('chatState', update),
    roster: (item) => account.emit('roster', item),
    sent: (report) => sender.report(report),
    bounced: (bounce) => account.emit('bounced', sender.bounce(bounce)),
    extensionFailed: (error) => account.emit('error', error),
    refusedStanza: (error) => account.emit('error', error),
  };
}
