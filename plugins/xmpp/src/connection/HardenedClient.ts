/**
 * xmpp.js's Client with fixes for broken or hostile servers (xmpp.js 0.14 `Connection`,
 * RFC 6120 §4.4 closing a stream, §4.9 stream errors); every session openXmppSession opens
 * uses it.
 */
import type { LookupFunction } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { SwitchboardError } from '@switchboard/core';
import { Client } from '@xmpp/client-core';
import { promise } from '@xmpp/events';
import type { JID } from '@xmpp/jid';
import type { Element } from '@xmpp/xml';
import { readCondition } from './readCondition';
import { streamError } from './streamError';

/** The parts of xmpp.js's Connection used here; not in its typings. */
interface ConnectionInternals {
  parser: { write(text: string): void } | null;
  connect(service: string | undefined): Promise<unknown>;
  open(options: { domain?: string; lang?: string }): Promise<unknown>;
  footer(element: unknown): string;
  footerElement(): unknown;
  _status(status: string, ...args: unknown[]): void;
}

/**
 * How long the socket may stay open after the server closed its stream and we answered with
 * ours (RFC 6120 §4.4: the server should then close the TCP connection).
 */
export const STREAM_CLOSE_GRACE_MS = 2000;

const ignore = (): void => undefined;

/**
 * - Data that arrives after xmpp.js dropped its parser (after the server's `</stream:stream>`,
 *   or after a parse error) is discarded; xmpp.js would throw inside the socket's data
 *   handler, an uncaught exception in the host.
 * - The socket's bytes are decoded as one UTF-8 stream: xmpp.js decodes each read on its own,
 *   so a character split between two reads (two TCP segments, two TLS records) reached the
 *   app as two U+FFFD.
 * - `start()` does not leave a rejected promise unobserved when the stream fails while it
 *   opens (xmpp.js's `online` promise then rejects with nobody waiting: an unhandled
 *   rejection in the host), and fails at once when the server closes the stream or the
 *   connection before the login completes, instead of waiting for a timeout: with
 *   SB_STREAM_ERROR (`details.condition`, `details.text`) when the server sent a stream
 *   error, with the error given to {@link HardenedClient.abort} when it was aborted, with
 *   SB_CONNECTION_CLOSED otherwise.
 * - A stream error is emitted as `error` with SB_STREAM_ERROR. `see-other-host` is one like
 *   any other: xmpp.js would silently reconnect to the host the server names, behind the
 *   caller's back (and after a failed `start()`, with nobody to close that connection).
 * - When the server closes its stream without being asked (`</stream:stream>`, TCP left open),
 *   the client answers with its own `</stream:stream>` and ends the connection, destroying it
 *   after {@link STREAM_CLOSE_GRACE_MS} if the server does not close it: xmpp.js would only
 *   mark the stream closed and go on writing into it, the account still online.
 */
export class HardenedClient extends Client {
  readonly #lookup: LookupFunction | undefined;
  readonly #from: string | undefined;
  #abortedWith: SwitchboardError | undefined;
  #streamError: SwitchboardError | undefined;
  #failStart: ((error: SwitchboardError) => void) | undefined;
  /** The UTF-8 decoder of the socket whose bytes it decodes (a new one after STARTTLS). */
  #decoder = { socket: null as unknown, utf8: new StringDecoder('utf8') };

  /**
   * xmpp.js's options, and `lookup`: the target's addresses (e.g. from DNS discovery), which
   * the socket then tries IPv6 and IPv4 side by side (Node's `autoSelectFamily`, RFC 8305);
   * `from`: the account's bare JID, named in the stream header once the stream is encrypted.
   */
  constructor(
    options: Record<string, unknown> & {
      readonly lookup?: LookupFunction | undefined;
      readonly from?: string | undefined;
    },
  ) {
    const { lookup, from, ...rest } = options;
    super(rest);
    this.#lookup = lookup;
    this.#from = from;
  }

  /**
   * The stream header: on an encrypted stream it names the account (`from`, RFC 6120 §4.7.1,
   * XEP-0388 §2.1) before the JID is bound, as the server needs it to offer FAST (XEP-0484).
   */
  header(headerElement: Element, ...rest: unknown[]): string {
    if (this.#from !== undefined && this.isSecure() && this.jid === null) {
      headerElement.attrs.from = this.#from;
    }
    return (Client.prototype as unknown as { header: (...a: unknown[]) => string }).header.call(
      this,
      headerElement,
      ...rest,
    );
  }

