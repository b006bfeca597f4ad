import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import type { ChannelBindingType } from '@switchboard/core';
import { secureContextFor } from '@switchboard/core/transport';
import { channelBindingData, channelBindingTypes } from './channelBinding';

/** TLS settings passed to node:tls; certificate verification is never turned off. */
export interface TlsSettings {
  readonly servername: string;
  readonly ca: readonly string[] | undefined;
}

/** node:tls options for our settings, on a fresh connection or over an existing socket. */
export function tlsOptions(settings: TlsSettings, base: ConnectionOptions): ConnectionOptions {
  return {
    ...base,
    servername: settings.servername,
    // Trust (the CAs) and the minimum version (TLS 1.2) live in the shared context.
    secureContext: secureContextFor(settings.ca),
    rejectUnauthorized: true,
    ALPNProtocols: ['xmpp-client'],
  };
}

/**
 * The socket interface xmpp.js expects (`connect`, `write`, `end`, events `connect`, `data`,
 * `close`, `error`, and `secure = true`), over node:tls with our trust settings.
 */
export class TlsSocket extends EventEmitter {
  readonly secure = true;
  #socket: TLSSocket | undefined;

  /** Opens TLS, either to `{ host, port }` or over an existing `{ socket }` (STARTTLS). */
  connect(options: ConnectionOptions): void {
    const socket = connect(options);
    this.#socket = socket;
    socket.setNoDelay?.(true);
    socket.on('secureConnect', () => this.emit('connect'));
    socket.on('data', (data: Buffer) => this.emit('data', data));
    socket.on('error', (error: Error) => this.emit('error', error));
    socket.on('close', (hadError: boolean) => this.emit('close', hadError));
  }

  write(data: string, callback?: (err?: Error | null) => void): void {
    if (this.#socket === undefined) {
      callback?.(new Error('socket is not connected'));
      return;
    }
    this.#socket.write(data, callback);
  }

  end(): void {
    this.#socket?.end();
  }

  destroy(): void {
    this.#socket?.destroy();
  }

  /** The negotiated TLS protocol version, e.g. `TLSv1.3`. */
  get protocol(): string | null {
    return this.#socket?.getProtocol() ?? null;
  }

  /** The channel binding types this connection can produce, best first. */
  channelBindings(): ChannelBindingType[] {
    return this.#socket === undefined ? [] : channelBindingTypes(this.#socket);
  }

  /** The channel binding data of `type`, or undefined when this connection cannot produce it. */
  channelBinding(type: ChannelBindingType): Uint8Array | undefined {
    return this.#socket === undefined ? undefined : channelBindingData(this.#socket, type);
  }

  /** Wraps an already connected plain socket (STARTTLS upgrade). */
  static upgrade(socket: Socket, settings: TlsSettings): TlsSocket {
    const tls = new TlsSocket();
    tls.connect(tlsOptions(settings, { socket, host: settings.servername }));
    return tls;
  }
}
