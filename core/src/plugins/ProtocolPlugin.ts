import type { AccountConfig } from '../accounts/AccountConfig';
import type { Credential } from '../credentials/Credential';
import type { SwitchboardError } from '../errors/SwitchboardError';
import type {
  ChatState,
  ChatStateUpdate,
  ContactInput,
  InboundMessage,
  OutboundMessage,
  OutboundPresence,
  PresenceUpdate,
  RosterItem,
  SubscriptionUpdate,
  VCard,
} from '../im/types';
import type { SelectionTraceEntry } from '../sasl/selection';
import type { ProfileDescriptor } from './ProfileDescriptor';

/** Callbacks through which a live session reports to its account. */
export interface SessionSink {
  /** The transport is up (and secured); authentication starts. */
  authenticating(): void;
  /** Which SASL mechanism was chosen and why the others were not. */
  mechanismSelected(mechanism: string, trace: readonly SelectionTraceEntry[]): void;
  message(message: InboundMessage): void;
  presence(presence: PresenceUpdate): void;
  subscription(update: SubscriptionUpdate): void;
  chatState(update: ChatStateUpdate): void;
  /** The session ended; `error` is set when it did not end by request. */
  closed(error?: SwitchboardError): void;
}

/**
 * What a lost session leaves for the next session of the same account, so the plugin can resume
 * it, resend what the server never acknowledged, and recognise repeated inbound messages.
 * Opaque to the core; each plugin extends it and checks `protocol` before using one.
 */
export interface SessionContinuation {
  readonly protocol: string;
}

/**
 * Liveness hooks of a session: the account's liveness monitor keeps the connection from idling
 * out and closes it when it stops answering.
 */
export interface SessionLiveness {
  /** When data last arrived from the server (`Date.now()` ms). */
  lastReceivedAt(): number;
  /** When data was last written to the server (`Date.now()` ms). */
  lastSentAt(): number;
  /** Sends the cheapest keepalive the protocol has (XMPP: one whitespace character). */
  keepalive(): void;
  /**
   * Sends a request the server must answer and resolves on any answer (an error reply proves
   * the link as well as a result). Rejects with SB_TIMEOUT after `timeoutMs`.
   */
  probe(timeoutMs: number): Promise<void>;
  /** Closes the transport at once and reports `closed(error)` to the sink. */
  abort(error: SwitchboardError): void;
}

/** What a plugin needs to open one session. */
export interface SessionRequest {
  readonly config: AccountConfig;
  readonly credential: Credential;
  readonly sink: SessionSink;
  /** Set when the host wants a stanza log; the plugin must redact secrets before calling it. */
  readonly log?: (direction: 'in' | 'out', text: string) => void;
  /** Left by this account's previous session when it was lost (not after a requested close). */
  readonly continuation?: SessionContinuation;
}

/** A live, authenticated session of one account. */
export interface ProtocolSession {
  /** The address the server assigned (for XMPP, the full JID after bind). */
  readonly address: string;
  /** True when this session continues the previous one (e.g. XEP-0198 resumption). */
  readonly resumed?: boolean;
  /** Liveness hooks; without them the account cannot keep the connection alive or detect it dead. */
  readonly liveness?: SessionLiveness;
  /** What the next session needs to carry on after this one was lost. */
  continuation?(): SessionContinuation | undefined;
  sendMessage(message: OutboundMessage): Promise<void>;
  sendPresence(presence: OutboundPresence): Promise<void>;
  getRoster(): Promise<RosterItem[]>;
  /** Asks to see a contact's presence. */
  subscribe(address: string): Promise<void>;
  /** Lets a contact who asked see this account's presence. */
  approveSubscription(address: string): Promise<void>;
  /** Adds or updates a roster item. */
  setContact(contact: ContactInput): Promise<void>;
  /** Removes a roster item. */
  removeContact(address: string): Promise<void>;
  /** Fetches a vCard; the account's own when `address` is undefined. */
  getVCard(address?: string): Promise<VCard>;
  /** Publishes the account's own vCard. */
  setVCard(vcard: VCard): Promise<void>;
  /** Sends a chat state notification without a body. */
  sendChatState(to: string, state: ChatState): Promise<void>;
  /** Pings the server (or `address`); resolves with the round trip in milliseconds. */
  ping(address?: string): Promise<number>;
  /** Features the server announces (disco#info on the domain). */
  serverFeatures(): Promise<readonly string[]>;
  /** Closes the session cleanly. Idempotent. */
  close(): Promise<void>;
}

/**
 * A protocol plugin preconfigured as a profile. Profiles subclass a protocol's base plugin
 * (e.g. `XmppPlugin`) and override its descriptor.
 */
export interface ProfilePlugin {
  readonly profile: ProfileDescriptor;
  /** Connects, secures, authenticates and binds; resolves when the session is online. */
  open(request: SessionRequest): Promise<ProtocolSession>;
}
