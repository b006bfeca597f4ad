/**
 * Catching up on a room after a reconnect: the room was joined asking for no replay, and its
 * archive (XEP-0313 on the room's JID) is paged forwards from the last message the account saw
 * until the archive says it is complete. Each message is reported once, in archive order, and
 * the live messages that arrived meanwhile follow, without those the archive had already
 * replayed. A message this account sent itself comes back as a `delivered` receipt, not as a
 * message. When the archive no longer knows the id (it expired), the replay starts at the time
 * of the last message seen instead: the archive says so with item-not-found, or (Prosody 13's
 * internal storage) with an empty page after the id, which is then told apart from "nothing new"
 * by asking the archive for that one id (XEP-0313's `ids`; a server that ignores the field
 * answers a message, and nothing changes).
 */
import {
  type HistoryMessage,
  type InboundMessage,
  type RoomJoinRequest,
  SwitchboardError,
} from '@switchboard/core';
import type { ArchiveContext } from '../mam/archiveResult';
import type { ArchivePageRequest } from '../mam/mamQuery';
import type { MucRoomsParts } from './MucRooms';
import { firstArchived, type RoomEntry } from './RoomEntry';

/** Messages asked for per page. */
const PAGE_SIZE = 250;
/** At most this many pages: a server that never says complete cannot keep the join waiting. */
const MAX_PAGES = 200;

function inbound(message: HistoryMessage): InboundMessage {
  const { outgoing: _outgoing, ...rest } = message;
  return rest;
}

/** False when the archive has no message with archive id `id` (true when unsure). */
async function archiveHas(
  parts: MucRoomsParts,
  context: ArchiveContext,
  id: string,
): Promise<boolean> {
  const found = await parts.archive.page(context, { ids: [id], limit: 1 }).catch(() => undefined);
  return found === undefined || found.first !== undefined || found.messages.length > 0;
}

/** Replays the archive of `entry`'s room after `request.after`; see the module header. */
export async function catchUp(
  entry: RoomEntry,
  request: RoomJoinRequest,
  parts: MucRoomsParts,
): Promise<void> {
  const { sink } = parts;
  const context = { own: parts.own(), room: entry.room, nick: entry.nick };
  let start: Omit<ArchivePageRequest, 'limit'> =
    request.after === undefined ? {} : { after: request.after };
  try {
    let cursor: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      let page: Awaited<ReturnType<typeof parts.archive.page>>;
      try {
        const from = cursor === undefined ? start : { after: cursor };
        page = await parts.archive.page(context, { ...from, limit: PAGE_SIZE });
      } catch (error) {
        const expired =
          SwitchboardError.is(error, 'SB_STANZA_ERROR') &&
          error.details.condition === 'item-not-found';
        const since = request.history?.since;
        if (!expired || cursor !== undefined || start.after === undefined || since === undefined) {
          throw error;
        }
        start = { since };
        continue;
      }
      const since = request.history?.since;
      const nothingAfter = cursor === undefined && page.messages.length === 0 && page.complete;
      if (nothingAfter && start.after !== undefined && since !== undefined) {
        if (!(await archiveHas(parts, context, start.after))) {
          start = { since };
          continue;
        }
      }
      for (const message of page.messages) {
        if (!firstArchived(entry, message.archiveId)) continue;
        if (
          message.outgoing &&
          message.id !== undefined &&
          parts.sentEarlier(entry.room, message.id)
        ) {
          entry.arrived.add(message.id);
          sink.receipt?.({ id: message.id, from: entry.room, state: 'delivered' });
        } else sink.message(inbound(message));
      }
      if (page.complete || page.last === undefined || page.last === cursor) break;
      cursor = page.last;
    }
  } catch (error) {
    // The room is joined: what the archive could not give is lost to this account, but the
    // live messages are not. A lost connection ends the join (the next session rejoins).
    if (SwitchboardError.is(error, 'SB_CONNECTION_CLOSED')) throw error;
  } finally {
    const held = entry.held;
    entry.held = [];
    for (const message of held) {
      if (firstArchived(entry, message.archiveId)) sink.message(message);
    }
  }
}
