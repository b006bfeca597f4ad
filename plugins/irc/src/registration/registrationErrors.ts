/**
 * Lines that end a registration: a refused nick, a ban, or the server's `ERROR` (it closes the
 * link), as coded errors. The server's text is kept in `details.text` (at most 200 characters).
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

function text(message: IrcMessage): string {
  return (message.params.at(-1) ?? '').slice(0, 200);
}

/** The error `message` ends registration with, or undefined when it does not end it. */
export function registrationError(message: IrcMessage, nick: string): SwitchboardError | undefined {
  switch (message.command) {
    case '432':
      return new SwitchboardError(
        'SB_IRC_NICK_REFUSED',
        `The IRC server refuses the nick "${nick}" (432: erroneous nickname); choose another.`,
        { details: { numeric: '432', reason: 'erroneous', nick, text: text(message) } },
      );
    case '433':
    case '436':
      return new SwitchboardError(
        'SB_IRC_NICK_REFUSED',
        `The nick "${nick}" and the alternatives tried are in use (${message.command}).`,
        { details: { numeric: message.command, reason: 'in-use', nick, text: text(message) } },
      );
    case '465':
      return new SwitchboardError(
        'SB_IRC_REFUSED',
        'The IRC server refuses this connection (465: banned).',
        { details: { numeric: '465', reason: 'banned', text: text(message) } },
      );
    case 'ERROR':
      return new SwitchboardError(
        'SB_CONNECTION_CLOSED',
        `The IRC server closed the link: ${text(message)}`,
        { details: { text: text(message) } },
      );
    default:
      return undefined;
  }
}
