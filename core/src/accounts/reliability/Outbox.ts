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
  /** Send order. */
  readonly seq: number;
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
 * session. Every operation but {@link abandon} takes constant time (or logarithmic, to put a
 * message back in its place), however many messages wait for their confirmation.
 */
export class Outbox {
  readonly #limit: number;
  /** Every unsettled message by id; insertion order is send order. */
  readonly #entries = new Map<string, Entry>();
  /** The `queued` messages, in send order. */
  #queue: Entry[] = [];
  /** How many `sending` messages each session holds. */
  readonly #sending = new Map<unknown, number>();
  readonly #idleWaiters: Array<() => void> = [];
  #seq = 0;
  #unconfirmed = 0;

  /**
   * `limit` bounds the messages that wait for a session to come (not those being handed to one,
   * nor those waiting for a confirmation).
   */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Messages that no session has taken yet (waiting for one, or being handed to one). */
  get waiting(): number {
    return this.#entries.size - this.#unconfirmed;
  }

  /** Messages a session took, whose confirmation has not come yet. */
  get unconfirmed(): number {
    return this.#unconfirmed;
  }

  /** True while a message with this id has not settled. */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Resolves once every message has settled (at once when none waits). */
  idle(): Promise<void> {
    if (this.#entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Adds a message at the end. Rejects at once with SB_SEND_ABANDONED (`queue-full`) when
   * `limit` messages already wait for a session, and with SB_CONTENT_INVALID when a message with
   * this id has not settled yet (the server's confirmation could not be told apart).
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
    if (this.#queue.length >= this.#limit) {
      return Promise.reject(
        new SwitchboardError(
          'SB_SEND_ABANDONED',
          `${this.#limit} messages already wait for the account to be online.`,
          { details: { reason: 'queue-full', limit: this.#limit, delivery: 'not-sent' } },
        ),
      );
    }
    return new Promise<SendResult>((resolve, reject) => {
      const entry: Entry = {
        message,
        seq: this.#seq++,
        stage: 'queued',
        via: undefined,
        resolve,
        reject,
      };
      this.#entries.set(message.id, entry);
      this.#queue.push(entry);
    });
  }

  /**
   * The messages no session has taken, in order, now being sent through `via`. Stops before a
   * message sent after one still being handed to another session: whether that session took it
   * decides what goes first. Stops, too, at the first message `held` says must wait (its room
   * is being rejoined): the ones behind it wait with it, so the order holds.
   */
  takeQueued(via: unknown, held?: (message: IdentifiedMessage) => boolean): IdentifiedMessage[] {
    if (this.#queue.length === 0) return [];
    const before = this.#firstSendingElsewhere(via);
    let count = 0;
    while (count < this.#queue.length) {
      const entry = this.#queue[count];
      if (entry === undefined || entry.seq >= before || held?.(entry.message) === true) break;
      count += 1;
    }
    const taken = this.#queue.splice(0, count);
    for (const entry of taken) {
      entry.stage = 'sending';
      entry.via = via;
    }
    if (count > 0) this.#sending.set(via, (this.#sending.get(via) ?? 0) + count);
    return taken.map((entry) => entry.message);
  }

  /** A session took the message: it settles now (`written`) or when the session reports. */
  handedOver(id: string, handover: SendHandover): void {
    const entry = this.#entries.get(id);
    if (entry === undefined || entry.stage !== 'sending') return;
    if (handover === 'written') {
      this.#settle(entry, () => entry.resolve({ id, acknowledged: false }));
      return;
    }
    this.#leaveSending(entry);
    entry.stage = 'unconfirmed';
    this.#unconfirmed += 1;
  }

  /** The session did not take the message: it keeps its place for the next session. */
  notTaken(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.stage !== 'sending') return;
    this.#leaveSending(entry);
    entry.stage = 'queued';
    this.#queue.splice(this.#queuePosition(entry.seq), 0, entry);
  }

  /** What a session reported about a message it took; unknown ids are ignored. */
  report(report: SendReport): void {
    const entry = this.#entries.get(report.id);
    if (entry === undefined) return;
    const { id } = report;
    if (report.status === 'refused') this.#settle(entry, () => entry.reject(report.error));
    else
      this.#settle(entry, () =>
        entry.resolve({ id, acknowledged: report.status === 'acknowledged' }),
      );
  }

  /** Rejects one message with `error`. */
  fail(id: string, error: SwitchboardError): void {
    const entry = this.#entries.get(id);
    if (entry !== undefined) this.#settle(entry, () => entry.reject(error));
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
      this.#settle(entry, () => entry.reject(error));
    }
    return entries.length;
  }

  /** The send order of the oldest message still being handed to a session other than `via`. */
  #firstSendingElsewhere(via: unknown): number {
    let first = Number.POSITIVE_INFINITY;
    for (const [other, count] of this.#sending) {
      if (other === via || count === 0) continue;
      // Rare: only while a lost session's writes are still failing.
      for (const entry of this.#entries.values()) {
        if (entry.stage === 'sending' && entry.via === other) {
          first = Math.min(first, entry.seq);
          break;
        }
      }
    }
    return first;
  }

  /** Where a message with send order `seq` belongs in the queue. */
  #queuePosition(seq: number): number {
    let low = 0;
    let high = this.#queue.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#queue[middle]?.seq ?? 0) < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #leaveSending(entry: Entry): void {
    const left = (this.#sending.get(entry.via) ?? 1) - 1;
    if (left > 0) this.#sending.set(entry.via, left);
    else this.#sending.delete(entry.via);
    entry.via = undefined;
  }

  #settle(entry: Entry, settle: () => void): void {
    if (this.#entries.get(entry.message.id) !== entry) return;
    this.#entries.delete(entry.message.id);
    if (entry.stage === 'unconfirmed') this.#unconfirmed -= 1;
    else if (entry.stage === 'sending') this.#leaveSending(entry);
    else this.#queue.splice(this.#queue.indexOf(entry), 1);
    settle();
    if (this.#entries.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
