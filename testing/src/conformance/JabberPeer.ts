/**
 * The conformance kit's peer: a minimal XMPP client of its own (RFC 6120: STARTTLS, SASL PLAIN,
 * resource binding; RFC 6121: presence, subscriptions, messages) that logs in with a password on
 * the test Prosody. It shares no code with Switchboard, so a profile is checked against an
 * independent implementation, and every stanza it received can be inspected.
 */
import { type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { ConformancePeer, PeerMessage } from './ConformancePeer';
import { attrs, escapeXml, streamHeader as header } from './peerXml';
import { StanzaReader, type XmlElement } from './StanzaReader';

/** How to reach the server and log in. */
export interface JabberPeerOptions {
  readonly host: string;
  readonly port: number;
  /** The peer's virtual host; also the name its certificate is verified against. */
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  /** PEM of the CA that signed the server's certificate. */
  readonly ca: string;
  /** Default `'peer'`. */
  readonly resource?: string;
  /** How long each wait lasts. Default 10,000 ms. */
  readonly timeoutMs?: number;
}

/** Presence the peer sends: broadcast, or directed with `to`. */
export interface PeerPresence {
  readonly to?: string;
  readonly show?: 'away' | 'chat' | 'dnd' | 'xa';
  readonly status?: string;
}

/** A logged-in peer; see {@link JabberPeer.connect}. */
export class JabberPeer implements ConformancePeer {
  #address = '';
  /** Every stanza received since login, in order. */
  readonly received: XmlElement[] = [];
  readonly #timeoutMs: number;
  readonly #reader = new StanzaReader();
  readonly #pending: XmlElement[] = [];
  readonly #waiters = new Set<() => void>();
  #socket: Socket | TLSSocket;
  #closed = false;

  private constructor(socket: Socket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    this.#listen(socket);
  }

  /** Connects, secures the stream, authenticates with PLAIN, binds, and sends presence. */
  static async connect(options: JabberPeerOptions): Promise<JabberPeer> {
    const socket = tcpConnect({ host: options.host, port: options.port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const peer = new JabberPeer(socket, options.timeoutMs ?? 10_000);
    try {
      await peer.#login(options);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    return peer;
  }

  /** The full address the server bound, e.g. `peer@peer.test/peer`. */
  get address(): string {
    return this.#address;
  }

  /** The first message received with exactly `body`: its `from` (full JID) and `type`. */
  async waitForMessage(body: string): Promise<PeerMessage> {
    const stanza = await this.waitFor(
      (s) => s.name === 'message' && s.children.some((c) => c.name === 'body' && c.text === body),
      `message "${body}" from the account`,
    );
    return { from: stanza.attrs.from ?? '', type: stanza.attrs.type ?? 'normal' };
  }

  /** Sends a message. */
  sendMessage(to: string, body: string, type = 'chat'): void {
    const id = `peer-${Math.random().toString(36).slice(2)}`;
    this.#write(`<message${attrs({ to, type, id })}><body>${escapeXml(body)}</body></message>`);
  }

  /**
   * Sends a chat state notification (XEP-0085) without a body; with `delayedFrom`, stamped as
   * sent then (XEP-0203), as a server delivers one it stored.
   */
  sendChatState(
    to: string,
    state: 'active' | 'composing' | 'paused' | 'inactive' | 'gone',
    delayedFrom?: Date,
  ): void {
    const delay =
      delayedFrom === undefined
        ? ''
        : `<delay xmlns='urn:xmpp:delay'${attrs({ stamp: delayedFrom.toISOString() })}/>`;
    this.#write(
      `<message${attrs({ to, type: 'chat' })}><${state} xmlns='http://jabber.org/protocol/chatstates'/>${delay}</message>`,
    );
  }

  /** Sends `xml` as it is (a stanza the other methods do not build). */
  sendRaw(xml: string): void {
    this.#write(xml);
  }

  /** Sends available presence, with `show` and `status` if given. */
  sendPresence(presence: PeerPresence = {}): void {
    const show = presence.show === undefined ? '' : `<show>${presence.show}</show>`;
    const status =
      presence.status === undefined ? '' : `<status>${escapeXml(presence.status)}</status>`;
    this.#write(`<presence${attrs({ to: presence.to })}>${show}${status}</presence>`);
  }

  /** Joins a multi-user chat room (XEP-0045 §7.2) as `nick`. */
  joinRoom(room: string, nick: string): void {
    this.#write(
      `<presence${attrs({ to: `${room}/${nick}` })}><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
  }

  /** Sends a subscription request or answer (`subscribe`, `subscribed`, ...). */
  sendSubscription(to: string, type: 'subscribe' | 'subscribed'): void {
    this.#write(`<presence${attrs({ to, type })}/>`);
  }

  /**
   * The first stanza received so far or from now on that `match` accepts; rejects after the
   * timeout, naming `what` and listing what did arrive.
   */
  async waitFor(match: (stanza: XmlElement) => boolean, what: string): Promise<XmlElement> {
    const deadline = Date.now() + this.#timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline || this.#closed) {
        const names = this.received.map((s) => `${s.name}(${s.attrs.from ?? ''})`).join(', ');
        throw new Error(`The peer got no ${what}; it received: ${names || 'nothing'}.`);
      }
      await this.#next(deadline);
    }
  }

  /** Says goodbye, waits (briefly) for the server to close its stream, and closes the socket. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#write("<presence type='unavailable'/></stream:stream>");
    const deadline = Date.now() + 1_000;
    while (!this.#reader.ended && !this.#closed && Date.now() < deadline)
      await this.#next(deadline);
    this.#socket.destroy();
    this.#closed = true;
  }

  async #login(o: JabberPeerOptions): Promise<void> {
    this.#write(header(o.domain));
    await this.#element('stream:features');
    this.#write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.#element('proceed');
    this.#socket.removeAllListeners('data');
    const tls = tlsConnect({ socket: this.#socket as Socket, servername: o.domain, ca: o.ca });
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve);
      tls.once('error', reject);
    });
    this.#socket = tls;
    this.#listen(tls);
    await this.#restart(o.domain);
    const plain = Buffer.from(`\0${o.username}\0${o.password}`).toString('base64');
    this.#write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
    const answer = await this.#element('success', 'failure');
    if (answer.name !== 'success') throw new Error(`The peer ${o.username} could not log in.`);
    await this.#restart(o.domain);
    const resource = escapeXml(o.resource ?? 'peer');
    this.#write(
      `<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`,
    );
    const bound = await this.#element('iq');
    const jid = bound.children[0]?.children.find((c) => c.name === 'jid')?.text;
    if (bound.attrs.type !== 'result' || jid === undefined) {
      throw new Error(`The peer ${o.username} could not bind a resource.`);
    }
    this.#address = jid;
    this.#write('<presence/>');
  }

  async #restart(domain: string): Promise<void> {
    this.#reader.reset();
    this.#pending.length = 0;
    this.#write(header(domain));
    await this.#element('stream:features');
  }

  /** The next element during login (nothing else arrives then), if its name is one of `names`. */
  async #element(...names: string[]): Promise<XmlElement> {
    const deadline = Date.now() + this.#timeoutMs;
    for (;;) {
      const next = this.#pending.shift();
      if (next !== undefined) {
        if (names.includes(next.name)) return next;
        throw new Error(`The peer expected ${names.join(' or ')} during login, got ${next.name}.`);
      }
      if (Date.now() > deadline || this.#closed) {
        throw new Error(`The peer got no ${names.join(' or ')} during login.`);
      }
      await this.#next(deadline);
    }
  }

  #listen(socket: Socket | TLSSocket): void {
    socket.on('data', (data: Buffer) => {
      for (const element of this.#reader.feed(data.toString('utf8'))) this.#receive(element);
      this.#wake();
    });
    socket.on('close', () => {
      if (socket === this.#socket) this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  #receive(element: XmlElement): void {
    if (this.#address === '') {
      this.#pending.push(element);
      return;
    }
    this.received.push(element);
    const { type, id, from } = element.attrs;
    if (element.name === 'iq' && (type === 'get' || type === 'set')) {
      // A roster push is acknowledged; any other request is answered as not supported.
      const ok = element.children[0]?.attrs.xmlns === 'jabber:iq:roster';
      const error =
        "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>";
      this.#write(
        `<iq${attrs({ type: ok ? 'result' : 'error', id, to: from })}>${ok ? '' : error}</iq>`,
      );
    }
  }

  #write(text: string): void {
    if (!this.#closed) this.#socket.write(text);
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
  }

  #next(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()) + 1);
      this.#waiters.add(done);
    });
  }
}
