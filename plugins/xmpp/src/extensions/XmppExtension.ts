/**
 * The contract of an XMPP extension: what a profile or a host adds to every session of an
 * account, in the spirit of xmpp.js's `iqCaller`/`iqCallee` and Smack's stanza listeners and IQ
 * handlers. See docs/profile-authoring.md, "Extensions".
 */
import type { SessionExtension } from '@switchboard/core';
import type { XmlElement } from './xmlElement';

/** Which inbound stanzas a handler sees; every field given must match. */
export interface StanzaFilter {
  /** The stanza kind; any when absent. */
  readonly name?: 'message' | 'presence' | 'iq';
  /**
   * The stanza's `type`, with the defaults of RFC 6121 filled in: `normal` for a message
   * without one, `available` for a presence without one.
   */
  readonly type?: string;
  /** The namespace of one of the stanza's child elements (e.g. `urn:xmpp:receipts`). */
  readonly namespace?: string;
}

/** Sees one inbound stanza. What it throws (or rejects with) is reported, never propagated. */
export type StanzaHandler = (stanza: XmlElement) => void | Promise<void>;

/** An IQ request (`get` or `set`) to the account, as an {@link IqHandler} gets it. */
export interface IqRequest {
  /** Who asked (the full JID of a peer, the server's domain, or undefined: the account's server). */
  readonly from: string | undefined;
  /** The request's one child element, e.g. `<time xmlns='urn:xmpp:time'/>`. */
  readonly child: XmlElement;
  /** The whole `<iq/>`. */
  readonly stanza: XmlElement;
}

/**
 * Answers an IQ request: returns the child of the `result` (or `undefined` for an empty one).
 * Throwing {@link stanzaError} sends that error; anything else thrown sends
 * `internal-server-error` and is reported as SB_EXTENSION_FAILED.
 */
export type IqHandler = (
  request: IqRequest,
) => XmlElement | undefined | Promise<XmlElement | undefined>;

/** How {@link XmppExtensionContext.request} addresses and reads one request. */
export interface IqRequestOptions<T> {
  /** The addressee; the account's server when absent. */
  readonly to?: string;
  /**
   * Reads the reply's child element (`undefined` for an empty result) into `T`. What it throws
   * rejects the request (as SB_BAD_RESPONSE unless it is a SwitchboardError).
   */
  readonly parse: (reply: XmlElement | undefined) => T;
  /** How long to wait for the reply; the account's `timeoutMs` when absent. */
  readonly timeoutMs?: number;
}

/** The session, once it is online. */
export interface OnlineInfo {
  /** The account's full JID. */
  readonly address: string;
  /** The stream features the server offered after authentication (a copy). */
  readonly features: XmlElement;
  /** True when the session resumed the previous stream (XEP-0198). */
  readonly resumed: boolean;
}

/**
 * What an extension can do on one session. Everything it registers belongs to the extension and
 * is removed with it (and with the session). Credentials are out of its reach.
 */
export interface XmppExtensionContext {
  /** The account's full JID once bound; undefined while the session is still opening. */
  readonly address: string | undefined;
  /** The stream features offered after authentication (a copy), once online. */
  readonly features: XmlElement | undefined;
  /**
   * Calls `handler` with every inbound stanza `filter` matches, after the library has handled
   * it (handlers observe; they cannot withhold a stanza). Replies to requests are not stanzas
   * handlers see: they settle their request. Returns what removes the handler.
   */
  onStanza(filter: StanzaFilter, handler: StanzaHandler): () => void;
  /**
   * Answers IQ requests of `type` whose child is `<childName xmlns=namespace/>`. Throws
   * SB_EXTENSION_INVALID for a namespace the library answers itself (roster, ping, disco#info)
   * or one another extension answers. Returns what removes the handler.
   */
  answerIq(
    type: 'get' | 'set',
    namespace: string,
    childName: string,
    handler: IqHandler,
  ): () => void;
  /**
   * Sends `<iq type=…>` with `child` and resolves with the reply read by `options.parse`.
   * Rejects with SB_STANZA_ERROR (`details.condition`) for an error reply, SB_TIMEOUT, or
   * SB_CONTENT_INVALID / SB_ADDRESS_INVALID (nothing sent).
   */
  request<T>(type: 'get' | 'set', child: XmlElement, options: IqRequestOptions<T>): Promise<T>;
  /**
   * Sends a `<message/>`, `<presence/>` or `<iq/>` after the checks every stanza passes: XML
   * characters (SB_CONTENT_INVALID) and the account's `maxMessageBytes` (SB_MESSAGE_TOO_LARGE).
   * Stream management (XEP-0198) counts it, and resends it on resumption if unacknowledged.
   */
  send(stanza: XmlElement): Promise<void>;
  /**
   * Calls `listener` once the session is online (at once if it is). What it throws is reported
   * as SB_EXTENSION_FAILED. Returns what removes the listener.
   */
  onOnline(listener: (info: OnlineInfo) => void): () => void;
}

/** An extension of XMPP sessions; build one with {@link defineXmppExtension}. */
export interface XmppExtension extends SessionExtension {
  readonly protocol: 'xmpp';
  readonly name: string;
  /** Service discovery features (XEP-0030) the account announces while it is attached. */
  readonly features?: readonly string[];
  /**
   * Called for each session the extension is attached to, before the session carries stanzas
   * (or at once for a live session); may return what to do when it is detached or the session
   * ends. What it throws fails the attach (SB_EXTENSION_FAILED unless a SwitchboardError).
   */
  attach(context: XmppExtensionContext): undefined | (() => void);
}

/** An {@link XmppExtension} without its `protocol`, which {@link defineXmppExtension} adds. */
export type XmppExtensionDefinition = Omit<XmppExtension, 'protocol'>;

/** Returns `definition` as an XMPP extension, for `Account.use` or a profile's `extensions()`. */
export function defineXmppExtension(definition: XmppExtensionDefinition): XmppExtension {
  return { ...definition, protocol: 'xmpp' };
}
