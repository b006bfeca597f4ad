/**
 * Writes what the server sent to the client socket of a proxied connection, either as it came,
 * glued into one write, or split into single bytes delivered in separate event-loop turns.
 */
import type { Socket } from 'node:net';

/**
 * How a fault proxy hands server→client bytes to the client:
 * - `pass`: each chunk as it was read from the server;
 * - `glued`: everything the server sent within `glueMs` of the first held byte, in one write
 *   (so the client reads several stanzas, or TLS records, in one read);
 * - `bytewise`: one byte per write, one write per event-loop turn (so the client reads them one
 *   at a time). Over TLS this splits ciphertext; use a plaintext server to split XML.
 */
export type DownstreamMode = 'pass' | 'glued' | 'bytewise';

/** Keeps the order of writes and of the final FIN whatever the mode. */
export class DownstreamWriter {
  readonly #socket: Socket;
  readonly #mode: DownstreamMode;
  readonly #glueMs: number;
  #queue: Buffer[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dripping = false;
  #ending = false;

  constructor(socket: Socket, mode: DownstreamMode, glueMs: number) {
    this.#socket = socket;
    this.#mode = mode;
    this.#glueMs = glueMs;
  }

  /** Bytes not written yet (glued or still dripping). */
  get queued(): number {
    return this.#queue.reduce((n, b) => n + b.length, 0);
  }

  write(bytes: Buffer): void {
    if (this.#ending || this.#socket.destroyed) return;
    if (this.#mode === 'pass') {
      this.#socket.write(bytes);
      return;
    }
    this.#queue.push(bytes);
    if (this.#mode === 'glued') {
      this.#timer ??= setTimeout(() => this.#flushGlued(), this.#glueMs);
    } else if (!this.#dripping) {
      this.#dripping = true;
      setImmediate(() => this.#drip());
    }
  }

  /** Sends FIN once everything before it was written. */
  end(): void {
    this.#ending = true;
    if (this.#queue.length === 0) this.#socket.end();
  }

  /** Forgets what was not written (the connection was reset). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
  }

  #flushGlued(): void {
    this.#timer = undefined;
    const bytes = Buffer.concat(this.#queue);
    this.#queue = [];
    if (this.#socket.destroyed) return;
    this.#socket.write(bytes);
    if (this.#ending) this.#socket.end();
  }

  #drip(): void {
    const head = this.#queue[0];
    if (head === undefined || this.#socket.destroyed) {
      this.#dripping = false;
      this.#queue = [];
      if (this.#ending && !this.#socket.destroyed) this.#socket.end();
      return;
    }
    this.#socket.write(head.subarray(0, 1));
    if (head.length > 1) this.#queue[0] = head.subarray(1);
    else this.#queue.shift();
    setImmediate(() => this.#drip());
  }
}
