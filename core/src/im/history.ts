/**
 * Message history kept by the server (XMPP: Message Archive Management, XEP-0313; IRC:
 * `draft/chathistory`), paged by the server's stable message ids. See docs/conversations.md.
 */
import type { Delay, InboundMessage } from './types';

/**
 * Which page of a conversation's history to fetch. Without `before` or `after`, the latest
 * messages. `before` and `after` are archive ids (`InboundMessage.archiveId`, `HistoryPage.first`
 * and `last`); a page never contains the message whose id was given.
 */
export interface HistoryQuery {
  /** Messages older than this archive id (page backwards). */
  readonly before?: string;
  /** Messages newer than this archive id (page forwards, e.g. catching up after a reconnect). */
  readonly after?: string;
  /** Messages at or after this time, when no `after` id is known. */
  readonly since?: Date;
  /** At most this many messages; default 50, at most 1,000 (servers may return fewer). */
  readonly limit?: number;
  /**
   * True when `conversation` is a room: needed only for a room the account is not in (a room
   * it is in is recognised).
   */
  readonly room?: boolean;
}

/** A query as a session receives it: the conversation named, the limit set. */
export interface HistoryRequest extends Omit<HistoryQuery, 'room'> {
  /** A contact's address (1:1 history) or a room's. */
  readonly conversation: string;
  /** True when `conversation` is a room. */
  readonly room: boolean;
  readonly limit: number;
}

/** One archived message. */
export interface HistoryMessage extends InboundMessage {
  /** The archive's id for it: stable, unique within the conversation, usable for paging. */
  readonly archiveId: string;
  /** When the server archived it. */
  readonly delay: Delay;
  /** True when this account sent it (from this device or another). */
  readonly outgoing: boolean;
}

/** One page of history, oldest message first. */
export interface HistoryPage {
  readonly conversation: string;
  readonly messages: readonly HistoryMessage[];
  /**
   * Where an older page starts (the next `before`): the archive id of the oldest message on the
   * page, or of an older archive entry that is not a message (servers archive receipts and
   * markers too; the page skipped them).
   */
  readonly first?: string;
  /** Where a newer page starts (the next `after`): the newest message's id, or a newer entry's. */
  readonly last?: string;
  /** True when there is nothing more in the paging direction. */
  readonly complete: boolean;
}
