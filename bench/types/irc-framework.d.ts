// Minimal declarations for irc-framework 4.14, the IRC baseline (it ships no types).
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  interface ConnectOptions {
    readonly host: string;
    readonly port: number;
    readonly tls?: boolean;
    /** Passed to `tls.connect`; undefined keeps Node's default (verify). */
    readonly rejectUnauthorized?: boolean;
    readonly nick: string;
    readonly username?: string;
    readonly gecos?: string;
    /** SASL credentials; irc-framework speaks PLAIN with them (and EXTERNAL without). */
    readonly account?: { readonly account: string; readonly password: string };
    readonly sasl_mechanism?: string;
    readonly sasl_disconnect_on_fail?: boolean;
    readonly enable_echomessage?: boolean;
    readonly auto_reconnect?: boolean;
    readonly ping_interval?: number;
    readonly ping_timeout?: number;
  }

  interface MessageEvent {
    readonly nick: string;
    readonly target: string;
    readonly message: string;
  }

  export class Client extends EventEmitter {
    constructor(options?: Record<string, unknown>);
    connect(options: ConnectOptions): void;
    say(target: string, message: string): void;
    quit(message?: string): void;
    on(event: 'privmsg', listener: (event: MessageEvent) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
  }
}
