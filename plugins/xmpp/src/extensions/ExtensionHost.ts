/**
 * The extensions of one XMPP session: attaches them, routes inbound stanzas to their handlers
 * and IQ requests (RFC 6120 §8.2.3) to their answers, and answers service discovery
 * (XEP-0030) with the library's features and theirs. One per connection, installed after
 * xmpp.js's IQ callee (which turns what is returned here into the reply, and answers
 * service-unavailable to a request nobody answers) and after the library's own routing.
 */
import { type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Middleware } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import type { HardenedClient } from '../connection/HardenedClient';
import type { IqClient } from '../connection/IqClient';
import { checkStanza } from '../im/checkStanza';
import { NS_DISCO_INFO } from '../im/disco';
import { discoInfoResult } from './discoInfo';
import { ExtensionScope, type IqEntry, iqKey, type Observer } from './ExtensionScope';
import { extensionFailed, extensionInvalid } from './extensionErrors';
import { errorElement } from './stanzaError';
import type { OnlineInfo, XmppExtension } from './XmppExtension';
import { copyElement } from './xmlElement';

const STANZAS: ReadonlySet<string> = new Set(['message', 'presence', 'iq']);
const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** What the host needs of its session. */
export interface ExtensionHostParts {
  readonly entity: HardenedClient;
  readonly middleware: Middleware;
  readonly iq: IqClient;
  readonly sink: Pick<SessionSink, 'extensionFailed'>;
  readonly where: { host: string; port: number };
  readonly timeoutMs: number;
  /** The largest stanza an extension may send, in bytes. */
  readonly maxBytes: number;
}

interface Attached {
  readonly scope: ExtensionScope;
  detach: () => void;
}

/** Attaches extensions to one session and runs what they registered. */
export class ExtensionHost {
  readonly parts: ExtensionHostParts;
  readonly answers = new Map<string, IqEntry>();
  readonly observers = new Set<Observer>();
  readonly #attached = new Map<XmppExtension, Attached>();
  #features: Element | undefined;
  #online: OnlineInfo | undefined;
  #closed = false;

  constructor(parts: ExtensionHostParts) {
    this.parts = parts;
    const { entity, middleware } = parts;
    entity.on('element', (element: Element) => {
      if (element.is('features', NS_STREAMS)) this.#features = element;
    });
    entity.on('disconnect', () => this.#close());
    middleware.use((ctx, next) => {
      const { stanza } = ctx;
      if (!STANZAS.has(stanza.name) || this.#closed) return next();
      this.#observe(stanza);
      const type = stanza.attrs.type;
      const children = stanza.getChildElements();
      const child = children[0];
      // xmpp.js answered bad-request already to an IQ without exactly one child.
      if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set') || children.length !== 1) {
        return next();
      }
      if (child === undefined) return next();
      if (type === 'get' && child.is('query', NS_DISCO_INFO)) return this.#discoInfo(child);
      const entry = this.answers.get(iqKey(type, child.getNS() ?? '', child.name));
      return entry === undefined ? next() : this.#answer(entry, stanza, child);
    });
  }

  /** True once the connection has closed; nothing attaches any more. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The session once online, for the contexts. */
  get online(): OnlineInfo | undefined {
    return this.#online;
  }

  /**
   * Attaches `extension` and returns what detaches it; the same extension attached again gets
   * the same function. On a closed session, nothing happens. Throws SB_EXTENSION_INVALID for a
   * second extension of the same name, or what `attach` threw (SB_EXTENSION_FAILED unless coded).
   */
  attach(extension: XmppExtension): () => void {
    const existing = this.#attached.get(extension);
    if (existing !== undefined) return existing.detach;
    if (this.#closed) return () => undefined;
    if ([...this.#attached.keys()].some((e) => e.name === extension.name)) {
      throw extensionInvalid(
        extension.name,
        'duplicate',
        `An extension named ${extension.name} is attached to this session already.`,
      );
    }
    const scope = new ExtensionScope(this, extension.name);
    const entry: Attached = { scope, detach: () => undefined };
    this.#attached.set(extension, entry);
    let cleanup: unknown;
    try {
      cleanup = extension.attach(scope.context);
    } catch (error) {
      this.#attached.delete(extension);
      scope.dispose();
      throw SwitchboardError.is(error)
        ? error
        : extensionFailed(extension.name, 'attaching', error);
    }
    let detached = false;
    entry.detach = () => {
      if (detached) return;
      detached = true;
      this.#attached.delete(extension);
      scope.dispose();
      if (typeof cleanup !== 'function') return;
      try {
        cleanup();
      } catch (error) {
        this.report(extensionFailed(extension.name, 'detaching', error));
      }
    };
    if (this.#online !== undefined) scope.wentOnline(this.#online);
    return entry.detach;
  }

  /** Attaches each of `extensions` in order; on a failure, detaches those attached and throws. */
  attachAll(extensions: readonly XmppExtension[]): void {
    const done: Array<() => void> = [];
    try {
      for (const extension of extensions) done.push(this.attach(extension));
    } catch (error) {
      for (const detach of done) detach();
      throw error;
    }
  }

  /** The session is online: tell the extensions. */
  wentOnline(resumed: boolean): void {
    const { entity } = this.parts;
    const features = copyElement(this.#features ?? xml('stream:features'));
    // Detached from the stream header that declared its prefix.
    features.attrs['xmlns:stream'] = NS_STREAMS;
    this.#online = { address: entity.jid?.toString() ?? '', features, resumed };
    // One tree per session is enough: the copy is the one extensions see from now on.
    this.#features = undefined;
    for (const { scope } of [...this.#attached.values()]) scope.wentOnline(this.#online);
  }

  /** Reports an extension's failure to the account; never throws. */
  report(error: SwitchboardError): void {
    try {
      this.parts.sink.extensionFailed?.(error);
    } catch {
      // The host's listener threw: nothing more to do here.
    }
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { detach } of [...this.#attached.values()]) detach();
  }

  #observe(stanza: Element): void {
    for (const observer of [...this.observers]) observer.see(stanza);
  }

  #discoInfo(query: Element): Element {
    const features = [...this.#attached.keys()].flatMap((e) => e.features ?? []);
    try {
      return discoInfoResult(query, features);
    } catch (error) {
      return errorElement(error) ?? internalError();
    }
  }

  /** The reply child (or `true` for an empty result), or an `<error/>`; never rejects. */
  async #answer(entry: IqEntry, stanza: Element, child: Element): Promise<Element | true> {
    try {
      const reply = await entry.handler({ from: stanza.attrs.from, child, stanza });
      if (reply === undefined) return true;
      const copy = copyElement(reply, 'reply');
      if (copy.name === 'error') {
        throw new SwitchboardError('SB_CONTENT_INVALID', 'An IQ answer returned <error/>.', {
          details: { field: 'reply', reason: 'error-element' },
        });
      }
      checkStanza(copy);
      return copy;
    } catch (error) {
      const element = errorElement(error);
      if (element !== undefined && sendable(element)) return element;
      this.report(extensionFailed(entry.extension, `answering ${entry.describe}`, error));
      return internalError();
    }
  }
}

function sendable(element: Element): boolean {
  try {
    checkStanza(element);
    return true;
  } catch {
    return false;
  }
}

function internalError(): Element {
  return xml('error', { type: 'cancel' }, xml('internal-server-error', { xmlns: NS_STANZAS }));
}
