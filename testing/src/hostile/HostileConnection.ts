/**
 * One client connection to a hostile server: records what the client sent, layer by layer,
 * and runs the script against it.
 */
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { TLSSocket } from 'node:tls';
import type { HostileData, HostileStep, StepContext } from './HostileStep';
import type { HostileCertificate } from './hostileCertificates';

/** Where received bytes were read: the plain socket, or decrypted from TLS. */
export type HostileLayer = 'plain' | 'tls';

/** Text the client sent, in arrival order. */
export interface ReceivedChunk {
  readonly layer: HostileLayer;
  readonly text: string;
}

/** The client closed the connection while a step waited for it. */
class ConnectionGone extends Error {}

function bytesOf(data: HostileData, context: StepContext): string | Uint8Array {
  return typeof data === 'function' ? data(context) : data;
}

/** One accepted connection: its recording, its progress through the script, its socket. */
export class HostileConnection {
  readonly chunks: ReceivedChunk[] = [];
  /** Steps finished so far. */
  stepsDone = 0;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<void>;
  #socket: Socket;
  #unread = '';
  #gone = false;
  #wake: (() => void) | undefined;
  #markClosed: () => void = () => undefined;

  constructor(socket: Socket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => {
      this.#markClosed = resolve;
    });
    this.#listen(socket, 'plain');
  }

  /**
   * Runs `steps`; stops quietly when the client goes away first. A step that throws (a
   * computed `send`, a rejected `waitFor`) ends the script and drops the connection.
   */
  async run(steps: readonly HostileStep[]): Promise<void> {
    let context: StepContext = { match: undefined };
    try {
      for (const step of steps) {
        if (this.#gone) return;
        if (step.kind === 'expect') context = { match: await this.#expect(step.pattern) };
        else if (step.kind === 'send') this.#socket.write(bytesOf(step.data, context));
        else if (step.kind === 'tls') await this.#startTls(step.certificate);
        else if (step.kind === 'wait') await step.until();
        else if (step.how === 'end') this.#socket.end();
        else this.#socket.destroy();
        this.stepsDone += 1;
      }
    } catch (error) {
      if (!(error instanceof ConnectionGone)) this.destroy();
    }
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #listen(socket: Socket, layer: HostileLayer): void {
    const decoder = new StringDecoder('utf8');
    socket.on('data', (data: Buffer) => {
      const text = decoder.write(data);
      if (text === '') return;
      this.chunks.push({ layer, text });
      this.#unread += text;
      this.#wake?.();
    });
    // A client that refuses the certificate or resets the connection is not a test failure.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (socket !== this.#socket) return;
      this.#gone = true;
      this.#wake?.();
      this.#markClosed();
    });
  }

  async #expect(pattern: RegExp): Promise<RegExpExecArray> {
    for (;;) {
      const match = pattern.exec(this.#unread);
      if (match !== null) {
        this.#unread = this.#unread.slice(match.index + match[0].length);
        return match;
      }
      if (this.#gone) throw new ConnectionGone();
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }

  async #startTls(certificate: HostileCertificate): Promise<void> {
    const plain = this.#socket;
    plain.removeAllListeners('data');
    const secure = new TLSSocket(plain, {
      isServer: true,
      cert: certificate.cert,
      key: certificate.key,
    });
    this.#socket = secure;
    this.#unread = '';
    this.#listen(secure, 'tls');
    await new Promise<void>((resolve, reject) => {
      secure.once('secure', () => resolve());
      secure.once('close', () => reject(new ConnectionGone()));
    });
  }
}
