/**
 * A scripted fake XMPP server on loopback, to prove that a client survives a broken or hostile
 * server: malformed XML, oversized stanzas, bad SASL challenges, TLS downgrades and bad
 * certificates. It speaks only what its script says.
 */
import { createServer, type Server } from 'node:net';
import { freePort } from '../net/freePort';
import { HostileConnection, type HostileLayer } from './HostileConnection';
import type { HostileStep } from './HostileStep';

/**
 * What a connection runs: the same steps for every connection, or the steps for connection
 * `index` (0 for the first one accepted), e.g. a login, then a stream resumption.
 */
export type HostileScript = readonly HostileStep[] | ((index: number) => readonly HostileStep[]);

/** Options of {@link startHostileServer}. */
export interface HostileServerOptions {
  /** The steps each connection runs, in order, from the moment it is accepted. */
  readonly script: HostileScript;
  /**
   * Keep a connection open when the client ends its side (a server that ignores the client's
   * FIN), until the script closes it or {@link HostileServer.stop}. Default false: the server
   * closes its side too.
   */
  readonly allowHalfOpen?: boolean;
}

/** A running hostile server. */
export interface HostileServer {
  /** `'127.0.0.1'`. */
  readonly host: string;
  readonly port: number;
  /**
   * Everything clients sent, over all connections, as UTF-8 text: plaintext before TLS and
   * decrypted after it. With `layer`, only what was read on that layer.
   */
  received(layer?: HostileLayer): string;
  /** How many connections were accepted. */
  connections(): number;
  /** Steps the most recent connection finished (the script's length when it ran to the end). */
  stepsDone(): number;
  /** Resolves once every connection accepted so far has closed. */
  closed(): Promise<void>;
  /** Drops every connection and closes the listener; idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

async function listen(server: Server): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return port;
    } catch (error) {
      // Another process took the port between freePort() and listen(): pick another.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw error;
    }
  }
}

/**
 * Starts a hostile server on 127.0.0.1 and a free port. Each accepted connection runs its
 * script; when the script ends, the connection stays open until the client closes it (the
 * server then closes its side, unless `allowHalfOpen`) or {@link HostileServer.stop} is called.
 */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const accepted: HostileConnection[] = [];
  const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
    socket.setNoDelay(true);
    const connection = new HostileConnection(socket);
    const { script } = options;
    const steps = typeof script === 'function' ? script(accepted.length) : script;
    accepted.push(connection);
    void connection.run(steps);
  });
  const port = await listen(server);
  let stopped: Promise<void> | undefined;
  return {
    host: HOST,
    port,
    received: (layer) =>
      accepted
        .flatMap((c) => c.chunks)
        .filter((chunk) => layer === undefined || chunk.layer === layer)
        .map((chunk) => chunk.text)
        .join(''),
    connections: () => accepted.length,
    stepsDone: () => accepted.at(-1)?.stepsDone ?? 0,
    closed: async () => {
      await Promise.all(accepted.map((c) => c.closed));
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        for (const c of accepted) c.destroy();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
