/**
 * A room reflects each groupchat message back to its sender (XEP-0045 §7.4): for this session's
 * own messages that reflection is a `delivered` receipt, not an inbound message. Matched by the
 * message id or the `<origin-id/>` (XEP-0359) this session put on it, since a room may rewrite
 * the id. Where the server acknowledges stanzas (XEP-0198) the reflection usually arrives before
 * the acknowledgement: the receipt then waits for it, so `accepted` comes before `delivered`.
 * What is still expected (messages not reflected yet, receipts waiting for an acknowledgement)
 * passes to the next session ({@link EchoesMemo}): a resumed stream delivers the rest of the
 * reflections and acknowledgements there.
 */
import type { SessionSink } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { originIdOf } from './mucElements';

const CAPACITY = 1_000;

/** What the next session needs to recognise the reflections and acknowledgements still due. */
export interface EchoesMemo {
  /** Sent and not reflected yet: message id → room, oldest first. */
  readonly sent: readonly (readonly [string, string])[];
  /** Reflected, the receipt waiting for the server's acknowledgement: id → room. */
  readonly waiting: readonly (readonly [string, string])[];
  /** Acknowledged before their reflection arrived: message ids. */
  readonly acknowledged: readonly string[];
}

/** Adds `key` to a bounded insertion-ordered map or set, dropping the oldest past CAPACITY. */
function bounded<K>(entries: Map<K, unknown> | Set<K>): void {
  if (entries.size <= CAPACITY) return;
  const oldest = entries.keys().next().value;
  if (oldest !== undefined) entries.delete(oldest);
}

/** See the module header. */
export class OwnEchoes {
  /** Sent, not reflected yet: message id → room. */
  readonly #sent: Map<string, string>;
  /** Reflected, waiting for the acknowledgement: message id → room. */
  readonly #waiting: Map<string, string>;
  /** Acknowledged before the reflection: message ids. */
  readonly #acknowledged: Set<string>;
  readonly #sink: SessionSink;
  readonly #counting: () => boolean;

  /**
   * `counting`: true while the server acknowledges stanzas (XEP-0198); `previous`: what the
   * lost session still expected.
   */
  constructor(sink: SessionSink, counting: () => boolean, previous?: EchoesMemo) {
    this.#sink = sink;
    this.#counting = counting;
    this.#sent = new Map(previous?.sent);
    this.#waiting = new Map(previous?.waiting);
    this.#acknowledged = new Set(previous?.acknowledged);
  }

  /** This session sent `element` (a groupchat message with an id) to `room`. */
  sent(room: string, element: Element): void {
    const id = element.attrs.id;
    if (id === undefined) return;
    this.#sent.delete(id);
    this.#sent.set(id, room);
    bounded(this.#sent);
  }

  /** True when `stanza` from `room` is the reflection of a message this session sent. */
  reflected(room: string, stanza: Element): boolean {
    const ids = [stanza.attrs.id, originIdOf(stanza)];
    for (const id of ids) {
      if (id === undefined || this.#sent.get(id) !== room) continue;
      this.#sent.delete(id);
      const waits = this.#counting() && !this.#acknowledged.delete(id);
      if (waits) {
        this.#waiting.set(id, room);
        bounded(this.#waiting);
      } else this.#receipt(id, room);
      return true;
    }
    return false;
  }

  /** The server acknowledged `stanzas`: receipts that waited for them go out. */
  acknowledged(stanzas: readonly Element[]): void {
    for (const stanza of stanzas) {
      const id = stanza.attrs.id;
      if (stanza.name !== 'message' || id === undefined) continue;
      const room = this.#waiting.get(id);
      if (room === undefined) {
        if (this.#sent.has(id)) {
          this.#acknowledged.add(id);
          bounded(this.#acknowledged);
        }
        continue;
      }
      this.#waiting.delete(id);
      // After the account has turned the acknowledgement into `accepted` (a promise callback).
      setImmediate(() => this.#receipt(id, room));
    }
  }

  /** What is still expected, for the next session. */
  memo(): EchoesMemo {
    return {
      sent: [...this.#sent],
      waiting: [...this.#waiting],
      acknowledged: [...this.#acknowledged],
    };
  }

  #receipt(id: string, room: string): void {
    this.#sink.receipt?.({ id, from: room, state: 'delivered' });
  }
}
