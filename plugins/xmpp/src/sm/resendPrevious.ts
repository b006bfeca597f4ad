/**
 * Sending again what earlier sessions left unacknowledged (XEP-0198 §5 after a resumption, or on
 * a fresh stream), in order, with a XEP-0203 delay stamp on messages.
 *
 * A stanza goes out on its own and waits for its acknowledgement when it is under suspicion (the
 * last stream ended with an error that blames a stanza) or when the server refused to resume
 * (it ended the old session itself, perhaps because of one of them; the error saying so can be
 * lost when the server resets a connection it has not finished reading). If the stream ends
 * while that stanza waits, with an error that blames a stanza, or for the second time, the
 * stanza was the cause: it is reported as refused instead of being sent forever.
 */
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { blamesStanza } from '../connection/blamesStanza';
import type { StreamManagement } from './StreamManagement';
import type { Unacked } from './XmppContinuation';

/** What becomes of resent stanzas that this stream will not confirm. */
export interface ResendReports {
  /** Written to a stream without stream management: nothing more will be known. */
  written(stanza: Element): void;
  /** The server closed the stream on receiving it: it is not sent again. */
  refused(stanza: Element, cause: unknown): void;
}

/** Returns how many stanzas were sent; throws what ended the stream (after reporting a cause). */
export async function resendPrevious(
  sm: StreamManagement,
  entity: Client,
  reports: ResendReports,
  timeoutMs: number,
): Promise<number> {
  const own = entity.jid?.bare().toString();
  let count = 0;
  for (let item = sm.nextPrevious(); item !== undefined; item = sm.nextPrevious()) {
    const element = stamped(item, own);
    sm.resending(element, item);
    if (!sm.counting) {
      await entity.send(element);
      reports.written(element);
    } else if (item.suspect !== true && sm.resumed) {
      await entity.send(element);
    } else {
      try {
        await entity.send(element);
        await sm.confirmAll(timeoutMs);
      } catch (error) {
        if (blamesStanza(error) || (item.strikes ?? 0) >= 1) {
          sm.forget(element);
          reports.refused(element, error);
        } else {
          sm.strike(element);
        }
        throw error;
      }
    }
    count += 1;
  }
  return count;
}

/** A message to send again, with a delay stamp saying when it was first sent. */
function stamped({ stanza, sentAt }: Unacked, from: string | undefined): Element {
  if (stanza.name !== 'message' || stanza.getChild('delay', 'urn:xmpp:delay') !== undefined) {
    return stanza;
  }
  const delay = xml('delay', {
    xmlns: 'urn:xmpp:delay',
    stamp: sentAt.toISOString(),
    ...(from === undefined ? {} : { from }),
  });
  return xml(stanza.name, { ...stanza.attrs }, ...stanza.children, delay);
}
