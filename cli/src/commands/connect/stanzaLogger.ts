import type { StanzaLogEntry, StanzaLogger } from '@switchboard/core';

/** `12:03:04.567` in local time. */
export function clock(at: number): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** One line of the `--debug` stanza log: time, account, direction (`>>` out, `<<` in), text. */
export function formatStanza(entry: StanzaLogEntry): string {
  return `${clock(entry.at)} ${entry.account} ${entry.direction === 'out' ? '>>' : '<<'} ${entry.text}`;
}

/**
 * The `--debug` stanza log, to stderr. The XMPP plugin redacts SASL payloads before an entry is
 * made; this only prints what it is given.
 */
export function stderrStanzaLogger(write: (line: string) => void): StanzaLogger {
  return (entry) => write(formatStanza(entry));
}
