// Minimal declarations for raw @xmpp/client 0.14, the benchmark's baseline (it ships no types).
declare module '@xmpp/client' {
  import { EventEmitter } from 'node:events';

  interface XmlElement {
    readonly name: string;
    readonly attrs: Record<string, string | undefined>;
    is(name: string, xmlns?: string): boolean;
    getChildText(name: string, xmlns?: string): string | null;
  }

  /** What `saslmechanisms` expects of a mechanism class. */
  interface SaslMechanismClass {
    new (): {
      readonly name: string;
      readonly clientFirst: boolean;
      response(credentials: Record<string, unknown>): string;
      challenge(challenge: string): unknown;
    };
    readonly prototype: { readonly name: string };
  }

  interface XmppClient extends EventEmitter {
    readonly jid: { toString(): string } | null;
    readonly reconnect: { stop(): void };
    readonly saslFactory: { use(mechanism: SaslMechanismClass): void };
    /** FAST (XEP-0484): where the client keeps its token; replaced to keep it across clients. */
    readonly fast: {
      fetchToken(): Promise<unknown>;
      saveToken(token: unknown): Promise<void>;
      deleteToken(): Promise<void>;
    };
    readonly iqCaller: { request(iq: XmlElement, timeout?: number): Promise<XmlElement> };
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: XmlElement): Promise<void>;
  }

  export function client(options: Record<string, unknown>): XmppClient;
  export function xml(
    name: string,
    attrs?: Record<string, string>,
    ...children: (XmlElement | string)[]
  ): XmlElement;
}
