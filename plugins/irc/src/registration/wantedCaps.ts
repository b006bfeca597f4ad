/**
 * The IRCv3 capabilities the plugin asks for when the server offers them, and why each.
 */
export const WANTED_CAPS: readonly string[] = [
  // Authentication through the SASL registry.
  'sasl',
  // Tags on messages: server-time, labels, msgid, client tags such as +typing.
  'message-tags',
  // When a message was sent (delayed delivery).
  'server-time',
  // The server's acceptance of each PRIVMSG/NOTICE: a send is confirmed when it echoes back.
  'echo-message',
  // Replies (echoes, errors) matched to the line that caused them.
  'labeled-response',
  // Grouped replies (labeled responses, netsplits, history).
  'batch',
  // Capabilities added or removed later (CAP NEW / CAP DEL).
  'cap-notify',
  // History (CHATHISTORY queries); joins and parts in it as real lines, not HistServ notices.
  'draft/chathistory',
  'draft/event-playback',
  // A bouncer's relay of what the account sent from its other clients, and its replay of what
  // was said while the account was away (used where the server has no draft/chathistory).
  'znc.in/self-message',
  'znc.in/playback',
  // Presence: AWAY changes of watched users, their account, their host.
  'away-notify',
  'account-notify',
  'extended-monitor',
  'account-tag',
  'chghost',
  'multi-prefix',
  // Channels: every occupant's user@host in NAMES, and in JOIN the account and real name.
  'userhost-in-names',
  'extended-join',
];

/** The `CAP REQ` lines for `names`, each list at most `maxBytes` long. */
export function capRequests(names: readonly string[], maxBytes = 400): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line} ${name}`;
    if (next.length > maxBytes && line !== '') {
      lines.push(line);
      line = name;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}
