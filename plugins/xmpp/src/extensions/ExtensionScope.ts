/**
 * What one extension registered on one session, and the context it does it through: removed
 * together when the extension is detached or the session ends.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { toSwitchboardError } from '../connection/toSwitchboardError';
import { checkJid } from '../im/checkJid';
import { checkStanza } from '../im/checkStanza';
import { NS_DISCO_INFO, NS_PING } from '../im/disco';
import { NS_ROSTER } from '../im/roster';
import { checkOutbound, checkSize } from './checkOutbound';
import type { ExtensionHost } from './ExtensionHost';
import { extensionFailed, extensionInvalid } from './extensionErrors';
import type {
  IqHandler,
  IqRequestOptions,
  OnlineInfo,
  StanzaFilter,
  StanzaHandler,
  XmppExtensionContext,
} from './XmppExtension';
import { copyElement, type XmlElement } from './xmlElement';

/** IQ namespaces the library answers itself; extensions cannot take them over. */
const OWNED: ReadonlySet<string> = new Set([NS_ROSTER, NS_PING, NS_DISCO_INFO]);

/** An extension's answer to one kind of IQ request. */
export interface IqEntry {
  readonly extension: string;
  /** e.g. `IQ get urn:xmpp:time time`. */
  readonly describe: string;
  readonly handler: IqHandler;
}

/** An extension's stanza handler. */
export interface Observer {
  see(stanza: Element): void;
}

/** The key of an IQ answer in the host's table. */
export function iqKey(type: string, namespace: string, name: string): string {
  return `${type} ${namespace} ${name}`;
}

/** Default stanza types (RFC 6121 §5.2.2, §4.7.1). */
function typeOf(stanza: Element): string | undefined {
  const type = stanza.attrs.type;
  if (type !== undefined) return type;
  if (stanza.name === 'message') return 'normal';
  return stanza.name === 'presence' ? 'available' : undefined;
}

function matches(filter: StanzaFilter, stanza: Element): boolean {
  if (filter.name !== undefined && stanza.name !== filter.name) return false;
  if (filter.type !== undefined && typeOf(stanza) !== filter.type) return false;
  const ns = filter.namespace;
  return ns === undefined || stanza.getChildElements().some((c) => c.getNS() === ns);
}

/** One extension on one session. */
export class ExtensionScope {
  readonly context: XmppExtensionContext;
  readonly #host: ExtensionHost;
  readonly #name: string;
  readonly #removers = new Set<() => void>();
  #waiting: Array<(info: OnlineInfo) => void> = [];
  #disposed = false;

  constructor(host: ExtensionHost, name: string) {
    this.#host = host;
    this.#name = name;
    this.context = {
      get address() {
        return host.parts.entity.jid?.toString();
      },
      get features() {
        return host.online?.features;
      },
      onStanza: (filter, handler) => this.#onStanza(filter, handler),
      answerIq: (type, namespace, childName, handler) =>
        this.#answerIq(type, namespace, childName, handler),
      request: (type, child, options) => this.#request(type, child, options),
      send: (stanza) => this.#send(stanza),
      onOnline: (listener) => this.#onOnline(listener),
    };
  }

  /** Removes everything the extension registered; its context refuses further use. */
  dispose(): void {
    this.#disposed = true;
    for (const remove of [...this.#removers]) remove();
    this.#waiting = [];
  }

  /** Calls the extension's online listeners. */
  wentOnline(info: OnlineInfo): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const listener of waiting) this.#call(() => listener(info), 'going online');
  }

