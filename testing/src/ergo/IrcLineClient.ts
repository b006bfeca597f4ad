import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { SwitchboardError } from '@switchboard/core';
import { type IrcLine, parseIrcLine } from './parseIrcLine';

/** Where and how {@link IrcLineClient.connect} connects. */
export interface IrcLineClientOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  readonly port: number;
  /**
   * TLS from the first byte, verified against `ca` (for the kit's server: its `ca`, name
   * `localhost`). Omit for plain TCP (loopback test ports only). `cert`/`key` present a client
   * certificate (SASL EXTERNAL).
   */
  readonly tls?: {
    readonly ca: string;
    readonly servername?: string;
    readonly cert?: string;
    readonly key?: string;
  };
  /** Default wait of {@link IrcLineClient.next}, in ms. Default 5000. */
  readonly timeoutMs?: number;
}

type Waiter = {
  readonly match: (line: IrcLine) => boolean;
  readonly resolve: (line: IrcLine) => void;
  readonly reject: (error: Error) => void;
};

/**
 * A tiny line-based IRC client for tests: sends raw lines, waits for lines matching a predicate,
 * answers `PING` by itself, and keeps every received line in {@link IrcLineClient.received}.
 */
export class IrcLineClient {
  /** Every line received, in order (PINGs included). */
  readonly received: IrcLine[] = [];
  private readonly unread: IrcLine[] = [];
  private readonly waiters = new Set<Waiter>();
  private buffer = '';
  private closedBy: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () =>
      this.fail(
        new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC server closed the connection.'),
      ),
    );
  }

  /** Connects (and with `tls`, completes the handshake). */
  static connect(options: IrcLineClientOptions): Promise<IrcLineClient> {
    const host = options.host ?? '127.0.0.1';
    const { tls, port } = options;
    return new Promise((resolve, reject) => {
      const socket =
        tls === undefined
          ? connectTcp({ host, port })
          : connectTls({ host, port, servername: tls.servername ?? 'localhost', ...tls });
      const ready = (): void => {
        socket.off('error', onError);
        resolve(new IrcLineClient(socket, options.timeoutMs ?? 5000));
      };
      const onError = (cause: Error): void =>
        reject(
          new SwitchboardError('SB_CONNECTION_FAILED', `Cannot connect to ${host}:${port}.`, {
            cause,
          }),
        );
      socket.once('error', onError);
      socket.once(tls === undefined ? 'connect' : 'secureConnect', ready);
    });
  }

  /** Sends one line (CR LF added). Throws SB_CONTENT_INVALID for a line with CR or LF. */
  send(line: string): void {
    if (/[\r\n]/.test(line)) {
      throw new SwitchboardError('SB_CONTENT_INVALID', 'An IRC line cannot contain CR or LF.');
    }
    this.socket.write(`${line}\r\n`);
  }

  /**
   * The first line not read yet that matches; lines that do not match are skipped. Rejects with
   * SB_TIMEOUT (the lines received so far in `details.received`) or when the connection closes.
   */
  next(match: (line: IrcLine) => boolean, timeoutMs = this.timeoutMs): Promise<IrcLine> {
    while (this.unread.length > 0) {
      const line = this.unread.shift() as IrcLine;
      if (match(line)) return Promise.resolve(line);
    }
    if (this.closedBy !== undefined) return Promise.reject(this.closedBy);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const received = this.received.map((l) => l.raw).join('\n');
        reject(
          new SwitchboardError('SB_TIMEOUT', `No matching IRC line within ${timeoutMs} ms.`, {
            details: { received },
          }),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** The next line with one of `commands` (e.g. `'903', '904'`). */
  nextCommand(...commands: string[]): Promise<IrcLine> {
    return this.next((line) => commands.includes(line.command));
  }

  /** Sends `QUIT` and closes the socket; resolves once it is closed. Idempotent. */
  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    if (this.closedBy === undefined && this.socket.writable) this.socket.end('QUIT\r\n');
    const timer = setTimeout(() => this.socket.destroy(), 1000);
    await closed;
    clearTimeout(timer);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n');
      if (end < 0) return;
      const raw = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      if (raw !== '') this.onLine(parseIrcLine(raw));
    }
  }

  private onLine(line: IrcLine): void {
    this.received.push(line);
    if (line.command === 'PING') this.send(`PONG :${line.params[0] ?? ''}`);
    for (const waiter of this.waiters) {
      if (waiter.match(line)) {
        this.waiters.delete(waiter);
        waiter.resolve(line);
        return;
      }
    }
    // A line nobody waits for is kept for the next call; one a waiter skipped is dropped.
    if (this.waiters.size === 0) this.unread.push(line);
  }

  private fail(error: Error): void {
    this.closedBy ??= error;
    for (const waiter of this.waiters) waiter.reject(this.closedBy);
    this.waiters.clear();
  }
}
