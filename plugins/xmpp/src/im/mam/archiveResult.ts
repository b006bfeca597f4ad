/**
 * One archived message from a MAM result (XEP-0313 §4.2): `<result id>` holding a
 * `<forwarded/>` (XEP-0297) with the archive's `<delay/>` and the original message.
 */
import type { HistoryMessage } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { parseDelay } from '../delay';
import { parseMessage } from '../messages';
import { bareOf, resourceOf } from '../muc/mucElements';
import { NS_FORWARD } from './mamQuery';

/** Where the result came from, to name the conversation and tell outgoing messages apart. */
export interface ArchiveContext {
  /** The account's own bare JID. */
  readonly own: string;
  /** The room whose archive this is, for a room query. */
  readonly room?: string;
  /** The account's nick in that room, when it is in it. */
  readonly nick?: string;
}

/**
 * The archived message of `result`, or undefined when it holds no message with a body (chat
 * states, receipts and the like are archived too).
 */
export function archiveResult(
  result: Element,
  context: ArchiveContext,
): HistoryMessage | undefined {
  const archiveId = result.attrs.id;
  const forwarded = result.getChild('forwarded', NS_FORWARD);
  const inner = forwarded?.getChild('message');
  if (
    archiveId === undefined ||
    archiveId === '' ||
    forwarded === undefined ||
    inner === undefined
  ) {
    return undefined;
  }
  const parsed = parseMessage(inner);
  if (parsed === undefined) return undefined;
  const delay = parseDelay(forwarded) ?? parsed.delay ?? { stamp: new Date() };
  if (context.room !== undefined) {
    const nick = resourceOf(parsed.from);
    return {
      ...parsed,
      from: context.room,
      type: 'groupchat',
      archiveId,
      delay,
      outgoing: nick !== undefined && nick === context.nick,
      ...(nick === undefined ? {} : { nick }),
    };
  }
  return { ...parsed, archiveId, delay, outgoing: bareOf(parsed.from) === context.own };
}
