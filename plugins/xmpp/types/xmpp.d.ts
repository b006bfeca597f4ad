// Minimal declarations for the xmpp.js 0.14 parts @switchboard/xmpp uses (xmpp.js ships none).

declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    append(...children: Array<Element | string>): this;
    toString(): string;
  }
  export type Node = Element | string | null | undefined | false;
  interface XmlFactory {
    (
      name: string,
      attrs?: Record<string, string | undefined> | null,
      ...children: Array<Node | Node[]>
    ): Element;
    Element: typeof Element;
  }
  export class Parser {
    write(data: string): void;
    end(data?: string): void;
    on(event: string, listener: (...args: never[]) => void): this;
  }
  const xml: XmlFactory;
  export default xml;
}

declare module '@xmpp/jid' {
  export class JID {
    constructor(local: string | undefined, domain: string, resource?: string);
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
    equals(other: JID): boolean;
  }
  function jid(address: string): JID;
  export default jid;
}

declare module '@xmpp/events' {
  import { EventEmitter as NodeEmitter } from 'node:events';
  export class EventEmitter extends NodeEmitter {}
  export function promise<T = unknown>(
    target: NodeEmitter,
    event: string,
    rejectEvent?: string | null,
    timeout?: number,
  ): Promise<T>;
  export class TimeoutError extends Error {}
}

declare module '@xmpp/connection' {
  import { EventEmitter } from '@xmpp/events';
  import type { JID } from '@xmpp/jid';
  import type { Element } from '@xmpp/xml';
  export interface ConnectionSocket extends NodeJS.EventEmitter {
    secure?: boolean;
    connect(...args: unknown[]): void;
    write(data: string, callback?: (err?: Error | null) => void): void;
    end(): void;
    destroy?(): void;
  }
  export default class Connection extends EventEmitter {
    constructor(options?: Record<string, unknown>);
    jid: JID | null;
    status: string;
    timeout: number;
    options: { domain?: string; service?: string; lang?: string; timeout?: number };
    socket: ConnectionSocket | null;
    root: Element | null;
    isSecure(): boolean;
    send(element: Element): Promise<void>;
    write(data: string): Promise<void>;
    start(): Promise<JID>;
    stop(): Promise<unknown>;
    disconnect(): Promise<unknown>;
    restart(): Promise<unknown>;
    socketParameters(service: string): Record<string, unknown> | undefined;
    _attachSocket(socket: ConnectionSocket): void;
    _detachSocket(): void;
    _jid(address: string): JID;
    _ready(resumed?: boolean): void;
    /** Runs `handler` (awaited) before the stream is closed on request. */
    hook(event: 'close', handler: () => Promise<void> | void): void;
  }
}

declare module '@xmpp/connection-tcp' {
  import Connection from '@xmpp/connection';
  export default class ConnectionTCP extends Connection {
    Socket: new () => unknown;
    NS: string;
  }
}

declare module '@xmpp/client-core' {
  import Connection from '@xmpp/connection';
  export class Client extends Connection {
    transports: Array<new (...args: never[]) => unknown>;
  }
  export { default as jid } from '@xmpp/jid';
  export { default as xml } from '@xmpp/xml';
}

declare module '@xmpp/middleware' {
  import type { Client } from '@xmpp/client-core';
  import type { JID } from '@xmpp/jid';
  import type { Element } from '@xmpp/xml';
  export interface Context {
    stanza: Element;
    entity: Client;
    name: string;
    id: string;
    type: string;
    from: JID | null;
    to: JID | null;
  }
  export type Next = () => Promise<unknown>;
  export type Handler = (ctx: Context, next: Next) => unknown;
  export interface Middleware {
    use(fn: Handler): Handler;
    filter(fn: Handler): Handler;
  }
  export default function middleware(deps: { entity: Client }): Middleware;
}

declare module '@xmpp/stream-features' {
  import type { Context, Middleware, Next } from '@xmpp/middleware';
  import type { Element } from '@xmpp/xml';
  export interface StreamFeatures {
    use(
      name: string,
      xmlns: string,
      handler: (ctx: Context, next: Next, feature: Element) => unknown,
    ): void;
  }
  export default function streamFeatures(deps: { middleware: Middleware }): StreamFeatures;
}

declare module '@xmpp/iq/callee.js' {
  import type { Client } from '@xmpp/client-core';
  import type { Context, Middleware } from '@xmpp/middleware';
  import type { Element } from '@xmpp/xml';
  export interface IqCallee {
    get(
      ns: string,
      name: string,
      handler: (ctx: Context) => Element | object | Promise<Element | object>,
    ): void;
    set(
      ns: string,
      name: string,
      handler: (ctx: Context) => Element | object | Promise<Element | object>,
    ): void;
  }
  export default function iqCallee(deps: { entity: Client; middleware: Middleware }): IqCallee;
}
