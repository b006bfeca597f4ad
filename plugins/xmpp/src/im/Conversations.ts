/**
 * Rooms (XEP-0045) and history (XEP-0313) of one XMPP session, behind the session's
 * `joinRoom`, `leaveRoom`, `setTopic`, `invite` and `history`. Inbound room stanzas and archive
 * results are claimed here before the general routing sees them (`claim`).
 */
import type {
  HistoryPage,
  HistoryRequest,
  RoomJoinRequest,
  RoomState,
  SessionSink,
} from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import type { RecentMessages } from '../sm/RecentMessages';
import { ArchiveQueries } from './mam/ArchiveQueries';
import { MucRooms } from './muc/MucRooms';
import { NS_SID } from './muc/mucElements';
import { OwnEchoes } from './muc/OwnEchoes';
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
}

/** See the module header. */
export class Conversations {
  readonly #archive: ArchiveQueries;
  readonly #echoes: OwnEchoes;
  readonly #rooms: MucRooms;
  readonly #parts: ConversationsParts;

  constructor(parts: ConversationsParts) {
    this.#parts = parts;
    this.#archive = new ArchiveQueries(parts.iq);
    this.#echoes = new OwnEchoes(parts.sink, parts.counting);
    this.#rooms = new MucRooms({
      ...parts,
      archive: this.#archive,
      echoes: this.#echoes,
      sentEarlier: (room, id) => parts.recent.has(room, id),
    });
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

  joinRoom(request: RoomJoinRequest): Promise<RoomState> {
    return this.#rooms.join(request);
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
    const page = await this.#archive.page(context, {
      limit,
      ...(room ? {} : { with: conversation }),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
      ...(since === undefined ? {} : { since }),
    });
    return {
      conversation,
      messages: page.messages,
      complete: page.complete,
      ...(page.first === undefined ? {} : { first: page.first }),
      ...(page.last === undefined ? {} : { last: page.last }),
    };
  }
}
