/**
 * One IRC connection as lines: received bytes framed and parsed, messages written with flood
 * control, the stanza log fed with secrets redacted, and one close report however it ends.
 */
import type { Socket } from 'node:net';
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import { LineReader } from '../wire/LineReader';
import { parseLine } from '../wire/parseLine';
import { type SerializeOptions, serialize } from '../wire/serialize';
import { TokenBucket, type TokenBucketOptions } from '../wire/TokenBucket';
import { redactLine } from './redactLine';

/** Options of {@link IrcConnection}. */
export interface IrcConnectionOptions {
  /** A connected socket (TLS, or plain TCP on loopback when the account allows it). */
  readonly socket: Socket;
  /** Outbound flood control; `false` writes every line at once. */
  readonly flood?: TokenBucketOptions | false | undefined;
  /** The stanza log of the account, if the host asked for one. */
  readonly log?: ((direction: 'in' | 'out', text: string) => void) | undefined;
  /** The most bytes one received line may have. */
  readonly maxLineBytes?: number | undefined;
}

/** How a line is written. */
export interface WriteOptions {
  /** Skips the flood queue (registration, PONG, QUIT): lines the server expects at once. */
  readonly urgent?: boolean;
  /** Replaces the parameters in the log (SASL payloads). */
  readonly redact?: boolean;
  /** Called when the line is handed to the socket (it may reach the server from then on). */
  readonly onWire?: () => void;
}

interface Queued {
  readonly line: string;
  readonly logged: string;
  readonly onWire: (() => void) | undefined;
  readonly written: () => void;
  readonly failed: (error: SwitchboardError) => void;
}

function closedError(cause?: unknown): SwitchboardError {
  return new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection closed.', { cause });
}

/**
 * The line transport of one session. `onMessage` gets every parsed line; `onClose` is called
 * once, with an error unless the close was asked for with {@link close}.
 */
export class IrcConnection {
  onMessage: (message: IrcMessage) => void = () => undefined;
  onClose: (error?: SwitchboardError) => void = () => undefined;
  /** Which received lines the log shows redacted (the server's SASL challenges). */
  redactIncoming: (message: IrcMessage) => boolean = () => false;
  /** Limits for writing lines; the server's `LINELEN` once known. */
  limits: SerializeOptions = {};
  readonly #socket: Socket;
  readonly #reader: LineReader;
  readonly #bucket: TokenBucket | undefined;
  readonly #log: IrcConnectionOptions['log'];
  readonly #queue: Queued[] = [];
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** QUIT was sent: the server closing the socket is the end that was asked for. */
  #requested = false;
  #receivedAt = Date.now();
  #sentAt = Date.now();

  constructor(options: IrcConnectionOptions) {
    this.#socket = options.socket;
    this.#reader = new LineReader(
      options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes },
    );
    this.#bucket = options.flood === false ? undefined : new TokenBucket(options.flood ?? {});
    this.#log = options.log;
    this.#socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#socket.on('error', (error: Error) => this.#end(closedError(error)));
    this.#socket.on('close', () => this.#end(closedError()));
  }

  /** When data last arrived (`Date.now()` ms). */
  get receivedAt(): number {
    return this.#receivedAt;
  }

  /** When a line was last written (`Date.now()` ms). */
  get sentAt(): number {
    return this.#sentAt;
  }

  /** Lines waiting for flood control. */
  get queued(): number {
    return this.#queue.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Writes `message` after the lines queued before it (or at once when `urgent`); resolves once
   * the socket took it. Throws SB_CONTENT_INVALID / SB_MESSAGE_TOO_LARGE for what a line cannot
   * carry (nothing written); rejects with SB_CONNECTION_CLOSED when the connection ends first.
   */
  write(message: IrcMessage, options: WriteOptions = {}): Promise<void> {
    const line = serialize(message, this.limits);
    if (this.#closed) return Promise.reject(closedError());
    const logged = options.redact === true ? redactLine(message) : line;
    return new Promise<void>((written, failed) => {
      const entry = { line, logged, onWire: options.onWire, written, failed };
      if (options.urgent === true) this.#put(entry);
      else {
        this.#queue.push(entry);
        this.#drain();
      }
    });
  }

  /** Closes the socket now; `error` is reported to `onClose` (none: a requested close). */
  close(error?: SwitchboardError): void {
    if (this.#closed) return;
    this.#socket.destroy();
    this.#end(error, true);
  }

  /**
   * Sends `QUIT` and waits (at most `timeoutMs`) for the server to close, then closes; the close
   * is reported as requested.
   */
  async quit(text: string, timeoutMs: number): Promise<void> {
    if (this.#closed) return;
    const gone = new Promise<void>((resolve) => {
      this.#socket.once('close', () => resolve());
      setTimeout(resolve, timeoutMs).unref();
    });
    this.#requested = true;
    await this.write({ tags: new Map(), command: 'QUIT', params: [text] }, { urgent: true }).catch(
      () => undefined,
    );
    this.#socket.end();
    await gone;
    this.close();
  }

  #drain(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      if (this.#bucket !== undefined && !this.#bucket.tryTake()) {
        if (this.#timer === undefined) {
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#drain();
          }, this.#bucket.delay());
        }
        return;
      }
      const entry = this.#queue.shift();
      if (entry !== undefined) this.#put(entry);
    }
  }

  #put(entry: Queued): void {
    this.#log?.('out', entry.logged);
    this.#sentAt = Date.now();
    entry.onWire?.();
    this.#socket.write(`${entry.line}\r\n`, (error) => {
      if (error) entry.failed(closedError(error));
      else entry.written();
    });
  }

  #receive(chunk: Buffer): void {
    if (this.#closed) return;
    this.#receivedAt = Date.now();
    try {
      for (const line of this.#reader.push(chunk)) {
        if (this.#closed) return;
        const message = parseLine(line);
        this.#log?.('in', this.redactIncoming(message) ? redactLine(message) : line);
        this.onMessage(message);
      }
    } catch (error) {
      this.close(
        SwitchboardError.is(error)
          ? error
          : new SwitchboardError('SB_IRC_MALFORMED', undefined, { cause: error }),
      );
    }
  }

  #end(error: SwitchboardError | undefined, explicit = false): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const pending = this.#queue.splice(0);
    for (const entry of pending) entry.failed(closedError());
    this.#socket.destroy();
    this.onClose(!explicit && this.#requested ? undefined : error);
  }
}
