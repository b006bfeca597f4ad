/**
 * Rooms (XEP-0045) and history (XEP-0313) of one XMPP session, behind the session's
 * `joinRoom`, `leaveRoom`, `setTopic`, `invite` and `history`. Inbound room stanzas and archive
 * results are claimed here before the general routing sees them (`claim`).
 */
import {
  type HistoryPage,
  type HistoryRequest,
  type RoomJoinRequest,
  type RoomState,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import type { RecentMessages } from '../sm/RecentMessages';
import type { Unacked } from '../sm/XmppContinuation';
import { ArchiveQueries } from './mam/ArchiveQueries';
import { type ArchiveCursor, fillPage } from './mam/fillPage';
import { DeferredSends } from './muc/DeferredSends';
import { MucRooms } from './muc/MucRooms';
import { NS_SID } from './muc/mucElements';
import { type EchoesMemo, OwnEchoes } from './muc/OwnEchoes';
import type { RoomMemo } from './muc/RoomEntry';

/** What rooms and history need of the session. */
export interface ConversationsParts {
  readonly sink: SessionSink;
  readonly send: (element: Element) => Promise<void>;
  readonly iq: (type: 'set', child: Element, to?: string) => Promise<Element | undefined>;
  /** The account's own bare JID (once bound). */
  readonly own: () => string;
  readonly timeoutMs: number;
  readonly recent: RecentMessages;
  /** True while the server acknowledges stanzas (XEP-0198). */
  readonly counting: () => boolean;
  /** The rooms the lost session was in (kept if this one resumes its stream). */
  readonly previous?: readonly RoomMemo[];
  /** The lost session's own room messages whose reflection or acknowledgement is still due. */
  readonly previousEchoes?: EchoesMemo;
  /** True while the connection is up. */
  readonly online: () => boolean;
  /** Sends again, on this stream, a stanza an earlier session left unacknowledged. */
  readonly resend: (item: Unacked) => Promise<void>;
}

/** See the module header. */
export class Conversations {
  readonly #archive: ArchiveQueries;
  readonly #echoes: OwnEchoes;
  readonly #rooms: MucRooms;
  readonly #deferred: DeferredSends;
  /** Rooms this session was asked to join. */
  readonly #joining = new Set<string>();
  readonly #parts: ConversationsParts;

  constructor(parts: ConversationsParts) {
    this.#parts = parts;
    this.#archive = new ArchiveQueries(parts.iq);
    this.#echoes = new OwnEchoes(parts.sink, parts.counting, parts.previousEchoes);
    this.#rooms = new MucRooms({
      ...parts,
      archive: this.#archive,
      echoes: this.#echoes,
      sentEarlier: (room, id) => parts.recent.has(room, id),
    });
    this.#deferred = new DeferredSends(parts.sink, async (item) => {
      const to = item.stanza.attrs.to;
      if (to !== undefined) this.#echoes.sent(to, item.stanza);
      await parts.resend(item);
    });
  }

  /**
   * Room messages earlier sessions left unacknowledged, on a fresh stream: they wait until their
   * room is rejoined (see `DeferredSends`).
   */
  defer(items: readonly Unacked[]): void {
    if (items.length === 0) return;
    this.#deferred.add(items);
    // The account rejoins its rooms right after the login: messages to a room it is no longer
    // in would wait forever.
    const timer = setTimeout(() => {
      if (this.#parts.online()) this.#deferred.abandon((room) => !this.#joining.has(room));
    }, this.#parts.timeoutMs);
    timer.unref?.();
  }

  /** Deferred room messages not sent yet, for the next session. */
  deferred(): readonly Unacked[] {
    return this.#deferred.pending();
  }

  /** True when `stanza` was handled here (room stanzas, invitations, archive results). */
  claim(stanza: Element): boolean {
    return this.#archive.claim(stanza) || this.#rooms.claim(stanza);
  }

  /**
   * Prepares an outbound groupchat message: an `<origin-id/>` (XEP-0359) so its reflection is
   * recognised even when the room rewrites the id, and a note that this session sent it.
   */
  outbound(element: Element): Element {
    const { id, to, type } = element.attrs;
    if (type !== 'groupchat' || id === undefined || to === undefined) return element;
    element.append(xml('origin-id', { xmlns: NS_SID, id }));
    this.#echoes.sent(to, element);
    this.#parts.recent.remember(to, id);
    return element;
  }

  /** The server acknowledged `stanzas` (XEP-0198). */
  acknowledged(stanzas: readonly Element[]): void {
    this.#echoes.acknowledged(stanzas);
  }

  /** The stream was not resumed: the rooms of the lost session are gone. */
  fresh(): void {
    this.#rooms.fresh();
  }

  /** The rooms a session resuming this one's stream is still in. */
  memo(): RoomMemo[] {
    return this.#rooms.memo();
  }

  /** Own room messages whose reflection or acknowledgement is still due, for the next session. */
  echoes(): EchoesMemo {
    return this.#echoes.memo();
  }

  async joinRoom(request: RoomJoinRequest): Promise<RoomState> {
    const { room } = request;
    this.#joining.add(room);
    let state: RoomState;
    try {
      state = await this.#rooms.join(request);
    } catch (error) {
      if (SwitchboardError.is(error, 'SB_ROOM_JOIN_REFUSED')) this.#deferred.refused(room, error);
      throw error;
    }
    await this.#deferred.joined(room, (id) => this.#rooms.arrived(room, id));
    return state;
  }

  leaveRoom(room: string, reason?: string): Promise<void> {
    return this.#rooms.leave(room, reason);
  }

  setTopic(room: string, topic: string): Promise<void> {
    return this.#rooms.setTopic(room, topic);
  }

  invite(room: string, address: string, reason?: string): Promise<void> {
    return this.#rooms.invite(room, address, reason);
  }

  /**
   * One page of history: the room's archive (`to` the room) or the account's own, filtered by
   * `with` the contact. Oldest message first.
   */
  async history(request: HistoryRequest): Promise<HistoryPage> {
    const { conversation, room, before, after, since, limit } = request;
    const own = this.#parts.own();
    const nick = room ? this.#rooms.nickIn(conversation) : undefined;
    const context = room
      ? { own, room: conversation, ...(nick === undefined ? {} : { nick }) }
      : { own };
    const forwards = after !== undefined || (since !== undefined && before === undefined);
    const fetch = (cursor: ArchiveCursor) =>
      this.#archive.page(context, {
        limit,
        ...(room ? {} : { with: conversation }),
        ...cursor,
        ...(since === undefined ? {} : { since }),
      });
    const start = {
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    };
    const page = await fillPage(fetch, start, forwards, limit);
    return {
      conversation,
      messages: page.messages,
      complete: page.complete,
      ...(page.first === undefined ? {} : { first: page.first }),
      ...(page.last === undefined ? {} : { last: page.last }),
    };
  }
}
