import type { SessionContinuation } from '@switchboard/core';
import type { OutboundLine } from './OutboundMessages';

/**
 * What a lost IRC session leaves for the next one: the lines of taken messages that were never
 * written (sent first on the next connection, so order holds), and the ids (`msgid`) of recent
 * inbound messages, so a message the server replays is not reported twice.
 */
export interface IrcContinuation extends SessionContinuation {
  readonly protocol: 'irc';
  readonly resend: readonly { readonly id: string; readonly lines: readonly OutboundLine[] }[];
  readonly recent: readonly string[];
}

/** `continuation` when it is an IRC one; undefined otherwise. */
export function asIrcContinuation(
  continuation: SessionContinuation | undefined,
): IrcContinuation | undefined {
  return continuation?.protocol === 'irc' ? (continuation as IrcContinuation) : undefined;
}
