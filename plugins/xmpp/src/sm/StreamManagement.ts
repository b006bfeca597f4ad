/**
 * Stream management (XEP-0198) on the client side: counts stanzas both ways, answers and
 * requests acknowledgements, keeps every outbound stanza until the server acknowledged it and
 * says which ones it acknowledged, and resumes a lost stream when the server allows it.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { streamCondition } from '../connection/blamesStanza';
import { nextNonza } from '../connection/nextNonza';
import { AckRequests } from './AckRequests';
import { AckWaiters } from './AckWaiters';
import { inlineAnswers } from './inlineAnswers';
import type { HandledListener, StreamManagementOptions } from './StreamManagementOptions';
import { worthResending } from './worthResending';
import type { ResumableStream, Unacked, XmppContinuation } from './XmppContinuation';

export const NS_SM = 'urn:xmpp:sm:3';

/** How long a requested close waits for the server to acknowledge what is outstanding. */
const CLOSE_ACK_WAIT_MS = 2_000;

const STANZAS = new Set(['message', 'presence', 'iq']);

/**
 * One per connection. Construct it before any other middleware so it counts every inbound
 * stanza, and before resource binding so it can resume instead of binding.
 */
export class StreamManagement {
  readonly #entity: Client;
  readonly #previous: XmppContinuation | undefined;
  readonly #timeoutMs: number;
  readonly #onHandled: HandledListener;
  readonly #requests: AckRequests;
  readonly #waiters = new AckWaiters();
  /** Outbound stanzas being resent, to keep their original send time and suspicion. */
  readonly #resending = new WeakMap<Element, Unacked>();
  /** Stanzas this connection counted (acknowledged or not). */
  readonly #held = new WeakSet<Element>();
  #negotiation: Promise<void> | undefined;
  #counting = false;
  #enabled = false;
  #stream: { id: string; resumable: boolean } | undefined;
  #inbound = 0;
  #acked = 0;
  /** Sent on this stream and counted, not acknowledged yet, oldest first. */
  #queue: Unacked[] = [];
  /** Left by earlier sessions, not (re)sent on this stream yet, oldest first. */
  #pending: Unacked[];
  #resumed = false;
  #resuming = false;
  /** `<enable/>` was sent and not answered yet. */
  #enabling = false;
  /** The close hook told the server how many stanzas we handled: later ones stay unhandled. */
  #finalAckSent = false;
  /** The server refused to resume the previous stream. */
  #refused = false;
  #filtered = false;
  #streamError: unknown;

