import { connect, createServer, type Socket } from 'node:net';
import { resetSocket } from '../net/resetSocket';

/** Options of {@link startWireTap}. */
export interface WireTapOptions {
  /** Where to forward connections, e.g. `server.host`. */
  readonly targetHost: string;
  /** The target port, e.g. `server.port`. */
  readonly targetPort: number;
}

/** One chunk read from a socket by the tap. */
export interface WireChunk {
  /** `up`: client to server; `down`: server to client. */
  readonly direction: 'up' | 'down';
  readonly bytes: Buffer;
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

/**
 * Starts a pass-through TCP proxy on 127.0.0.1 that records both directions, to prove what did
 * (and did not) cross the wire.
 */
export function startWireTap({ targetHost, targetPort }: WireTapOptions): Promise<WireTap> {
  const chunks: WireChunk[] = [];
  const text = (direction: WireChunk['direction']): string =>
    Buffer.concat(chunks.filter((c) => c.direction === direction).map((c) => c.bytes)).toString();
  const sockets = new Set<Socket>();
  const silenced = new WeakSet<Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect({ host: targetHost, port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d: Buffer) => {
      if (silenced.has(client)) return;
      chunks.push({ direction: 'up', bytes: d });
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (silenced.has(client)) return;
      chunks.push({ direction: 'down', bytes: d });
      client.write(d);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
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
        chunks: () => [...chunks],
        connections: () => accepted,
        cut: () => {
          for (const s of sockets) resetSocket(s);
        },
        silence: () => {
          for (const s of sockets) silenced.add(s);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
