/**
 * Joining a channel and catching up on it. When the account rejoins a channel after a reconnect
 * (`RoomJoinRequest.after`, or only `history.since` when it saw no message with an id there), the
 * server's `draft/chathistory` replays what was said while it was away before `joinRoom`
 * resolves; live channel messages that arrive meanwhile wait and follow the replay, so the host
 * gets every message once and in order. A bouncer without chathistory but with `znc.in/playback`
 * is asked to replay the channel since the last message's time instead (`PRIVMSG *playback
 * :play`); its replay arrives as ordinary lines with their server time, after `joinRoom`
 * resolved, and repeats are dropped by `msgid` where the bouncer sets one.
 */
import type { InboundMessage, RoomJoinRequest, RoomState, SessionSink } from '@switchboard/core';
import type { Channels } from '../channels/Channels';
import { type CatchingUp, catchUpRoom } from './catchUpRoom';

/** What {@link ChannelJoins} needs of its session. */
export interface ChannelJoinsParts {
  readonly channels: () => Channels;
  readonly sink: SessionSink;
  /** True when the server keeps history (`draft/chathistory` acknowledged). */
  readonly archived: () => boolean;
  /** True when the server replays missed messages on request (`znc.in/playback`). */
  readonly playback: () => boolean;
  /** Writes a `PRIVMSG` line (the playback request). */
  readonly privmsg: (target: string, text: string) => Promise<void>;
  readonly catching: CatchingUp;
}

/** See the module header. */
export class ChannelJoins {
  readonly #parts: ChannelJoinsParts;
  /** Live messages of channels being caught up, by the channel's name as joined. */
  readonly #holding = new Map<string, InboundMessage[]>();

  constructor(parts: ChannelJoinsParts) {
    this.#parts = parts;
  }

  /** Where `Channels` reports a channel message: held while its channel catches up. */
  message(message: InboundMessage): void {
    const held = this.#holding.get(message.from);
    if (held !== undefined) held.push(message);
    else this.#parts.sink.message(message);
  }

  /** Joins, catches up where there is something to catch up on, then lets held messages go. */
  async join(request: RoomJoinRequest): Promise<RoomState> {
    const { room, after } = request;
    const since = request.history?.since;
    const catching =
      this.#parts.archived() &&
      (after !== undefined || since !== undefined) &&
      !this.#holding.has(room);
    if (catching) this.#holding.set(room, []);
    try {
      const state = await this.#parts.channels().join(request);
      if (catching) await catchUpRoom(this.#parts.catching, room, after, since, this.#parts.sink);
      else if (since !== undefined && this.#parts.playback()) await this.#play(room, since);
      return state;
    } finally {
      if (catching) {
        const held = this.#holding.get(room) ?? [];
        this.#holding.delete(room);
        for (const message of held) this.#parts.sink.message(message);
      }
    }
  }

  /** Asks a ZNC-style bouncer to replay `room` since `since` (seconds, to the millisecond). */
  async #play(room: string, since: Date): Promise<void> {
    const seconds = (since.getTime() / 1000).toFixed(3);
    await this.#parts.privmsg('*playback', `play ${room} ${seconds}`).catch(() => undefined);
  }
}
