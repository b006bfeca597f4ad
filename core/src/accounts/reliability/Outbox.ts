import { SwitchboardError } from '../../errors/SwitchboardError';
import type { OutboundMessage, SendResult } from '../../im/types';
import type { SendHandover, SendReport } from '../../plugins/ProtocolPlugin';

/** An outbound message with the id the account gave it. */
export type IdentifiedMessage = OutboundMessage & { readonly id: string };

/**
 * Where a message is: waiting for a session, handed to one that has not taken it yet, or taken
 * and waiting for the server's confirmation.
 */
type Stage = 'queued' | 'sending' | 'unconfirmed';

interface Entry {
  readonly message: IdentifiedMessage;
  stage: Stage;
  /** The session a `sending` message was handed to. */
  via: unknown;
  readonly resolve: (result: SendResult) => void;
  readonly reject: (error: SwitchboardError) => void;
}

/** Why an account let its unsettled messages go. */
export interface AbandonReason {
  /** Completes "the account …", e.g. `was disconnected`. */
  readonly reason: string;
  readonly cause?: SwitchboardError;
}

/**
 * Every message an account was asked to send and that has not settled yet, in the order it was
 * asked. Each caller's promise settles exactly once: resolved when the server confirmed the
 * message (or it was written to a connection that confirms nothing), rejected with a coded error
 * when it cannot be sent. A message that a session did not take keeps its place for the next
 * session.
 */
export class Outbox {
  readonly #limit: number;
  /** Insertion order is send order. */
  readonly #entries = new Map<string, Entry>();
  readonly #idleWaiters: Array<() => void> = [];
  #waiting = 0;
  #unconfirmed = 0;

  /** `limit` bounds the messages that wait for a session (not those waiting for a confirmation). */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Messages that no session has taken yet. */
  get waiting(): number {
    return this.#waiting;
  }

  /** Messages a session took, whose confirmation has not come yet. */
  get unconfirmed(): number {
    return this.#unconfirmed;
  }

  /** Resolves once every message has settled (at once when none waits). */
  idle(): Promise<void> {
    if (this.#entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Adds a message at the end. Rejects at once with SB_SEND_ABANDONED (`queue-full`) when
   * `limit` messages already wait, and with SB_CONTENT_INVALID when a message with this id has
   * not settled yet (the server's confirmation could not be told apart).
   */
  add(message: IdentifiedMessage): Promise<SendResult> {
    if (this.#entries.has(message.id)) {
      return Promise.reject(
        new SwitchboardError(
          'SB_CONTENT_INVALID',
          `A message with id "${message.id}" is still being sent; give each message its own id.`,
          { details: { field: 'id', reason: 'id-in-use' } },
        ),
      );
    }
    if (this.#waiting >= this.#limit) {
      return Promise.reject(
        new SwitchboardError(
          'SB_SEND_ABANDONED',
          `${this.#limit} messages already wait for the account to be online.`,
          { details: { reason: 'queue-full', limit: this.#limit, delivery: 'not-sent' } },
        ),
      );
    }
    return new Promise<SendResult>((resolve, reject) => {
      this.#entries.set(message.id, { message, stage: 'queued', via: undefined, resolve, reject });
      this.#waiting += 1;
    });
  }

  /**
   * The messages no session has taken, in order, now being sent through `via`. Stops at a
   * message still being sent through another session: whether that one took it decides what goes
   * first.
   */
  takeQueued(via: unknown): IdentifiedMessage[] {
    const taken: IdentifiedMessage[] = [];
    if (this.#waiting === 0) return taken;
    for (const entry of this.#entries.values()) {
      if (entry.stage === 'sending' && entry.via !== via) break;
      if (entry.stage !== 'queued') continue;
      entry.stage = 'sending';
      entry.via = via;
      taken.push(entry.message);
    }
    return taken;
  }

  /** A session took the message: it settles now (`written`) or when the session reports. */
  handedOver(id: string, handover: SendHandover): void {
    const entry = this.#entries.get(id);
    if (entry === undefined || entry.stage !== 'sending') return;
    if (handover === 'written') {
      this.#settle(id, () => entry.resolve({ id, acknowledged: false }));
      return;
    }
    entry.stage = 'unconfirmed';
    this.#waiting -= 1;
    this.#unconfirmed += 1;
  }

  /** The session did not take the message: it keeps its place for the next session. */
  notTaken(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.stage !== 'sending') return;
    entry.stage = 'queued';
    entry.via = undefined;
  }

  /** What a session reported about a message it took; unknown ids are ignored. */
  report(report: SendReport): void {
    const entry = this.#entries.get(report.id);
    if (entry === undefined) return;
    const { id } = report;
    if (report.status === 'refused') this.#settle(id, () => entry.reject(report.error));
    else
      this.#settle(id, () => entry.resolve({ id, acknowledged: report.status === 'acknowledged' }));
  }

  /** Rejects one message with `error`. */
  fail(id: string, error: SwitchboardError): void {
    const entry = this.#entries.get(id);
    if (entry !== undefined) this.#settle(id, () => entry.reject(error));
  }

  /**
   * Rejects every message with SB_SEND_ABANDONED. `details.delivery` is `not-sent` for a message
   * no connection took, and `unknown` for one that was written but never confirmed (the server
   * may have it).
   */
  abandon({ reason, cause }: AbandonReason): number {
    const entries = [...this.#entries.values()];
    for (const entry of entries) {
      const { id, to } = entry.message;
      const delivery = entry.stage === 'queued' ? 'not-sent' : 'unknown';
      const what = delivery === 'not-sent' ? 'was not sent' : 'was sent but never confirmed';
      const error = new SwitchboardError(
        'SB_SEND_ABANDONED',
        `The message to ${to} ${what}: the account ${reason}.`,
        {
          details: { reason, to, id, delivery },
          ...(cause === undefined ? {} : { cause }),
        },
      );
      this.#settle(id, () => entry.reject(error));
    }
    return entries.length;
  }

  #settle(id: string, settle: () => void): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    if (entry.stage === 'unconfirmed') this.#unconfirmed -= 1;
    else this.#waiting -= 1;
    settle();
    if (this.#entries.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
