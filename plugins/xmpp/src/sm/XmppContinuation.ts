import type { SessionContinuation } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import type { TrackingContinuation } from '../im/MessageTracking';
import type { EchoesMemo } from '../im/muc/OwnEchoes';
import type { RoomMemo } from '../im/muc/RoomEntry';

/** An outbound stanza the server has not acknowledged yet, with when it was first sent. */
export interface Unacked {
  readonly stanza: Element;
  readonly sentAt: Date;
  /**
   * It was unacknowledged when the server closed the stream with an error that blames a stanza
   * (e.g. `policy-violation`): the next session resends it on its own and waits for its
   * acknowledgement, to find out whether it was the cause.
   */
  readonly suspect?: boolean;
  /** How often a connection ended while this stanza alone waited for its acknowledgement. */
  readonly strikes?: number;
}

/** The stream management state needed to resume a lost stream (XEP-0198 §5). */
export interface ResumableStream {
  /** The id the server gave in `<enabled/>`. */
  readonly id: string;
  /** Stanzas received from the server on that stream (our `h`). */
  readonly inbound: number;
  /** Outbound stanzas the server had acknowledged. */
  readonly acked: number;
  /** The full JID the stream was bound to. */
  readonly jid: string;
}

/** What a lost XMPP session leaves for the account's next one. */
export interface XmppContinuation extends SessionContinuation {
  readonly protocol: 'xmpp';
  /** Set when the server allowed resumption of the lost stream. */
  readonly stream: ResumableStream | undefined;
  /** Outbound stanzas the server never acknowledged, oldest first. */
  readonly unacked: readonly Unacked[];
  /** Keys of recently received messages, to drop repeats after a fresh session. */
  readonly seen: readonly string[];
  /** Carbons, the server's features and where receipt-requesting messages went. */
  readonly tracking?: TrackingContinuation;
  /** The rooms the lost session was in (XEP-0045): a resumed stream is still in them. */
  readonly rooms?: readonly RoomMemo[];
  /** The reflections of own room messages, and their acknowledgements, still due. */
  readonly echoes?: EchoesMemo;
}

/** The continuation, if `value` is an XMPP one. */
export function asXmppContinuation(
  value: SessionContinuation | undefined,
): XmppContinuation | undefined {
  return value?.protocol === 'xmpp' ? (value as XmppContinuation) : undefined;
}
