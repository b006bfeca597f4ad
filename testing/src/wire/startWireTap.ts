import { connect, createServer, type Socket } from 'node:net';
import { resetSocket } from '../net/resetSocket';
import { DelayLine } from './DelayLine';

/** Options of {@link startWireTap}. */
export interface WireTapOptions {
  /** Where to forward connections, e.g. `server.host`. */
  readonly targetHost: string;
  /** The target port, e.g. `server.port`. */
  readonly targetPort: number;
  /**
   * Latency added to each direction, in milliseconds: every chunk is forwarded this long after
   * the tap read it, in order, like a link with that one-way delay (a round trip then costs twice
   * it). The TCP handshake itself is not delayed. Default 0: forwarded at once.
   */
  readonly delayMs?: number;
}

/** One chunk read from a socket by the tap. */
export interface WireChunk {
  /** `up`: client to server; `down`: server to client. */
  readonly direction: 'up' | 'down';
  readonly bytes: Buffer;
  /** Which client connection it belongs to: 1 for the first the tap accepted, and so on. */
  readonly connection: number;
  /** When the tap read it, on the `performance.now()` clock. */
  readonly at: number;
  /**
   * When the tap wrote it on to the other side (`performance.now()`); absent while it is still
   * held back by {@link WireTapOptions.delayMs}, or when it was never forwarded.
   */
  readonly forwardedAt?: number;
}

/** A recording TCP proxy on loopback. */
export interface WireTap {
  /** The loopback port clients connect to instead of the target. */
  readonly port: number;
  /** Every byte clients sent, as UTF-8 (ciphertext after TLS starts). */
  clientToServer(): string;
  /** Every byte the target sent back, as UTF-8. */
  serverToClient(): string;
  /** Every chunk in arrival order, tagged with its direction (all connections together). */
  chunks(): readonly WireChunk[];
  /** How many client connections the tap has accepted so far. */
  connections(): number;
  /**
   * Resets every current connection (TCP RST to both sides), as a broken network would; the tap
   * keeps accepting new ones.
   */
  cut(): void;
  /**
   * Makes every current connection go silent: bytes in both directions are dropped from now on
   * and nothing closes, like a link that died without a FIN or RST. New connections work.
   */
  silence(): void;
  /** Closes the listener and every proxied connection. */
  close(): Promise<void>;
}

type Recorded = { -readonly [K in keyof WireChunk]: WireChunk[K] };

/**
 * Starts a pass-through TCP proxy on 127.0.0.1 that records both directions, to prove what did
 * (and did not) cross the wire; with `delayMs`, a link with latency whose round trips
 * {@link countRoundTrips} can count from the recorded chunks.
 */
export function startWireTap({
  targetHost,
  targetPort,
  delayMs = 0,
}: WireTapOptions): Promise<WireTap> {
  const chunks: Recorded[] = [];
  const text = (direction: WireChunk['direction']): string =>
    Buffer.concat(chunks.filter((c) => c.direction === direction).map((c) => c.bytes)).toString();
  const sockets = new Set<Socket>();
  const lines = new Set<DelayLine>();
  const silenced = new WeakSet<Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    const connection = accepted;
    const upstream = connect({ host: targetHost, port: targetPort });
    const line = (to: Socket): DelayLine =>
      new DelayLine(
        delayMs,
        (bytes) => {
          if (!to.destroyed) to.write(bytes);
        },
        () => to.end(),
      );
    const up = line(upstream);
    const down = line(client);
    lines.add(up).add(down);
    const stop = (): void => {
      up.stop();
      down.stop();
      lines.delete(up);
      lines.delete(down);
    };
    let open = 2;
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => {
        sockets.delete(s);
        open -= 1;
        if (open === 0) stop();
      });
      s.on('error', () => {
        stop();
        client.destroy();
        upstream.destroy();
      });
    }
    const relay = (direction: WireChunk['direction'], into: DelayLine) => (bytes: Buffer) => {
      if (silenced.has(client)) return;
      const chunk: Recorded = { direction, bytes, connection, at: performance.now() };
      chunks.push(chunk);
      into.push(bytes, () => {
        chunk.forwardedAt = performance.now();
      });
    };
    client.on('data', relay('up', up));
    upstream.on('data', relay('down', down));
    client.on('end', () => up.close());
    upstream.on('end', () => down.close());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        clientToServer: () => text('up'),
        serverToClient: () => text('down'),
        chunks: () => chunks.map((c) => ({ ...c })),
        connections: () => accepted,
        cut: () => {
          for (const l of lines) l.stop();
          for (const s of sockets) resetSocket(s);
        },
        silence: () => {
          for (const l of lines) l.stop();
          for (const s of sockets) silenced.add(s);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const l of lines) l.stop();
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