  /** The transport's socket options, with the target's `lookup` and Happy Eyeballs. */
  override socketParameters(service: string): Record<string, unknown> | undefined {
    const parameters = super.socketParameters(service);
    if (parameters === undefined || this.#lookup === undefined) return parameters;
    return { ...parameters, lookup: this.#lookup, autoSelectFamily: true };
  }

  /** The first stream error the server sent, if any (SB_STREAM_ERROR with its condition). */
  get streamError(): SwitchboardError | undefined {
    return this.#streamError;
  }

  /**
   * Sends `element`, after emitting `sending` with it: the server may get a stanza whose write
   * then fails (the connection closed while it was being written), so stream management counts
   * a stanza from the moment it is handed to the socket, not from a successful write.
   */
  override send(element: Element, ...rest: unknown[]): Promise<void> {
    this.emit('sending', element);
    return (Client.prototype.send as (e: Element, ...r: unknown[]) => Promise<void>).call(
      this,
      element,
      ...rest,
    );
  }

  /** The error given to the first {@link abort}, if any: why this connection was dropped. */
  get abortedWith(): SwitchboardError | undefined {
    return this.#abortedWith;
  }

  /**
   * Drops the connection because of `error`: records it (the first one wins, see
   * {@link abortedWith}), destroys the socket, and makes a pending `start()` reject with it.
   * Nothing more is sent or read.
   */
  abort(error: SwitchboardError): void {
    this.#abortedWith ??= error;
    this.#failStart?.(this.#abortedWith);
    this.socket?.destroy?.();
  }

  _onData(data: Buffer): void {
    const { parser } = this as unknown as ConnectionInternals;
    if (parser === null) return;
    if (this.#decoder.socket !== this.socket) {
      this.#decoder = { socket: this.socket, utf8: new StringDecoder('utf8') };
    }
    const text = this.#decoder.utf8.write(data);
    if (text !== '') parser.write(text);
  }

  /** xmpp.js calls this for `<stream:error/>`, then closes the stream. */
  _onStreamError(element: Element): void {
    const { condition, text } = readCondition(element);
    const error = streamError(condition, text);
    this.#streamError ??= error;
    this.emit('error', error);
  }

  _status(status: string, ...args: unknown[]): void {
    const before = this.status;
    (Client.prototype as unknown as ConnectionInternals)._status.call(this, status, ...args);
    // 'close' after 'closing' is the server's answer to our `</stream:stream>`.
    if (status === 'close' && before !== 'closing') this.#answerStreamClose();
  }

  override async start(): Promise<JID> {
    if (this.status !== 'offline') throw new Error('Connection is not offline');
    const self = this as unknown as ConnectionInternals;
    const { service, domain, lang } = this.options;
    const failed = new Promise<never>((_, reject) => {
      this.#failStart = reject;
    });
    failed.catch(ignore);
    const onClosed = (): void => this.#failStart?.(this.#closedError());
    try {
      await Promise.race([self.connect(service), failed]);
      this.once('close', onClosed);
      this.once('disconnect', onClosed);
      const online = promise<JID>(this, 'online');
      const opened = self.open({
        ...(domain === undefined ? {} : { domain }),
        ...(lang === undefined ? {} : { lang }),
      });
      // Whichever settles first decides; the others must not become unhandled rejections.
      for (const pending of [online, opened]) pending.catch(ignore);
      await Promise.race([opened, failed]);
      return await Promise.race([online, failed]);
    } finally {
      this.#failStart = undefined;
      this.off('close', onClosed);
      this.off('disconnect', onClosed);
    }
  }

  /** Why the connection closed before the login completed. */
  #closedError(): SwitchboardError {
    return (
      this.#abortedWith ??
      this.#streamError ??
      new SwitchboardError(
        'SB_CONNECTION_CLOSED',
        'The server closed the connection before the login completed.',
      )
    );
  }

  /** The server closed its stream unasked: close ours and the connection (RFC 6120 §4.4). */
  #answerStreamClose(): void {
    const socket = this.socket;
    if (socket === null) return;
    const self = this as unknown as ConnectionInternals;
    socket.write(self.footer(self.footerElement()), ignore);
    socket.end();
    const timer = setTimeout(() => socket.destroy?.(), STREAM_CLOSE_GRACE_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  }
}
