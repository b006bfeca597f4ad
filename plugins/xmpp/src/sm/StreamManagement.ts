/**
 * Stream management (XEP-0198) on the client side: counts stanzas both ways, answers and
 * requests acknowledgements, keeps every outbound stanza until the server acknowledged it,
 * and resumes a lost stream when the server allows it.
 */
import type { Client } from '@xmpp/client-core';
import type { Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { nextNonza } from '../connection/nextNonza';
import type { ResumableStream, Unacked, XmppContinuation } from './XmppContinuation';

export const NS_SM = 'urn:xmpp:sm:3';

/** After sending, wait this long for more stanzas before asking for one acknowledgement. */
const ACK_REQUEST_DELAY_MS = 100;

const STANZAS = new Set(['message', 'presence', 'iq']);
const SUBSCRIPTION_TYPES = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** Stanzas worth sending again on a fresh stream: messages and subscription changes. */
function worthResending({ stanza }: Unacked): boolean {
  if (stanza.name === 'message') return true;
  return stanza.name === 'presence' && SUBSCRIPTION_TYPES.has(stanza.attrs.type ?? '');
}

export interface StreamManagementOptions {
  readonly entity: Client;
  readonly middleware: Middleware;
  readonly streamFeatures: StreamFeatures;
  /** What the account's lost session left, if anything. */
  readonly previous: XmppContinuation | undefined;
  readonly timeoutMs: number;
}

/**
 * One per connection. Construct it before any other middleware so it counts every inbound
 * stanza, and before resource binding so it can resume instead of binding.
 */
export class StreamManagement {
  readonly #entity: Client;
  readonly #previous: XmppContinuation | undefined;
  readonly #timeoutMs: number;
  #negotiation: Promise<void> | undefined;
  #counting = false;
  #enabled = false;
  #stream: { id: string; resumable: boolean } | undefined;
  #inbound = 0;
  #acked = 0;
  #queue: Unacked[] = [];
  #resumed = false;
  #pending: Unacked[] = [];
  #ackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor({
    entity,
    middleware,
    streamFeatures,
    previous,
    timeoutMs,
  }: StreamManagementOptions) {
    this.#entity = entity;
    this.#previous = previous;
    this.#timeoutMs = timeoutMs;
    this.#pending = [...(previous?.unacked ?? [])];
    middleware.use((ctx, next) => {
      this.#inboundElement(ctx.stanza);
      return next();
    });
    middleware.filter((ctx, next) => {
      this.#outboundElement(ctx.stanza);
      return next();
    });
    streamFeatures.use('sm', NS_SM, (_ctx, next) => {
      this.#negotiation = this.#negotiate(next);
      return this.#negotiation;
    });
    // XEP-0198 §4: tell the server what we handled right before closing on purpose.
    entity.hook('close', async () => {
      if (this.#enabled) await this.#sendAck();
    });
    entity.on('disconnect', () => clearTimeout(this.#ackTimer));
  }

  /** True when this connection resumed the previous stream. */
  get resumed(): boolean {
    return this.#resumed;
  }

  /** True when the server acknowledges stanzas on this stream. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Outbound stanzas not acknowledged yet. */
  get unacknowledged(): number {
    return this.#queue.length;
  }

  /**
   * Resolves once enabling or resuming has finished (at once if the server does not offer it).
   * Logins wait for `<enabled/>`: one more round trip, but a connection lost right after login
   * can then still be resumed.
   */
  async settled(): Promise<void> {
    await this.#negotiation;
  }

  /**
   * Sends again what the previous session left unacknowledged: after a resumption, everything
   * the server did not handle; on a fresh stream, the messages and subscription changes (IQ
   * requests were answered with errors when the session was lost). Messages get a XEP-0203
   * delay stamp with the time they were first sent.
   */
  async resendPrevious(): Promise<number> {
    const items = this.#resumed ? this.#pending : this.#pending.filter(worthResending);
    this.#pending = [];
    const own = this.#entity.jid?.bare().toString();
    for (const item of items) {
      await this.#entity.send(stamped(item, own));
    }
    return items.length;
  }

  /** What the next session needs; call once the connection has closed. */
  continuation(seen: readonly string[]): XmppContinuation {
    const jid = this.#entity.jid?.toString();
    // Stanzas of an older stream still waiting to be resent would not fit this stream's counts.
    const stream: ResumableStream | undefined =
      this.#stream?.resumable === true && jid !== undefined && this.#pending.length === 0
        ? { id: this.#stream.id, inbound: this.#inbound, acked: this.#acked, jid }
        : undefined;
    return {
      protocol: 'xmpp',
      stream,
      // Stanzas never handed to this connection come first: they were sent before these.
      unacked: [...this.#pending, ...this.#queue],
      seen,
    };
  }

  async #negotiate(next: () => Promise<unknown>): Promise<void> {
    const previous = this.#previous?.stream;
    if (previous !== undefined && (await this.#resume(previous))) return;
    await next();
    const answer = nextNonza(this.#entity, NS_SM, this.#timeoutMs, 'enabling stream management');
    try {
      await this.#entity.send(xml('enable', { xmlns: NS_SM, resume: 'true' }));
      await answer;
    } catch {
      // The stream works without stream management; nothing is kept for resending then.
      answer.catch(() => undefined);
    }
  }

  async #resume(previous: ResumableStream): Promise<boolean> {
    const answer = nextNonza(this.#entity, NS_SM, this.#timeoutMs, 'stream resumption');
    try {
      await this.#entity.send(
        xml('resume', { xmlns: NS_SM, h: String(previous.inbound), previd: previous.id }),
      );
      const element = await answer;
      if (!element.is('resumed', NS_SM)) return false;
      this.#entity._jid(previous.jid);
      // _ready(false) announces 'online', which the caller awaits; the stream itself continues.
      this.#entity._ready(false);
      return true;
    } catch {
      answer.catch(() => undefined);
      return false;
    }
  }

  #inboundElement(element: Element): void {
    if (STANZAS.has(element.name)) {
      if (this.#enabled) this.#inbound += 1;
      return;
    }
    if (element.getNS() !== NS_SM) return;
    switch (element.name) {
      case 'enabled':
        this.#enabled = true;
        this.#inbound = 0;
        this.#stream = {
          id: element.attrs.id ?? '',
          resumable: element.attrs.resume === 'true' || element.attrs.resume === '1',
        };
        break;
      case 'resumed': {
        const previous = this.#previous?.stream;
        if (previous === undefined) return;
        this.#enabled = true;
        this.#counting = true;
        this.#resumed = true;
        this.#stream = { id: previous.id, resumable: true };
        this.#inbound = previous.inbound;
        this.#acked = previous.acked;
        const handled = Math.max(0, Number(element.attrs.h) - previous.acked) || 0;
        this.#pending = this.#pending.slice(handled);
        this.#acked += handled;
        break;
      }
      case 'failed': {
        // XEP-0198 §5: a refused resumption may still say how much of the old stream arrived.
        const previous = this.#previous?.stream;
        const h = Number(element.attrs.h);
        if (previous === undefined || this.#resumed || !Number.isSafeInteger(h)) return;
        this.#pending = this.#pending.slice(Math.max(0, h - previous.acked));
        break;
      }
      case 'r':
        void this.#sendAck();
        break;
      case 'a':
        this.#acknowledge(Number(element.attrs.h));
        break;
      default:
    }
  }

  #outboundElement(element: Element): void {
    if (element.is('enable', NS_SM)) {
      // XEP-0198 §4: the count of our own stanzas starts when <enable/> is sent.
      this.#counting = true;
      this.#acked = 0;
      this.#queue = [];
      return;
    }
    if (!this.#counting || !STANZAS.has(element.name)) return;
    this.#queue.push({ stanza: element, sentAt: new Date() });
    this.#ackTimer ??= setTimeout(() => {
      this.#ackTimer = undefined;
      this.#entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
    }, ACK_REQUEST_DELAY_MS);
  }

  /** The server handled `h` stanzas in total: forget those. A wrong `h` is ignored. */
  #acknowledge(h: number): void {
    if (!Number.isSafeInteger(h)) return;
    const newly = h - this.#acked;
    if (newly <= 0 || newly > this.#queue.length) return;
    this.#queue.splice(0, newly);
    this.#acked = h;
  }

  async #sendAck(): Promise<void> {
    await this.#entity
      .send(xml('a', { xmlns: NS_SM, h: String(this.#inbound) }))
      .catch(() => undefined);
  }
}

/** A message to send again, with a delay stamp saying when it was first sent. */
function stamped({ stanza, sentAt }: Unacked, from: string | undefined): Element {
  if (stanza.name !== 'message' || stanza.getChild('delay', 'urn:xmpp:delay') !== undefined) {
    return stanza;
  }
  const delay = xml('delay', {
    xmlns: 'urn:xmpp:delay',
    stamp: sentAt.toISOString(),
    ...(from === undefined ? {} : { from }),
  });
  return xml(stanza.name, { ...stanza.attrs }, ...stanza.children, delay);
}
