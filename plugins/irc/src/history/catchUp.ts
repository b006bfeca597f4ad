/**
 * Catching up on a conversation after a known message: `CHATHISTORY AFTER` page by page until
 * the server has nothing newer, each message reported once (the session's recent ids drop what
 * the live path delivered already). Used when a room is rejoined with `RoomJoinRequest.after`,
 * and for a contact after a reconnect.
 */
import type {
  HistoryMessage,
  HistoryPage,
  HistoryRequest,
  InboundMessage,
  OwnMessage,
} from '@switchboard/core';

/** Where {@link catchUp} reads pages and reports messages. */
export interface CatchUpOptions {
  /** A contact's nick or a channel. */
  readonly target: string;
  /** The archive id (`msgid`) of the last message seen; what came after it is reported. */
  readonly after: string;
  readonly room: boolean;
  /** Messages per page (the server's most). */
  readonly pageSize: number;
  /** Fetches one page (the session's `history`). */
  readonly page: (request: HistoryRequest) => Promise<HistoryPage>;
  /** True when the id was reported already (remembers it otherwise): the session's recent ids. */
  readonly seen: (id: string) => boolean;
  /** Reports a message from someone else (`groupchat` with `nick` in a channel). */
  readonly message: (message: InboundMessage) => void;
  /**
   * Reports a message this account sent from another connection; without it, such messages are
   * left out.
   */
  readonly ownMessage?: ((message: OwnMessage) => void) | undefined;
  /** Pages at most, against a server that never says it is done; default 100. */
  readonly maxPages?: number;
}

/** What a catch-up did. */
export interface CatchUpReport {
  readonly pages: number;
  /** Messages reported (those the live path had delivered already not counted). */
  readonly reported: number;
  /** The archive id of the newest message seen: the `after` of the next catch-up. */
  readonly last: string;
  /** False when it stopped at `maxPages` or a page that did not move forward. */
  readonly complete: boolean;
}

function ownOf(message: HistoryMessage): OwnMessage {
  const to = message.type === 'groupchat' ? message.from : (message.to ?? '');
  return {
    id: message.archiveId,
    to,
    type: message.type,
    body: message.body,
    archiveId: message.archiveId,
    delay: message.delay,
  };
}

/**
 * Pages forward from `after` and reports every message in order, each once. Rejects with the
 * first page's error (SB_CAPABILITY_UNSUPPORTED, SB_CAPABILITY_REFUSED, SB_TIMEOUT, …); what
 * was reported before an error stays reported.
 */
export async function catchUp(options: CatchUpOptions): Promise<CatchUpReport> {
  const maxPages = options.maxPages ?? 100;
  let after = options.after;
  let reported = 0;
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await options.page({
      conversation: options.target,
      room: options.room,
      limit: options.pageSize,
      after,
    });
    for (const message of page.messages) {
      if (options.seen(message.archiveId)) continue;
      if (message.outgoing) {
        if (options.ownMessage === undefined) continue;
        options.ownMessage(ownOf(message));
      } else {
        const { outgoing: _outgoing, ...inbound } = message;
        options.message(inbound);
      }
      reported++;
    }
    const moved = page.last !== undefined && page.last !== after;
    if (page.last !== undefined) after = page.last;
    if (page.complete || !moved) {
      return { pages, reported, last: after, complete: page.complete };
    }
  }
  return { pages: maxPages, reported, last: after, complete: false };
}
