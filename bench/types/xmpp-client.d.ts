// Minimal declarations for raw @xmpp/client 0.14, the benchmark's baseline (it ships no types).
declare module '@xmpp/client' {
  import { EventEmitter } from 'node:events';

  interface XmppClient extends EventEmitter {
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    reconnect: { stop(): void };
  }
  export function client(options: Record<string, unknown>): XmppClient;
}
