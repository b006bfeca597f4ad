import type { HistoryPage, HistoryRequest, SessionSink } from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import type { CatchUpReport } from '../history/catchUp';
import type { SessionCatchUp } from '../history/HistoryQueries';

/** What {@link catchUpRoom} needs of its session. */
export interface CatchingUp {
  history(request: HistoryRequest): Promise<HistoryPage>;
  catchUp(options: Omit<SessionCatchUp, 'seen'>): Promise<CatchUpReport>;
  /** True when the live path (or an earlier catch-up) delivered the message already. */
  seen(id: string): boolean;
}

/** The largest page the fallback asks for (servers cap it at their CHATHISTORY limit). */
const SINCE_PAGE = 1_000;

/**
 * After a rejoin, reports what came in `room` after the message `after` (its msgid), in order
 * and each once, through `sink`. Without `after` (the account saw no message with an id there),
 * or when the server no longer knows that msgid (its history was wiped by a restart, or the
 * message expired) and refuses the query, the catch-up starts at `since` (the last message's
 * time) instead. When neither works, the room is still joined, and
 * nothing more can be recovered from a server that kept nothing.
 */
export async function catchUpRoom(
  session: CatchingUp,
  room: string,
  after: string | undefined,
  since: Date | undefined,
  sink: Pick<SessionSink, 'message' | 'ownMessage'>,
): Promise<void> {
  const report = {
    message: (m: Parameters<SessionSink['message']>[0]) => sink.message(m),
    ownMessage: (m: Parameters<NonNullable<SessionSink['ownMessage']>>[0]) => sink.ownMessage?.(m),
  };
  if (after !== undefined) {
    try {
      await session.catchUp({ target: room, after, ...report });
      return;
    } catch (error) {
      const refused =
        SwitchboardError.is(error) &&
        (error.code === 'SB_CONFIG_INVALID' || error.code === 'SB_CAPABILITY_REFUSED');
      if (!refused) return;
    }
  }
  if (since === undefined) return;
  const page = await session
    .history({ conversation: room, room: true, since, limit: SINCE_PAGE })
    .catch(() => undefined);
  if (page === undefined) return;
  for (const message of page.messages) {
    if (session.seen(message.archiveId)) continue;
    if (message.outgoing) {
      report.ownMessage({
        to: room,
        type: message.type,
        body: message.body,
        archiveId: message.archiveId,
        delay: message.delay,
      });
    } else {
      report.message(message);
    }
  }
  if (!page.complete && page.last !== undefined) {
    await session.catchUp({ target: room, after: page.last, ...report }).catch(() => undefined);
  }
}