  #live(what: string): void {
    if (this.#disposed) {
      throw extensionInvalid(
        this.#name,
        'removed',
        `The extension ${this.#name} was detached from this session; it cannot ${what} any more.`,
      );
    }
  }

  #remover(remove: () => void): () => void {
    const once = (): void => {
      if (!this.#removers.delete(once)) return;
      remove();
    };
    this.#removers.add(once);
    return once;
  }

  #call(run: () => unknown, doing: string): void {
    try {
      const result = run();
      if (result instanceof Promise) {
        result.catch((error: unknown) =>
          this.#host.report(extensionFailed(this.#name, doing, error)),
        );
      }
    } catch (error) {
      this.#host.report(extensionFailed(this.#name, doing, error));
    }
  }

  #onStanza(filter: StanzaFilter, handler: StanzaHandler): () => void {
    this.#live('handle stanzas');
    const doing = `handling a <${filter.name ?? 'stanza'}/>`;
    const observer: Observer = {
      see: (stanza) => {
        if (matches(filter, stanza)) this.#call(() => handler(stanza), doing);
      },
    };
    this.#host.observers.add(observer);
    return this.#remover(() => this.#host.observers.delete(observer));
  }

  #answerIq(type: 'get' | 'set', namespace: string, name: string, handler: IqHandler): () => void {
    this.#live('answer requests');
    const describe = `IQ ${type} ${namespace} ${name}`;
    if (type !== 'get' && type !== 'set') {
      throw extensionInvalid(
        this.#name,
        'iq-type',
        `An IQ request is a get or a set, not ${String(type)}.`,
      );
    }
    if (OWNED.has(namespace)) {
      throw extensionInvalid(
        this.#name,
        'owned',
        `The library answers ${namespace} itself; the extension ${this.#name} cannot answer it.`,
        { namespace },
      );
    }
    const key = iqKey(type, namespace, name);
    const taken = this.#host.answers.get(key);
    if (taken !== undefined) {
      throw extensionInvalid(
        this.#name,
        'taken',
        `The extension ${taken.extension} answers ${describe} already.`,
        { namespace, other: taken.extension },
      );
    }
    const entry: IqEntry = { extension: this.#name, describe, handler };
    this.#host.answers.set(key, entry);
    return this.#remover(() => {
      if (this.#host.answers.get(key) === entry) this.#host.answers.delete(key);
    });
  }

  #onOnline(listener: (info: OnlineInfo) => void): () => void {
    this.#live('wait to be online');
    const online = this.#host.online;
    if (online !== undefined) {
      this.#call(() => listener(online), 'going online');
      return () => undefined;
    }
    this.#waiting.push(listener);
    return this.#remover(() => {
      this.#waiting = this.#waiting.filter((l) => l !== listener);
    });
  }

  /** SB_ACCOUNT_STATE before the session is online, SB_CONNECTION_CLOSED after it ended. */
  #requireOnline(what: string): void {
    this.#live(what);
    const { where } = this.#host.parts;
    if (this.#host.closed) {
      throw new SwitchboardError(
        'SB_CONNECTION_CLOSED',
        `The connection to ${where.host}:${where.port} is closed; nothing was sent.`,
      );
    }
    if (this.#host.online === undefined) {
      throw new SwitchboardError(
        'SB_ACCOUNT_STATE',
        `The session is not online yet; ${what} from onOnline().`,
        { details: { extension: this.#name } },
      );
    }
  }

  async #send(stanza: XmlElement): Promise<void> {
    this.#requireOnline('send');
    const { entity, where, maxBytes } = this.#host.parts;
    const element = copyElement(stanza, 'stanza');
    checkOutbound(element, maxBytes);
    try {
      await entity.send(element);
    } catch (error) {
      throw toSwitchboardError(error, where);
    }
  }

  async #request<T>(
    type: 'get' | 'set',
    child: XmlElement,
    options: IqRequestOptions<T>,
  ): Promise<T> {
    this.#requireOnline('send requests');
    const { iq, where, maxBytes, timeoutMs } = this.#host.parts;
    if (type !== 'get' && type !== 'set') {
      throw extensionInvalid(
        this.#name,
        'iq-type',
        `An IQ request is a get or a set, not ${String(type)}.`,
      );
    }
    if (options.to !== undefined) checkJid(options.to, 'to');
    const element = copyElement(child, 'child');
    checkStanza(element);
    checkSize(element, maxBytes);
    let reply: Element | undefined;
    try {
      reply = await iq.request(type, element, options.to, options.timeoutMs ?? timeoutMs);
    } catch (error) {
      throw toSwitchboardError(error, where);
    }
    try {
      return options.parse(reply);
    } catch (error) {
      if (SwitchboardError.is(error)) throw error;
      throw new SwitchboardError(
        'SB_BAD_RESPONSE',
        `The reply to the ${element.name} request could not be read by the extension ${this.#name}.`,
        { cause: error, details: { extension: this.#name, element: element.name } },
      );
    }
  }
}
