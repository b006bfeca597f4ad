/**
 * What the server reports of the channels a session is in, as occupant, topic, invitation and
 * room-left reports: `JOIN` (with `extended-join`), `PART`, `QUIT`, `KICK`, `NICK`, membership
 * `MODE`s, `TOPIC`, `INVITE`, and the `NAMES` (353/366) and topic (331/332/333) replies.
 */
import type { LeaveReason, OccupantChange, OccupantRank, SessionSink } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import type { Isupport } from '../wire/Isupport';
import type { Channel, Member } from './Channel';
import {
  type ChannelModeKinds,
  type ChannelPrefixes,
  parseModeChanges,
  parseModeKinds,
  parsePrefixes,
  rankOf,
  withPrefix,
} from './channelModes';
import { applyNames, applyTopicReply } from './joinReplies';
import { matchesMask } from './matchesMask';

/** Ban masks remembered per channel to tell a ban from a plain kick. */
const RECENT_BANS = 16;

/** What {@link MembershipEvents} works on. */
export interface MembershipContext {
  /** The session's channels by folded name. */
  readonly channels: Map<string, Channel>;
  readonly sink: SessionSink;
  readonly isupport: Isupport;
  readonly fold: (text: string) => string;
  readonly isMe: (nick: string) => boolean;
  readonly nick: () => string;
  /** Our JOIN of the channel `key` (named `name` by the server): the channel to fill, if kept. */
  readonly joined: (key: string, name: string) => Channel | undefined;
  /** The first NAMES list of `channel` ended. */
  readonly listed: (channel: Channel) => void;
  /** Our PART of channel `key` arrived. */
  readonly parted: (key: string) => void;
  /** We set channel `key`'s topic (our TOPIC). */
  readonly topicSet: (key: string) => void;
}

function sourceOf(message: IrcMessage): { nick: string; address?: string } | undefined {
  const source = message.source;
  if (source?.kind !== 'user') return undefined;
  const address =
    source.user === undefined || source.host === undefined
      ? undefined
      : `${source.nick}!${source.user}@${source.host}`;
  return { nick: source.nick, ...(address === undefined ? {} : { address }) };
}

/** Applies the server's channel lines to the session's channels and reports them. */
export class MembershipEvents {
  readonly #c: MembershipContext;
  readonly prefixes: ChannelPrefixes;
  readonly #kinds: ChannelModeKinds;

  constructor(context: MembershipContext) {
    this.#c = context;
    this.prefixes = parsePrefixes(context.isupport.get('PREFIX'));
    this.#kinds = parseModeKinds(context.isupport.get('CHANMODES'));
  }

  /** Takes a channel line; false for any other. */
  receive(message: IrcMessage): boolean {
    switch (message.command) {
      case 'JOIN':
        this.#join(message);
        return true;
      case 'PART':
        this.#part(message);
        return true;
      case 'QUIT':
        this.#quit(message);
        return true;
      case 'KICK':
        this.#kick(message);
        return true;
      case 'NICK':
        this.#nick(message);
        return true;
      case 'MODE':
        return this.#mode(message);
      case 'TOPIC':
        this.#topic(message);
        return true;
      case 'INVITE':
        this.#invite(message);
        return true;
      case '324':
        this.#channelModes(message);
        return true;
      case '353':
        this.#inList(message.params[2], (c) => applyNames(c, message, this.prefixes, this.#c.fold));
        return true;
      case '366':
        this.#endOfNames(message);
        return true;
      case '331':
      case '332':
      case '333':
        this.#inList(message.params[1], (c) => applyTopicReply(c, message));
        return true;
      default:
        return false;
    }
  }

