/**
 * The SASL numerics (https://ircv3.net/specs/extensions/sasl-3.1, sasl-3.2) as Switchboard
 * errors, and the account name of RPL_LOGGEDIN.
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import { Numerics } from '../wire/numerics';

const FAILURES: Readonly<
  Record<string, { code: 'SB_SASL_FAILURE' | 'SB_SASL_PROTOCOL'; reason: string; text: string }>
> = {
  [Numerics.ERR_NICKLOCKED]: {
    code: 'SB_SASL_FAILURE',
    reason: 'nick-locked',
    text: 'The account cannot be used with this nick (902); log in with a nick the account may use.',
  },
  [Numerics.ERR_SASLFAIL]: {
    code: 'SB_SASL_FAILURE',
    reason: 'failed',
    text: 'The IRC server rejected authentication (904); check the account name and credential.',
  },
  [Numerics.ERR_SASLTOOLONG]: {
    code: 'SB_SASL_PROTOCOL',
    reason: 'too-long',
    text: 'The IRC server found an AUTHENTICATE parameter too long (905).',
  },
  [Numerics.ERR_SASLABORTED]: {
    code: 'SB_SASL_PROTOCOL',
    reason: 'aborted',
    text: 'The IRC server aborted the SASL exchange (906).',
  },
  [Numerics.ERR_SASLALREADY]: {
    code: 'SB_SASL_PROTOCOL',
    reason: 'already-authenticated',
    text: 'The IRC server says this connection is already authenticated (907).',
  },
};

/**
 * The coded error for a SASL failure numeric (902, 904–907), or undefined for any other message.
 * `details`: `numeric`, `reason` (`nick-locked`, `failed`, `too-long`, `aborted`,
 * `already-authenticated`) and the server's `text` (its last parameter, at most 200 characters).
 */
export function saslNumericError(message: IrcMessage): SwitchboardError | undefined {
  const failure = FAILURES[message.command];
  if (failure === undefined) return undefined;
  const text = (message.params.length > 1 ? (message.params.at(-1) ?? '') : '').slice(0, 200);
  return new SwitchboardError(failure.code, failure.text, {
    details: { numeric: message.command, reason: failure.reason, text },
  });
}

/** The mechanisms of RPL_SASLMECHS (908), or undefined for any other message. */
export function saslMechanisms(message: IrcMessage): string[] | undefined {
  if (message.command !== Numerics.RPL_SASLMECHS) return undefined;
  return (message.params[1] ?? '').split(',').filter((name) => name !== '');
}

/** The account name of RPL_LOGGEDIN (900), which may differ from the nick; else undefined. */
export function loggedInAccount(message: IrcMessage): string | undefined {
  if (message.command !== Numerics.RPL_LOGGEDIN) return undefined;
  return message.params[2];
}
