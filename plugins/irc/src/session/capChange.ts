import { capRequests, WANTED_CAPS } from '../registration/wantedCaps';
import { applyCapChange, capSubcommand, parseCapList } from '../wire/capabilities';
import type { IrcMessage } from '../wire/IrcMessage';

/**
 * The capabilities after a `CAP` line of a registered session: `CAP DEL` drops capabilities;
 * `CAP NEW` offers more, and the wanted ones are requested through `request` (one `CAP REQ`
 * argument each); `CAP ACK` (of such a request) enables them.
 */
export function capChange(
  caps: Map<string, string>,
  message: IrcMessage,
  request: (argument: string) => void,
): Map<string, string> {
  const sub = capSubcommand(message);
  if (sub === 'DEL') return applyCapChange(caps, message);
  if (sub === 'NEW') {
    const offered = parseCapList(message.params[2] ?? '');
    // SASL only matters before registration ends.
    const wanted = WANTED_CAPS.filter(
      (name) => name !== 'sasl' && offered.has(name) && !caps.has(name),
    );
    for (const argument of capRequests(wanted)) request(argument);
  }
  if (sub === 'ACK') {
    for (const name of parseCapList(message.params[2] ?? '').keys()) {
      if (name.startsWith('-')) caps.delete(name.slice(1));
      else caps.set(name, '');
    }
  }
  return caps;
}
