/**
 * The delivery state of each message an account sent (`delivery` events): each state is
 * reported once and only forwards (accepted → delivered → read, none skipped: a later state
 * reports the earlier ones it implies first), and `failed` ends it; a bounce after the server
 * accepted a message still reports `failed`. Bounded: the oldest ids go first.
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type { DeliveryState, DeliveryUpdate } from '../im/delivery';
import type { SendResult } from '../im/types';

const CAPACITY = 1_000;
const RANK: Readonly<Record<DeliveryState, number>> = {
  accepted: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** The states a recipient's confirmation implies, in order. */
const IMPLIED: readonly DeliveryState[] = ['accepted', 'delivered'];

/** See the module header. */
export class Deliveries {
  readonly #states = new Map<string, DeliveryState>();
  readonly #emit: (update: DeliveryUpdate) => void;

  constructor(emit: (update: DeliveryUpdate) => void) {
    this.#emit = emit;
  }

  /**
   * Reports `state` for message `id` unless it was reported already or a later one was. A
   * `delivered` or `read` that arrives before the earlier states (a receipt can overtake the
   * server's acknowledgement) reports those first: the recipient having it proves them.
   */
  update(id: string, to: string, state: DeliveryState, error?: SwitchboardError): void {
    const current = this.#states.get(id);
    if (current !== undefined && (current === 'failed' || RANK[current] >= RANK[state])) return;
    if (state === 'delivered' || state === 'read') {
      for (const implied of IMPLIED) {
        if (RANK[implied] >= RANK[state]) break;
        if (current === undefined || RANK[current] < RANK[implied]) this.#report(id, to, implied);
      }
    }
    this.#report(id, to, state, error);
  }

  #report(id: string, to: string, state: DeliveryState, error?: SwitchboardError): void {
    this.#states.delete(id);
    this.#states.set(id, state);
    if (this.#states.size > CAPACITY) {
      const oldest = this.#states.keys().next().value;
      if (oldest !== undefined) this.#states.delete(oldest);
    }
    this.#emit(error === undefined ? { id, to, state } : { id, to, state, error });
  }

  /**
   * Reports `accepted` when `settled` resolves acknowledged and `failed` when it rejects; returns
   * `settled` (whose rejection the caller handles).
   */
  follow(
    message: { readonly id: string; readonly to: string },
    settled: Promise<SendResult>,
  ): Promise<SendResult> {
    settled.then(
      (result) => {
        if (result.acknowledged) this.update(result.id, message.to, 'accepted');
      },
      (error: unknown) => {
        if (SwitchboardError.is(error)) this.update(message.id, message.to, 'failed', error);
      },
    );
    return settled;
  }

  /** The last state reported for `id`, while remembered. */
  stateOf(id: string): DeliveryState | undefined {
    return this.#states.get(id);
  }
}
