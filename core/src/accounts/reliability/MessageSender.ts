import { SwitchboardError } from '../../errors/SwitchboardError';
import type { BouncedMessage, SendResult } from '../../im/types';
import type { ProtocolSession, SendReport, SessionBounce } from '../../plugins/ProtocolPlugin';
import { type AbandonReason, type IdentifiedMessage, Outbox } from './Outbox';
import { isTransient } from './ReconnectPolicy';
import { SentLog } from './SentLog';

/** What the sender asks of its account. */
export interface MessageSenderHost {
  /** The session to send on, when the account is online. */
  session(): ProtocolSession | undefined;
  /** Whether the account reconnects after a lost connection. */
  reconnects(): boolean;
  /** True while `message` must wait (its room is being rejoined); later messages wait too. */
  held?(message: IdentifiedMessage): boolean;
}

const DEFAULT_LIMIT = 1_000;

function coded(error: unknown): SwitchboardError {
  return SwitchboardError.is(error)
    ? error
    : new SwitchboardError('SB_CONNECTION_FAILED', undefined, { cause: error });
}

/**
 * The send path of one account: messages go out in the order they were sent, through whatever
 * session the account has; those no session took wait for the next one; each caller's promise
 * settles when the server confirmed the message or it cannot be sent (see {@link Outbox}).
 */
export class MessageSender {
  readonly #host: MessageSenderHost;
  readonly #outbox: Outbox;
  readonly #sentLog = new SentLog();

  /** `limit`: messages that may wait for a session (`offlineQueueLimit`, default 1,000). */
  constructor(host: MessageSenderHost, limit = DEFAULT_LIMIT) {
    this.#host = host;
    this.#outbox = new Outbox(limit);
  }

  /** Messages no session has taken yet. */
  get waiting(): number {
    return this.#outbox.waiting;
  }

  /** Messages written but not confirmed by the server yet. */
  get unconfirmed(): number {
    return this.#outbox.unconfirmed;
  }

  /** Resolves once every message has settled. */
  idle(): Promise<void> {
    return this.#outbox.idle();
  }

  /** Queues `message` behind the others and sends what the current session can take. */
  send(message: IdentifiedMessage): Promise<SendResult> {
    const known = this.#outbox.has(message.id);
    const settled = this.#outbox.add(message);
    if (!known) this.#sentLog.remember(message.id, message.to);
    this.flush();
    return settled;
  }

  /** Hands every waiting message, in order, to the current session (if any). */
  flush(): void {
    const session = this.#host.session();
    if (session === undefined) return;
    const held = this.#host.held?.bind(this.#host);
    for (const message of this.#outbox.takeQueued(session, held)) {
      session.sendMessage(message).then(
        (handover) => this.#outbox.handedOver(message.id, handover),
        (cause: unknown) => this.#notTaken(message.id, coded(cause), session),
      );
    }
  }

  /** What a session reported about a message it took. */
  report(report: SendReport): void {
    this.#outbox.report(report);
  }

  /** The host-facing form of a bounce: the message's recipient, when it is remembered. */
  bounce({ id, from, error }: SessionBounce): BouncedMessage {
    const to = this.#sentLog.recipientOf(id) ?? from;
    return id === undefined ? { to, error } : { id, to, error };
  }

  /** Where the message with `id` was sent, while the account remembers it. */
  recipientOf(id: string): string | undefined {
    return this.#sentLog.recipientOf(id);
  }

  /** Rejects every unsettled message with SB_SEND_ABANDONED; returns how many. */
  abandon(reason: AbandonReason): number {
    return this.#outbox.abandon(reason);
  }

  #notTaken(id: string, error: SwitchboardError, session: ProtocolSession): void {
    if (!isTransient(error)) {
      // The session refused the message itself (e.g. a character XML cannot carry).
      this.#outbox.fail(id, error);
      return;
    }
    if (!this.#host.reconnects()) {
      this.#outbox.fail(
        id,
        new SwitchboardError(
          'SB_SEND_ABANDONED',
          'The message was not sent: the connection was lost and the account does not reconnect.',
          { cause: error, details: { reason: 'lost its connection', id, delivery: 'not-sent' } },
        ),
      );
      return;
    }
    this.#outbox.notTaken(id);
    // A newer session may be online already, with later messages held behind this one.
    if (this.#host.session() !== session) this.flush();
  }
}
