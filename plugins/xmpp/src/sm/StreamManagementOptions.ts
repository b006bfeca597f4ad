import type { Client } from '@xmpp/client-core';
import type { Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import type { Element } from '@xmpp/xml';
import type { XmppContinuation } from './XmppContinuation';

/** What the server confirmed: reported as it happens. */
export type HandledListener = (stanzas: readonly Element[]) => void;

export interface StreamManagementOptions {
  readonly entity: Client;
  readonly middleware: Middleware;
  readonly streamFeatures: StreamFeatures;
  /** What the account's lost session left, if anything. */
  readonly previous: XmppContinuation | undefined;
  readonly timeoutMs: number;
  /** Outbound stanzas the server acknowledged (or, on resumption, said it had handled). */
  readonly onHandled: HandledListener;
  /**
   * The server left a request for acknowledgement unanswered for `timeoutMs` while stanzas were
   * outstanding: the link is dead or the server is stuck (the caller drops the connection, and
   * the next session resumes or resends).
   */
  readonly onStalled?: (waitedMs: number, unacknowledged: number) => void;
}
