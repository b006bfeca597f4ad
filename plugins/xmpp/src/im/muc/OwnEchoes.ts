/**
 * A room reflects each groupchat message back to its sender (XEP-0045 §7.4): for this session's
 * own messages that reflection is a `delivered` receipt, not an inbound message. Matched by the
 * message id or the `<origin-id/>` (XEP-0359) this session put on it, since a room may rewrite
 * the id. Where the server acknowledges stanzas (XEP-0198) the reflection usually arrives before
 * the acknowledgement: the receipt then waits for it, so `accepted` comes before `delivered`.
 */
import type { SessionSink } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { originIdOf } from './mucElements';

const CAPACITY = 1_000;

interface Sent {
  readonly room: string;
  readonly element: Element;
}

/** See the module header. */
export class OwnEchoes {
  readonly #sent = new Map<string, Sent>();
  readonly #waiting = new Map<Element, string>();
  readonly #acknowledged = new WeakSet<Element>();
  readonly #sink: SessionSink;
  readonly #counting: () => boolean;

  /** `counting`: true while the server acknowledges stanzas (XEP-0198). */
  constructor(sink: SessionSink, counting: () => boolean) {
    this.#sink = sink;
    this.#counting = counting;
  }

  /** This session sent `element` (a groupchat message with an id) to `room`. */
  sent(room: string, element: Element): void {
    const id = element.attrs.id;
    if (id === undefined) return;
    this.#sent.set(id, { room, element });
    if (this.#sent.size > CAPACITY) {
      const oldest = this.#sent.keys().next().value;
      if (oldest !== undefined) this.#sent.delete(oldest);
    }
  }

  /** True when `stanza` from `room` is the reflection of a message this session sent. */
  reflected(room: string, stanza: Element): boolean {
    const ids = [stanza.attrs.id, originIdOf(stanza)];
    for (const id of ids) {
      const sent = id === undefined ? undefined : this.#sent.get(id);
      if (sent === undefined || sent.room !== room || id === undefined) continue;
      this.#sent.delete(id);
      const waits = this.#counting() && !this.#acknowledged.has(sent.element);
      if (waits) this.#waiting.set(sent.element, id);
      else this.#receipt(id, room);
      return true;
    }
    return false;
  }

  /** The server acknowledged `stanzas`: receipts that waited for them go out. */
  acknowledged(stanzas: readonly Element[]): void {
    for (const stanza of stanzas) {
      const id = this.#waiting.get(stanza);
      if (id === undefined) {
        if (stanza.name === 'message') this.#acknowledged.add(stanza);
        continue;
      }
      this.#waiting.delete(stanza);
      // After the account has turned the acknowledgement into `accepted` (a promise callback).
      setImmediate(() => this.#receipt(id, stanza.attrs.to ?? ''));
    }
  }

  #receipt(id: string, room: string): void {
    this.#sink.receipt?.({ id, from: room, state: 'delivered' });
  }
}
