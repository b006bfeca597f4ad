/**
 * What one connection does about the account's other devices and its messages' fate: Message
 * Carbons (XEP-0280) enabled at login, carbons reported as `ownMessage` and `message` (forged
 * ones refused), delivery receipts (XEP-0184) and chat markers (XEP-0333) requested, answered
 * and reported. Its state (carbons on, the server's features, where receipt-requesting messages
 * went) passes to the account's next session through the continuation.
 */
import { type OutboundMessage, type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import type { IqClient } from '../connection/IqClient';
import type { RecentMessages } from '../sm/RecentMessages';
import { bareOf, enableCarbons, NS_CARBONS, ownMessageOf, readCarbon } from './carbons';
import { parseChatState } from './chatStates';
import { parseDelay } from './delay';
import { type DeliveryRequests, deliveryRequests } from './deliveryRequests';
import { accountFeatures, discoInfoQuery, parseFeatures } from './disco';
import { parseMarker } from './markers';
import { parseMessage } from './messages';
import { parseReceipt, receiptAnswer } from './receipts';
import { SentReceipts } from './SentReceipts';

/** What a connection remembers for the next one. */
export interface TrackingContinuation {
  /** The server's disco#info features, learned at the last login that asked. */
  readonly features?: readonly string[];
  /** Carbons were enabled on the stream (kept by a resumed stream). */
  readonly carbons?: boolean;
  /** Receipt-requesting messages: `[id, recipient's bare JID]`, oldest first. */
  readonly receipts?: readonly (readonly [string, string])[];
}

/** What the profile and the account allow. */
export interface MessageTrackingOptions {
  readonly sink: SessionSink;
  readonly recent: RecentMessages;
  /** Enable carbons (the profile declares `otherDevices`). */
  readonly carbons: boolean;
  /** Ask for receipts (`receipts`) and markers (`readMarkers`) on outbound `chat` messages. */
  readonly requests: DeliveryRequests;
  /** Answer receipt requests (`AccountConfig.answerReceipts`). */
  readonly answerReceipts: boolean;
  readonly previous: TrackingContinuation | undefined;
}

/** The connection this tracking works on, once it exists. */
export interface TrackedConnection {
  /** The full JID bound, once bound. */
  readonly address: () => string | undefined;
  /** Sends a stanza; a failure (the connection closed) is not the caller's concern. */
  readonly send: (element: Element) => void;
}

/** See the module header. One per connection. */
export class MessageTracking {
  readonly #options: MessageTrackingOptions;
  readonly #receipts: SentReceipts;
  #features: readonly string[] | undefined;
  #carbons = false;
  #connection: TrackedConnection | undefined;

  constructor(options: MessageTrackingOptions) {
    this.#options = options;
    this.#receipts = new SentReceipts(options.previous?.receipts);
  }

  /** What the server announced (disco#info), as the account narrows capabilities by it. */
  get features(): readonly string[] | undefined {
    return this.#features;
  }

  /** True once carbons are enabled on this stream. */
  get carbons(): boolean {
    return this.#carbons;
  }

  /** Carbons were enabled inside the login (Bind2, XEP-0386): {@link online} does not ask again. */
  enabledInline(): void {
    this.#carbons = true;
  }

  /** Connects the tracking to its connection (before it opens). */
  attach(connection: TrackedConnection): void {
    this.#connection = connection;
  }

  /**
   * After binding: a resumed stream keeps what the previous connection learned and enabled; a
   * new one asks the server's features (XEP-0030) and enables carbons where offered (unless the
   * login already did, {@link enabledInline}). Never
   * rejects: without an answer, the session goes on without carbons.
   */
  async online(
    iq: IqClient,
    domain: string | undefined,
    resumed: boolean,
    timeoutMs: number,
    account?: string,
  ): Promise<void> {
    const previous = this.#options.previous;
    if (resumed) {
      this.#features = previous?.features;
      this.#carbons = previous?.carbons === true;
      return;
    }
    if (!this.#options.carbons) return;
    try {
      // The account's own disco (its archive) is asked at the same time: no extra round trip.
      const [server, own] = await Promise.all([
        iq.request('get', discoInfoQuery(), domain, timeoutMs),
        account === undefined
          ? undefined
          : iq.request('get', discoInfoQuery(), account, timeoutMs).catch(() => undefined),
      ]);
      const features = [
        ...parseFeatures(server),
        ...accountFeatures(own === undefined ? [] : parseFeatures(own)),
      ];
      if (!this.#carbons && features.includes(NS_CARBONS)) {
        try {
          await iq.request('set', enableCarbons(), undefined, timeoutMs);
          this.#carbons = true;
        } catch {
          // Refused: no carbons, and `otherDevices` is narrowed off like on a server without.
        }
      }
      this.#features = this.#carbons ? features : features.filter((f) => f !== NS_CARBONS);
    } catch {
      // No answer: nothing learned (the account narrows nothing) and no carbons.
    }
  }

  /** The server's features as `serverFeatures` reports them: carbons only when enabled. */
  narrow(features: string[]): string[] {
    return this.#carbons ? features : features.filter((f) => f !== NS_CARBONS);
  }

  /** What the next connection needs. */
  continuation(): TrackingContinuation {
    return {
      ...(this.#features === undefined ? {} : { features: this.#features }),
      carbons: this.#carbons,
      receipts: this.#receipts.entries(),
    };
  }

  /**
   * The children asking `to` for a receipt and markers, for an outbound message of `type` with
   * `requestReceipt`; remembers where message `id` went when it asks.
   */
  requests(
    message: Pick<OutboundMessage, 'to' | 'type' | 'requestReceipt'>,
    id: string,
  ): Element[] {
    const children = deliveryRequests(message, this.#options.requests);
    if (children.length > 0) this.#receipts.sent(id, message.to);
    return children;
  }

  /**
   * Handles the carbon, receipt and marker parts of an inbound `<message/>` (not an error).
   * True when the stanza was a carbon (handled, or refused); false when it still has to be
   * routed as a direct message.
   */
  route(stanza: Element): boolean {
    const address = this.#connection?.address();
    if (address === undefined) return false;
    const carbon = readCarbon(stanza, bareOf(address));
    if (carbon === undefined) {
      this.#direct(stanza);
      return false;
    }
    if (carbon.kind === 'forged') this.#refuse(stanza, carbon.from);
    else if (carbon.kind === 'sent') this.#sent(stanza, carbon.message, address);
    else this.#received(carbon.message);
    return true;
  }

  #direct(stanza: Element): void {
    const { sink, answerReceipts } = this.#options;
    const from = stanza.attrs.from;
    if (answerReceipts) {
      const answer = receiptAnswer(stanza);
      if (answer !== undefined) this.#connection?.send(answer);
    }
    if (from === undefined) return;
    const receipt = parseReceipt(stanza);
    const marker = parseMarker(stanza);
    if (receipt !== undefined && this.#receipts.from(receipt, from))
      sink.receipt?.({ id: receipt, from, state: 'delivered' });
    if (marker !== undefined && this.#receipts.from(marker.id, from))
      sink.receipt?.({ id: marker.id, from, state: marker.state });
  }

  #refuse(stanza: Element, from: string): void {
    this.#options.sink.refusedStanza?.(
      new SwitchboardError(
        'SB_STANZA_FORGED',
        `A message carbon from ${from || 'an unnamed sender'} was dropped: only the account's own server sends carbons (XEP-0280 §11).`,
        { details: { from, ...(stanza.attrs.id === undefined ? {} : { id: stanza.attrs.id }) } },
      ),
    );
  }

  #sent(carbon: Element, message: Element, address: string): void {
    const { sink, recent } = this.#options;
    // Never this connection's own message (a server does not copy it back; if one did).
    if (message.attrs.from === address) return;
    const own = ownMessageOf(carbon, message, address.split('/')[0] ?? address);
    if (own !== undefined && recent.firstTime(message)) sink.ownMessage?.(own);
  }

  #received(message: Element): void {
    const { sink, recent } = this.#options;
    const parsed = parseMessage(message);
    if (parsed !== undefined) {
      // The same message may also arrive directly (sent to the bare JID): once.
      if (recent.firstTime(message)) sink.message(parsed);
      return;
    }
    const state = parseChatState(message);
    const from = message.attrs.from;
    const delay = parseDelay(message);
    if (state !== undefined && from !== undefined)
      sink.chatState({ from, state, ...(delay === undefined ? {} : { delay }) });
  }
}