  constructor(options: StreamManagementOptions) {
    const { entity, middleware, streamFeatures, previous, timeoutMs, onHandled } = options;
    this.#entity = entity;
    this.#previous = previous;
    this.#timeoutMs = timeoutMs;
    this.#onHandled = onHandled;
    this.#requests = new AckRequests({
      request: () => this.#entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined),
      outstanding: () => this.#queue.length,
      timeoutMs,
      onStalled: options.onStalled,
    });
    this.#pending = [...(previous?.unacked ?? [])];
    middleware.use((ctx, next) => {
      // After the final acknowledgement of a requested close, a stanza is left unhandled: the
      // server did not hear that we have it, so it keeps it (stores it or sends it again).
      if (this.#finalAckSent && STANZAS.has(ctx.stanza.name)) return undefined;
      this.#inboundElement(ctx.stanza);
      return next();
    });
    // Counted when handed to the socket (see HardenedClient's `sending`), not after the write:
    // a stanza whose write then fails may still have reached the server.
    entity.on('sending', (element: Element) => this.#outboundElement(element));
    streamFeatures.use('sm', NS_SM, (_ctx, next) => {
      this.#negotiation = this.#negotiate(next);
      return this.#negotiation;
    });
    // XEP-0198 §4: before closing on purpose, let the server confirm what is outstanding, and
    // tell it what we handled.
    entity.hook('close', async () => {
      if (!this.#enabled) return;
      await this.#confirmOutstanding();
      this.#finalAckSent = true;
      await this.#sendAck();
    });
    entity.on('error', (error: unknown) => {
      // Only what ended the stream (not, say, an exception of a host's listener).
      if (streamCondition(error) !== undefined) this.#streamError ??= error;
    });
    entity.on('disconnect', () => {
      this.#requests.stop();
      this.#waiters.fail(
        this.#streamError ?? new SwitchboardError('SB_CONNECTION_CLOSED', 'The connection closed.'),
      );
    });
  }

  /** True when this connection resumed the previous stream. */
  get resumed(): boolean {
    return this.#resumed;
  }

  /** True when the server acknowledges stanzas on this stream. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** True when stanzas sent now are kept until the server acknowledges them. */
  get counting(): boolean {
    return this.#counting;
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
   * The oldest stanza earlier sessions left that this stream has not sent yet. After a
   * resumption that is everything the server did not handle; on a fresh stream only messages
   * with a body and subscription changes (IQ requests were answered with errors when the session
   * was lost, and chat states are stale by now).
   */
  nextPrevious(): Unacked | undefined {
    if (!this.#resumed && !this.#filtered) {
      this.#filtered = true;
      this.#pending = this.#pending.filter(worthResending);
    }
    return this.#pending[0];
  }

  /**
   * Takes the stanzas earlier sessions left that `match` out of the resend list (room messages a
   * fresh stream sends only after the rejoin, with {@link resending}, or hands on).
   */
  takePrevious(match: (stanza: Element) => boolean): Unacked[] {
    const taken = this.#pending.filter((u) => match(u.stanza));
    this.#pending = this.#pending.filter((u) => !match(u.stanza));
    return taken;
  }

  /**
   * `item` (from {@link nextPrevious}) is about to be sent again as `element`: the stream keeps
   * its original send time and suspicion, and the item leaves the list of what is still to
   * resend the moment `element` is handed to the socket.
   */
  resending(element: Element, item: Unacked): void {
    this.#resending.set(element, item);
  }

  /** True when `stanza` was handed to this connection and is kept until acknowledged. */
  holds(stanza: Element): boolean {
    return this.#held.has(stanza);
  }

  /** Asks the server for an acknowledgement now and resolves once it covers everything sent. */
  async confirmAll(timeoutMs = this.#timeoutMs): Promise<void> {
    const target = this.#acked + this.#queue.length;
    const confirmed = this.#waiters.until(target, timeoutMs);
    this.#requests.now();
    await confirmed;
  }

  /** The connection ended while `stanza` alone waited for its acknowledgement. */
  strike(stanza: Element): void {
    this.#queue = this.#queue.map((u) =>
      u.stanza === stanza ? { ...u, strikes: (u.strikes ?? 0) + 1 } : u,
    );
  }

  /** Drops an outbound stanza that will never be sent again (the server refused it). */
  forget(stanza: Element): void {
    this.#queue = this.#queue.filter((u) => u.stanza !== stanza);
    this.#pending = this.#pending.filter((u) => u.stanza !== stanza);
  }

  /**
   * What the next session needs; call once the connection has closed. With `suspect`, the
   * stanzas this connection left unacknowledged are marked: the stream ended with an error that
   * blames one of them.
   */
  continuation(seen: readonly string[], options: { suspect?: boolean } = {}): XmppContinuation {
    const jid = this.#entity.jid?.toString();
    // A connection that never got to stream management (it failed before, e.g. at SASL) leaves
    // the previous stream as resumable as it was; one whose resumption was refused does not.
    const untouched = this.#stream === undefined && !this.#refused;
    const stream: ResumableStream | undefined = untouched
      ? this.#previous?.stream
      : this.#stream?.resumable === true && jid !== undefined
        ? { id: this.#stream.id, inbound: this.#inbound, acked: this.#acked, jid }
        : undefined;
    const sent =
      options.suspect === true ? this.#queue.map((u) => ({ ...u, suspect: true })) : this.#queue;
    // What this stream counted comes first: stanzas still pending were sent after those.
    return { protocol: 'xmpp', stream, unacked: [...sent, ...this.#pending], seen };
  }

  /** SASL2: the `<resume/>` for `<authenticate/>` if the previous stream can be resumed. */
  inlineResume(): Element | undefined {
    const previous = this.#previous?.stream;
    if (previous === undefined) return undefined;
    this.#resuming = true;
    return xml('resume', { xmlns: NS_SM, h: String(previous.inbound), previd: previous.id });
  }

  /** Bind2 (XEP-0386): the `<enable/>` to put in `<bind/>`; its answer: {@link inline}. */
  inlineEnable(): Element {
    this.#enabling = true;
    return xml('enable', { xmlns: NS_SM, resume: 'true' });
  }

  /** The answers to the inline requests, from a verified SASL2 `<success/>`. */
  inline(success: Element): void {
    for (const answer of inlineAnswers(success)) this.#inboundElement(answer);
    this.#resuming = false;
    this.#enabling = false;
  }

  async #negotiate(next: () => Promise<unknown>): Promise<void> {
    const previous = this.#previous?.stream;
    if (previous !== undefined && (await this.#resume(previous))) return;
    await next();
    const answer = nextNonza(this.#entity, NS_SM, this.#timeoutMs, 'enabling stream management');
    try {
      this.#enabling = true;
      await this.#entity.send(xml('enable', { xmlns: NS_SM, resume: 'true' }));
      if (!(await answer).is('enabled', NS_SM)) this.#stopCounting();
    } catch (error) {
      answer.catch(() => undefined);
      this.#stopCounting();
      // A lost connection is a failed login; anything else: the stream works without stream
      // management, and nothing is kept for resending.
      if (SwitchboardError.is(error, 'SB_CONNECTION_CLOSED')) throw error;
    } finally {
      this.#enabling = false;
    }
  }

  async #resume(previous: ResumableStream): Promise<boolean> {
    const answer = nextNonza(this.#entity, NS_SM, this.#timeoutMs, 'stream resumption');
    try {
      this.#resuming = true;
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
      this.#resuming = false;
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
        if (!this.#enabling) return;
        this.#enabling = false;
        this.#enabled = true;
        this.#counting = true; // Not yet so when <enable/> went inside SASL2.
        this.#inbound = 0;
        this.#stream = {
          id: element.attrs.id ?? '',
          resumable: element.attrs.resume === 'true' || element.attrs.resume === '1',
        };
        break;
      case 'resumed': {
        const previous = this.#previous?.stream;
        if (previous === undefined || !this.#resuming) return;
        this.#resuming = false;
        this.#enabled = true;
        this.#counting = true;
        this.#resumed = true;
        this.#stream = { id: previous.id, resumable: true };
        this.#inbound = previous.inbound;
        const h = Number(element.attrs.h);
        const handled = this.#handledBefore(h, previous);
        // The server's count is the one its later <a/> continue from.
        this.#acked = Number.isSafeInteger(h) && h >= previous.acked ? h : previous.acked + handled;
        break;
      }
      case 'failed': {
        // XEP-0198 §5: a refused resumption may still say how much of the old stream arrived.
        const previous = this.#previous?.stream;
        if (previous !== undefined && this.#resuming) {
          this.#resuming = false;
          this.#refused = true;
          this.#handledBefore(Number(element.attrs.h), previous);
        } else if (this.#enabling) {
          this.#enabling = false; // An inline <enable/> refused: no stream management.
          this.#stopCounting();
        }
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

  /**
   * The old stream's server handled `h` stanzas: the oldest of those the previous session left
   * are confirmed and not sent again. Returns how many; a wrong `h` confirms nothing.
   */
  #handledBefore(h: number, previous: ResumableStream): number {
    if (!Number.isSafeInteger(h)) return 0;
    const handled = Math.min(Math.max(0, h - previous.acked), this.#pending.length);
    if (handled > 0) this.#onHandled(this.#pending.splice(0, handled).map((u) => u.stanza));
    return handled;
  }

  #outboundElement(element: Element): void {
    if (element.is('enable', NS_SM)) {
      // XEP-0198 §4: the count of our own stanzas starts when <enable/> is sent.
      this.#counting = true;
      this.#acked = 0;
      this.#queue = [];
      return;
    }
    const resent = this.#resending.get(element);
    // In the same step as the stream takes it over: never in both lists, never in neither.
    if (resent !== undefined && this.#pending[0] === resent) this.#pending.shift();
    if (!this.#counting || !STANZAS.has(element.name)) return;
    this.#held.add(element);
    this.#queue.push(
      resent === undefined
        ? { stanza: element, sentAt: new Date() }
        : { ...resent, stanza: element },
    );
    this.#requests.sent();
  }

  /** The server handled `h` stanzas in total: report and forget those. A wrong `h` is ignored. */
  #acknowledge(h: number): void {
    if (!Number.isSafeInteger(h)) {
      this.#requests.answered();
      return;
    }
    const newly = h - this.#acked;
    if (newly > 0 && newly <= this.#queue.length) {
      const handled = this.#queue.splice(0, newly);
      this.#acked = h;
      this.#onHandled(handled.map((u) => u.stanza));
      this.#waiters.acknowledged(h);
    }
    this.#requests.answered();
  }

  /** The server refused to enable stream management: nothing sent can be confirmed. */
  #stopCounting(): void {
    this.#counting = false;
    this.#queue = [];
  }

  async #confirmOutstanding(): Promise<void> {
    if (this.#queue.length === 0) return;
    await this.confirmAll(Math.min(this.#timeoutMs, CLOSE_ACK_WAIT_MS)).catch(() => undefined);
  }

  async #sendAck(): Promise<void> {
    await this.#entity
      .send(xml('a', { xmlns: NS_SM, h: String(this.#inbound) }))
      .catch(() => undefined);
  }
}
