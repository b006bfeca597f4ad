/**
 * Room messages an earlier session left unacknowledged (XEP-0198), on a fresh stream: the room
 * would refuse them before this session has rejoined it, so they wait until it has. Then each
 * goes out once — unless the room's archive showed it arrived after all (it is then reported as
 * acknowledged). A room that refuses the rejoin refuses its messages. What this session does not
 * get to send goes to the next session with the rest of the unacknowledged stanzas.
 */
import { type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Unacked, XmppContinuation } from '../../sm/XmppContinuation';

/** See the module header. */
export class DeferredSends {
  #waiting: Unacked[] = [];
  readonly #sink: SessionSink;
  readonly #resend: (item: Unacked) => Promise<void>;

  /** `resend` sends one item on this stream, counted by stream management. */
  constructor(sink: SessionSink, resend: (item: Unacked) => Promise<void>) {
    this.#sink = sink;
    this.#resend = resend;
  }

  /** Adds room messages to wait for their room. */
  add(items: readonly Unacked[]): void {
    this.#waiting.push(...items);
  }

  /** What still waits, oldest first. */
  pending(): readonly Unacked[] {
    return this.#waiting;
  }

  /** `room` was rejoined: sends what waited for it; `arrived` says which ids the room has. */
  async joined(room: string, arrived: (id: string) => boolean): Promise<void> {
    const items = this.#take(room);
    for (const [index, item] of items.entries()) {
      const id = item.stanza.attrs.id;
      if (id !== undefined && arrived(id)) {
        this.#sink.sent({ id, status: 'acknowledged' });
        continue;
      }
      try {
        await this.#resend(item);
      } catch (error) {
        // The stream broke: what was not handed to it yet waits again, for the next session.
        this.#waiting = [...items.slice(index + 1), ...this.#waiting];
        throw error;
      }
    }
  }

  /** `room` refused the rejoin: its messages are refused too. */
  refused(room: string, cause: SwitchboardError): void {
    for (const item of this.#take(room)) {
      const id = item.stanza.attrs.id;
      if (id === undefined) continue;
      const error = new SwitchboardError(
        'SB_MESSAGE_REFUSED',
        `The message to ${room} was not sent again: ${cause.message}`,
        { cause, details: { to: room, id, condition: cause.details.condition ?? 'refused' } },
      );
      this.#sink.sent({ id, status: 'refused', error });
    }
  }

  /** Refuses the messages to the rooms `unjoined` names (the account is not in them any more). */
  abandon(unjoined: (room: string) => boolean): void {
    const rooms = new Set(this.#waiting.map((u) => u.stanza.attrs.to ?? ''));
    for (const room of rooms) {
      if (!unjoined(room)) continue;
      const cause = new SwitchboardError(
        'SB_ROOM_NOT_JOINED',
        `The account did not rejoin ${room}; the messages to it were not sent again.`,
        { details: { room, operation: 'sendMessage' } },
      );
      this.refused(room, cause);
    }
  }

  #take(room: string): Unacked[] {
    const taken = this.#waiting.filter((u) => u.stanza.attrs.to === room);
    this.#waiting = this.#waiting.filter((u) => u.stanza.attrs.to !== room);
    return taken;
  }
}

/** The continuation with the room messages still waiting for their room, oldest first. */
export function withDeferred(
  continuation: XmppContinuation,
  deferred: readonly Unacked[],
): XmppContinuation {
  return deferred.length === 0
    ? continuation
    : { ...continuation, unacked: [...deferred, ...continuation.unacked] };
}
