/**
 * The send side of a session: messages taken as lines, handed to the connection while fewer than
 * {@link WINDOW} wait for their echo, and settled through {@link OutboundMessages}.
 */
import type { IrcConnection } from '../connection/IrcConnection';
import { type LossReport, type OutboundLine, OutboundMessages } from './OutboundMessages';

/**
 * The most lines handed to the connection and not yet echoed by the server: what a connection
 * lost unnoticed can leave of unknown fate. 32 keeps a LAN link busy (about 16,000 lines a second
 * on loopback); on the Internet the flood control is far slower than the echoes.
 */
export const WINDOW = 32;

/** Taken lines, in order, on their way to the server. */
export class OutboundPump {
  readonly #connection: IrcConnection;
  readonly #tracker = new OutboundMessages();
  /** Lines of taken messages not handed to the connection yet. */
  readonly #unsent: OutboundLine[] = [];
  #unsentHead = 0;
  #labels = 0;

  constructor(connection: IrcConnection) {
    this.#connection = connection;
  }

  /** Takes a message's lines, labelled (`labeled-response`) when `labelled`, and sends what fits. */
  take(id: string, lines: OutboundLine[], labelled: boolean): void {
    if (labelled) for (const l of lines) l.label = `sb${++this.#labels}`;
    this.#tracker.add({ id, lines });
    this.#unsent.push(...lines);
    this.pump();
  }

  /** An echo arrived: the ids of messages now complete (see {@link OutboundMessages.accept}). */
  accept(label: string | undefined): string[] {
    const done = this.#tracker.accept(label);
    this.pump();
    return done;
  }

  /** True when an unlabelled own line `text` to `target` is the echo of a line sent here. */
  expects(target: string, text: string, fold: (s: string) => string): boolean {
    return this.#tracker.expects(target, text, fold);
  }

  /** A line came back: the id of its message, removed (see {@link OutboundMessages.bounce}). */
  bounce(
    label: string | undefined,
    target: string,
    fold: (s: string) => string,
  ): string | undefined {
    const id = this.#tracker.bounce(label, target, fold);
    this.pump();
    return id;
  }

  /** The connection is gone: what the next one can do with each unsettled message. */
  lose(): LossReport {
    this.#unsent.length = 0;
    this.#unsentHead = 0;
    return this.#tracker.lose();
  }

  /**
   * Hands lines to the connection while fewer than {@link WINDOW} wait for their echo (written,
   * or in the flood queue): a connection lost unnoticed (a frozen link) then leaves at most that
   * many messages of unknown fate; the rest were never written and go out on the next one.
   */
  pump(): void {
    const connection = this.#connection;
    while (
      this.#unsentHead < this.#unsent.length &&
      this.#tracker.inFlight + connection.queued < WINDOW &&
      !connection.closed
    ) {
      const l = this.#unsent[this.#unsentHead++] as OutboundLine;
      if (l.state !== 'queued') continue;
      const tags = new Map<string, string>(l.label === undefined ? [] : [['label', l.label]]);
      connection
        .write(
          { tags, command: l.command, params: [l.target, l.text] },
          { onWire: () => this.#tracker.wrote(l) },
        )
        .catch(() => undefined);
    }
    if (this.#unsentHead === this.#unsent.length) {
      this.#unsent.length = 0;
      this.#unsentHead = 0;
    } else if (this.#unsentHead > 1024) {
      this.#unsent.splice(0, this.#unsentHead);
      this.#unsentHead = 0;
    }
  }
}
