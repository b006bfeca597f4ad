/**
 * One client connection through a fault proxy and its connection to the target: forwards both
 * ways, records what arrived, and can be reset, frozen (bytes held, nothing closed) and thawed.
 */
import type { Socket } from 'node:net';
import { resetSocket } from '../net/resetSocket';
import { type DownstreamMode, DownstreamWriter } from './DownstreamWriter';

/** `up`: client to server; `down`: server to client. */
export type ProxyDirection = 'up' | 'down';

/** One chunk as the proxy read it from a socket, whether it was forwarded or held. */
export interface RecordedChunk {
  readonly direction: ProxyDirection;
  /** When it was read (`Date.now()`). */
  readonly at: number;
  readonly bytes: Buffer;
}

/** A proxied connection as {@link FaultProxy.connections} describes it. */
export interface ProxiedConnectionInfo {
  /** 0 for the first connection the proxy accepted, then 1, 2, … */
  readonly index: number;
  /** `open` forwards, `frozen` holds, `closed` is over. */
  readonly state: 'open' | 'frozen' | 'closed';
  /** When the client connected (`Date.now()`). */
  readonly openedAt: number;
  /** When both sockets had closed; undefined while open or frozen. */
  readonly closedAt: number | undefined;
  /**
   * Who ended it first: `client` or `server` (a FIN or an error on that side), `proxy` (a
   * {@link FaultProxy.reset} or the proxy closing); undefined while it lasts.
   */
  readonly endedBy: 'client' | 'server' | 'proxy' | undefined;
  /** Bytes read from the client so far (forwarded or held). */
  readonly bytesUp: number;
  /** Bytes read from the server so far (forwarded or held). */
  readonly bytesDown: number;
  /** Client bytes held by a freeze, not yet forwarded. */
  readonly heldUp: number;
  /** Server bytes held by a freeze, not yet forwarded. */
  readonly heldDown: number;
}

/** What a freeze holds in one direction: bytes, then perhaps how the sender ended. */
type Held = Buffer | 'end' | 'reset';

/** How a proxied connection behaves. */
export interface ProxiedConnectionOptions {
  readonly downstream: DownstreamMode;
  readonly glueMs: number;
  readonly record: boolean;
}

function heldBytes(held: readonly Held[]): number {
  return held.reduce((n, h) => n + (typeof h === 'string' ? 0 : h.length), 0);
}

export class ProxiedConnection {
  readonly index: number;
  readonly openedAt = Date.now();
  readonly #client: Socket;
  readonly #server: Socket;
  readonly #down: DownstreamWriter;
  readonly #chunks: RecordedChunk[] = [];
  readonly #record: boolean;
  #held: Record<ProxyDirection, Held[]> = { up: [], down: [] };
  #frozen = false;
  #closedAt: number | undefined;
  #endedBy: ProxiedConnectionInfo['endedBy'];
  #open = 2;
  readonly #bytes: Record<ProxyDirection, number> = { up: 0, down: 0 };

  constructor(index: number, client: Socket, server: Socket, options: ProxiedConnectionOptions) {
    this.index = index;
    this.#client = client;
    this.#server = server;
    this.#record = options.record;
    this.#down = new DownstreamWriter(client, options.downstream, options.glueMs);
    this.#wire(client, 'up', 'client');
    this.#wire(server, 'down', 'server');
  }

  info(): ProxiedConnectionInfo {
    return {
      index: this.index,
      state: this.#closedAt !== undefined ? 'closed' : this.#frozen ? 'frozen' : 'open',
      openedAt: this.openedAt,
      closedAt: this.#closedAt,
      endedBy: this.#endedBy,
      bytesUp: this.#bytes.up,
      bytesDown: this.#bytes.down,
      heldUp: heldBytes(this.#held.up),
      heldDown: heldBytes(this.#held.down) + this.#down.queued,
    };
  }

  get closed(): boolean {
    return this.#closedAt !== undefined;
  }

  chunks(): readonly RecordedChunk[] {
    return [...this.#chunks];
  }

  /** TCP RST to both sides; whatever was held is dropped. */
  reset(): void {
    this.#endedBy ??= 'proxy';
    this.#held = { up: [], down: [] };
    this.#down.stop();
    resetSocket(this.#client);
    resetSocket(this.#server);
  }

  /** Stops forwarding both ways; what arrives is held, FINs and resets included. */
  freeze(): void {
    if (!this.closed) this.#frozen = true;
  }

  /** Forwards what was held, in order (then any FIN or reset held), and forwards again. */
  thaw(): void {
    if (!this.#frozen) return;
    this.#frozen = false;
    const { up, down } = this.#held;
    this.#held = { up: [], down: [] };
    for (const item of up) this.#forward('up', item);
    for (const item of down) this.#forward('down', item);
  }

  /** Closes both sockets at once (the proxy is closing). */
  destroy(): void {
    this.#endedBy ??= 'proxy';
    this.#down.stop();
    this.#client.destroy();
    this.#server.destroy();
  }

  #wire(socket: Socket, direction: ProxyDirection, side: 'client' | 'server'): void {
    socket.setNoDelay(true);
    socket.on('data', (bytes: Buffer) => {
      this.#bytes[direction] += bytes.length;
      if (this.#record) this.#chunks.push({ direction, at: Date.now(), bytes });
      this.#pass(direction, bytes);
    });
    socket.on('end', () => {
      this.#endedBy ??= side;
      this.#pass(direction, 'end');
    });
    socket.on('error', () => {
      this.#endedBy ??= side;
      this.#pass(direction, 'reset');
    });
    socket.on('close', () => {
      this.#open -= 1;
      if (this.#open === 0) {
        this.#closedAt = Date.now();
        this.#frozen = false;
      }
    });
  }

  #pass(direction: ProxyDirection, item: Held): void {
    if (this.#frozen) this.#held[direction].push(item);
    else this.#forward(direction, item);
  }

  #forward(direction: ProxyDirection, item: Held): void {
    const target = direction === 'up' ? this.#server : this.#client;
    if (item === 'reset') {
      if (direction === 'down') this.#down.stop();
      resetSocket(target);
    } else if (direction === 'up') {
      if (target.destroyed) return;
      if (item === 'end') target.end();
      else target.write(item);
    } else if (item === 'end') {
      this.#down.end();
    } else {
      this.#down.write(item);
    }
  }
}
