/**
 * Replies that return a PRIVMSG or NOTICE as undeliverable, as SB_MESSAGE_BOUNCED with a
 * condition named after the numeric (https://modern.ircdocs.horse/#numerics).
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

const CONDITIONS: Readonly<Record<string, string>> = {
  '401': 'no-such-nick',
  '402': 'no-such-server',
  '404': 'cannot-send-to-channel',
  '407': 'too-many-targets',
  '411': 'no-recipient',
  '412': 'no-text-to-send',
  '413': 'no-top-level',
  '414': 'wild-top-level',
  '492': 'no-service',
  // ergo: the recipient accepts messages only from registered users, or has blocked us.
  '486': 'needs-registration',
  '531': 'cannot-send-to-user',
  '717': 'target-too-fast',
};

/** A returned message: to whom it was sent and why it was refused. */
export interface Returned {
  readonly target: string;
  readonly error: SwitchboardError;
}

/** The bounce `message` reports, or undefined for any other line. */
export function returnedMessage(message: IrcMessage): Returned | undefined {
  const condition = CONDITIONS[message.command];
  if (condition === undefined) return undefined;
  const target = message.params[1] ?? '';
  const text = (message.params.length > 2 ? (message.params.at(-1) ?? '') : '').slice(0, 200);
  return {
    target,
    error: new SwitchboardError(
      'SB_MESSAGE_BOUNCED',
      `The IRC server could not deliver the message to ${target} (${message.command}: ${condition}).`,
      { details: { condition, numeric: message.command, text, to: target } },
    ),
  };
}
