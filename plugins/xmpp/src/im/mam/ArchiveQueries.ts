/**
 * Runs MAM queries (XEP-0313) on one connection: each query has its own `queryid`, and only
 * result messages with that id, from the archive queried (the room, or the account's own bare
 * JID), are taken as its results. Any other message carrying a MAM result — forged, or for a
 * query that is over — is dropped, never routed as a message.
 */
import type { HistoryMessage } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { nextId } from '../../connection/nextId';
import { type ArchiveContext, archiveResult } from './archiveResult';
import { type ArchiveFin, type ArchivePageRequest, mamQuery, NS_MAM, parseFin } from './mamQuery';

/** One page of an archive, oldest first. */
export interface ArchivePage extends ArchiveFin {
  readonly messages: readonly HistoryMessage[];
}

/** Sends an IQ and resolves with the reply's child (the session's IQ client). */
export type IqRequest = (type: 'set', child: Element, to?: string) => Promise<Element | undefined>;

interface Running {
  /** The address results must come from. */
  readonly from: string;
  readonly context: ArchiveContext;
  readonly messages: HistoryMessage[];
}

/** See the module header. */
export class ArchiveQueries {
  readonly #running = new Map<string, Running>();
  readonly #iq: IqRequest;

  constructor(iq: IqRequest) {
    this.#iq = iq;
  }

  /**
   * Fetches one page of the archive of `context.room` (or the account's own archive). Rejects
   * with what the IQ rejected with (SB_STANZA_ERROR, SB_TIMEOUT, SB_CONNECTION_CLOSED).
   */
  async page(context: ArchiveContext, request: ArchivePageRequest): Promise<ArchivePage> {
    const queryid = nextId('mam');
    const from = context.room ?? context.own;
    const running: Running = { from, context, messages: [] };
    this.#running.set(queryid, running);
    try {
      const fin = await this.#iq('set', mamQuery(queryid, request), context.room);
      return { ...parseFin(fin?.is('fin', NS_MAM) ? fin : undefined), messages: running.messages };
    } finally {
      this.#running.delete(queryid);
    }
  }

  /** True when `stanza` carries a MAM result (taken here, valid or not). */
  claim(stanza: Element): boolean {
    if (stanza.name !== 'message') return false;
    const result = stanza.getChild('result', NS_MAM);
    if (result === undefined) return false;
    const running = this.#running.get(result.attrs.queryid ?? '');
    if (running === undefined) return true;
    const from = stanza.attrs.from ?? running.context.own;
    if (from !== running.from) return true;
    const message = archiveResult(result, running.context);
    if (message !== undefined) running.messages.push(message);
    return true;
  }
}
