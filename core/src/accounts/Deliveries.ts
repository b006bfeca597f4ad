/**
 * The delivery state of each message an account sent (`delivery` events): each state is
 * reported once and only forwards (accepted → delivered → read), and `failed` ends it; a bounce
 * after the server accepted a message still reports `failed`. Bounded: the oldest ids go first.
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

/** See the module header. */
export class Deliveries {
  readonly #states = new Map<string, DeliveryState>();
  readonly #emit: (update: DeliveryUpdate) => void;

  constructor(emit: (update: DeliveryUpdate) => void) {
    this.#emit = emit;
  }

  /** Reports `state` for message `id` unless it was reported already or a later one was. */
  update(id: string, to: string, state: DeliveryState, error?: SwitchboardError): void {
    const current = this.#states.get(id);
    if (current !== undefined && (current === 'failed' || RANK[current] >= RANK[state])) return;
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
