/**
 * The replies that describe a channel while joining it: the `NAMES` list (`353`, all prefixes
 * with `multi-prefix`, `nick!user@host` with `userhost-in-names`) and the topic (`331`, `332`,
 * `333`), applied to the channel while its first list is being read.
 */
import type { IrcMessage } from '../wire/IrcMessage';
import type { Channel } from './Channel';
import { type ChannelPrefixes, parseNamesEntry } from './channelModes';

/** `353 <client> <symbol> <channel> :names`: adds the valid entries (bounded by the channel). */
export function applyNames(
  channel: Channel,
  message: IrcMessage,
  prefixes: ChannelPrefixes,
  fold: (text: string) => string,
): void {
  if (!channel.listing || message.params.length < 4) return;
  for (const entry of (message.params[3] ?? '').split(' ')) {
    const parsed = parseNamesEntry(entry, prefixes);
    if (parsed === undefined) continue;
    const folded = fold(parsed.nick);
    const address = parsed.address ?? channel.members.get(folded)?.address;
    channel.put(folded, {
      nick: parsed.nick,
      prefixes: parsed.prefixes,
      ...(address === undefined ? {} : { address }),
    });
  }
}

/** `331` (no topic), `332 <client> <channel> :topic`, `333 <client> <channel> <setter> <time>`. */
export function applyTopicReply(channel: Channel, message: IrcMessage): void {
  if (!channel.listing) return;
  if (message.command === '331') channel.topic = undefined;
  if (message.command === '332') channel.topic = message.params[2] ?? '';
  if (message.command === '333') {
    const setter = message.params[2] ?? '';
    channel.topicBy = setter.split('!')[0] || undefined;
  }
}