  #channel(name: string | undefined): Channel | undefined {
    return name === undefined ? undefined : this.#c.channels.get(this.#c.fold(name));
  }

  #report(channel: Channel, change: OccupantChange): void {
    if (channel.requested) this.#c.sink.occupant?.(channel.name, change);
  }

  #occupant(channel: Channel, member: Member) {
    return channel.occupant(member, this.prefixes, this.#c.isMe(member.nick));
  }

  #join(message: IrcMessage): void {
    const source = sourceOf(message);
    const name = message.params[0];
    if (source === undefined || name === undefined) return;
    const key = this.#c.fold(name);
    const member: Member = {
      nick: source.nick,
      prefixes: '',
      ...(source.address === undefined ? {} : { address: source.address }),
    };
    if (this.#c.isMe(source.nick)) {
      if (this.#c.channels.has(key)) return;
      this.#c.joined(key, name)?.put(this.#c.fold(source.nick), member);
      return;
    }
    const channel = this.#c.channels.get(key);
    if (channel === undefined || !channel.put(this.#c.fold(source.nick), member)) return;
    this.#report(channel, { kind: 'joined', occupant: this.#occupant(channel, member) });
  }

  #leave(
    channel: Channel,
    nick: string,
    reason: LeaveReason,
    extra: { by?: string; text?: string },
  ): void {
    const folded = this.#c.fold(nick);
    const member = channel.members.get(folded);
    if (member === undefined) return;
    channel.members.delete(folded);
    this.#report(channel, {
      kind: 'left',
      occupant: this.#occupant(channel, member),
      reason,
      ...extra,
    });
  }

  #part(message: IrcMessage): void {
    const source = sourceOf(message);
    const name = message.params[0];
    if (source === undefined || name === undefined) return;
    // Our PART answers leaveRoom, which let go of the channel already.
    if (this.#c.isMe(source.nick)) this.#c.parted(this.#c.fold(name));
    const channel = this.#channel(name);
    if (channel === undefined) return;
    const text = message.params[1];
    const extra = text === undefined || text === '' ? {} : { text };
    if (!this.#c.isMe(source.nick)) {
      this.#leave(channel, source.nick, 'left', extra);
      return;
    }
    const key = this.#c.fold(channel.name);
    this.#c.channels.delete(key);
    if (channel.requested) {
      // Parted without leaveRoom (the server, or another client of the account, did it).
      this.#leave(channel, source.nick, 'left', extra);
      this.#c.sink.roomLeft?.({ room: channel.name, reason: 'removed', ...extra });
    }
  }

  #quit(message: IrcMessage): void {
    const source = sourceOf(message);
    if (source === undefined || this.#c.isMe(source.nick)) return;
    const text = message.params[0];
    for (const channel of this.#c.channels.values()) {
      this.#leave(channel, source.nick, 'quit', text === undefined || text === '' ? {} : { text });
    }
  }

  #kick(message: IrcMessage): void {
    const source = sourceOf(message);
    const channel = this.#channel(message.params[0]);
    const target = message.params[1];
    if (channel === undefined || target === undefined) return;
    const member = channel.members.get(this.#c.fold(target));
    if (member === undefined) return;
    const text = message.params[2];
    const extra = {
      ...(source === undefined ? {} : { by: source.nick }),
      ...(text === undefined || text === '' ? {} : { text }),
    };
    const banned = channel.recentBans.some((mask) =>
      matchesMask(mask, member.address ?? '', this.#c.fold),
    );
    const reason = banned ? 'banned' : 'kicked';
    this.#leave(channel, target, reason, extra);
    if (!this.#c.isMe(target)) return;
    this.#c.channels.delete(this.#c.fold(channel.name));
    if (channel.requested) this.#c.sink.roomLeft?.({ room: channel.name, reason, ...extra });
  }

  #nick(message: IrcMessage): void {
    const source = sourceOf(message);
    const next = message.params[0];
    if (source === undefined || next === undefined || next === '') return;
    const before = this.#c.fold(source.nick);
    const after = this.#c.fold(next);
    for (const channel of this.#c.channels.values()) {
      const member = channel.members.get(before);
      if (member === undefined) continue;
      channel.members.delete(before);
      member.nick = next;
      if (member.address !== undefined)
        member.address = next + member.address.slice(member.address.indexOf('!'));
      channel.members.set(after, member);
      // Our own nick changes after this line is handled: compare with the nick it had.
      const occupant = {
        ...channel.occupant(member, this.prefixes, false),
        self: this.#c.isMe(source.nick),
      };
      this.#report(channel, { kind: 'renamed', occupant, previousNick: source.nick });
    }
  }

  #mode(message: IrcMessage): boolean {
    const channel = this.#channel(message.params[0]);
    if (channel === undefined) return this.#isChannelName(message.params[0]);
    for (const change of parseModeChanges(message.params.slice(1), this.prefixes, this.#kinds)) {
      if (change.mode === 'm') this.#moderate(channel, change.add);
      if (change.param === undefined) continue;
      if (change.mode === 'b') {
        this.#ban(channel, change.param, change.add);
        continue;
      }
      const at = this.prefixes.modes.indexOf(change.mode);
      if (at === -1) continue;
      const member = channel.members.get(this.#c.fold(change.param));
      if (member === undefined) continue;
      const previous: OccupantRank = rankOf(member.prefixes, this.prefixes, channel.moderated);
      const held = withPrefix(
        member.prefixes,
        this.prefixes.chars[at] as string,
        change.add,
        this.prefixes,
      );
      if (held === member.prefixes) continue;
      member.prefixes = held;
      this.#report(channel, {
        kind: 'updated',
        occupant: this.#occupant(channel, member),
        previous,
      });
    }
    return true;
  }

  /**
   * The channel became moderated (`+m`) or not: each occupant without a prefix becomes a
   * visitor, or a member again.
   */
  #moderate(channel: Channel, on: boolean): void {
    if (channel.moderated === on) return;
    channel.moderated = on;
    for (const member of channel.members.values()) {
      if (member.prefixes !== '') continue;
      const previous: OccupantRank = on ? 'member' : 'visitor';
      this.#report(channel, {
        kind: 'updated',
        occupant: this.#occupant(channel, member),
        previous,
      });
    }
  }

  /** `324 <client> <channel> <modes> …`: the channel's modes, asked for after joining. */
  #channelModes(message: IrcMessage): void {
    const channel = this.#channel(message.params[1]);
    const modes = message.params[2];
    if (channel === undefined || modes === undefined) return;
    const set = modes.startsWith('+') ? (modes.slice(1).split('-')[0] ?? '') : '';
    this.#moderate(channel, set.includes('m'));
  }

  #isChannelName(name: string | undefined): boolean {
    return name !== undefined && this.#c.isupport.chanTypes.includes(name[0] ?? '');
  }

  #ban(channel: Channel, mask: string, add: boolean): void {
    const at = channel.recentBans.indexOf(mask);
    if (at !== -1) channel.recentBans.splice(at, 1);
    if (!add) return;
    channel.recentBans.push(mask);
    if (channel.recentBans.length > RECENT_BANS) channel.recentBans.shift();
  }

  #topic(message: IrcMessage): void {
    const source = sourceOf(message);
    const channel = this.#channel(message.params[0]);
    if (channel === undefined) return;
    const topic = message.params[1] ?? '';
    channel.topic = topic;
    channel.topicBy = source?.nick;
    if (channel.requested) {
      this.#c.sink.topic?.({
        room: channel.name,
        topic,
        ...(source === undefined ? {} : { by: source.nick }),
      });
    }
    if (source !== undefined && this.#c.isMe(source.nick))
      this.#c.topicSet(this.#c.fold(channel.name));
  }

  #invite(message: IrcMessage): void {
    const source = sourceOf(message);
    const [target, room] = message.params;
    if (source === undefined || target === undefined || room === undefined) return;
    if (!this.#c.isMe(target) || !this.#isChannelName(room)) return;
    this.#c.sink.invitation?.({ room, from: source.nick });
  }

  #inList(name: string | undefined, apply: (channel: Channel) => void): void {
    const channel = this.#channel(name);
    if (channel !== undefined) apply(channel);
  }

  #endOfNames(message: IrcMessage): void {
    const channel = this.#channel(message.params[1]);
    if (channel === undefined || !channel.listing) return;
    channel.listing = false;
    this.#c.listed(channel);
  }
}
