/**
 * What a session knows of one channel it is in: its name as the account joined it, the
 * occupants with their membership prefixes and addresses, and the topic.
 */
import type { Occupant, RoomState } from '@switchboard/core';
import { type ChannelPrefixes, rankOf } from './channelModes';

/** The most occupants a channel keeps; names past it are left out (see docs/irc.md). */
export const MAX_OCCUPANTS = 10_000;

/** One occupant as the session tracks it. */
export interface Member {
  nick: string;
  /** Prefix characters held, highest first. */
  prefixes: string;
  address?: string;
}

/** One channel the session is in (or joining). */
export class Channel {
  /** The name as the account asked for it (the room address reported to the host). */
  name: string;
  /** True once the account asked for the channel: only then is anything reported. */
  requested: boolean;
  /** True between our JOIN and the end of the first NAMES list (366). */
  listing = true;
  /** Names left out because the list was full. */
  truncated = 0;
  /** `+m`: occupants without a prefix are visitors. */
  moderated = false;
  topic: string | undefined;
  topicBy: string | undefined;
  readonly members = new Map<string, Member>();
  /** Ban masks set recently, newest last, to tell a ban from a kick. */
  readonly recentBans: string[] = [];

  constructor(name: string, requested: boolean) {
    this.name = name;
    this.requested = requested;
  }

  /** Adds or replaces a member under its folded nick; false when the channel is full. */
  put(folded: string, member: Member): boolean {
    if (!this.members.has(folded) && this.members.size >= MAX_OCCUPANTS) {
      this.truncated++;
      return false;
    }
    this.members.set(folded, member);
    return true;
  }

  /** The occupant `member` as the host sees it. */
  occupant(member: Member, prefixes: ChannelPrefixes, self: boolean): Occupant {
    return {
      room: this.name,
      nick: member.nick,
      rank: rankOf(member.prefixes, prefixes, this.moderated),
      ...(member.address === undefined ? {} : { address: member.address }),
      self,
    };
  }

  /** The channel as `joinRoom` resolves it. */
  state(nick: string, prefixes: ChannelPrefixes, isMe: (nick: string) => boolean): RoomState {
    return {
      room: this.name,
      nick,
      occupants: [...this.members.values()].map((m) => this.occupant(m, prefixes, isMe(m.nick))),
      ...(this.topic === undefined || this.topic === '' ? {} : { topic: this.topic }),
    };
  }
}
