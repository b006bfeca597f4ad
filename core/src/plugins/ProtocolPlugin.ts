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

/** What a plugin needs to open one session. */
export interface SessionRequest {
  readonly config: AccountConfig;
  readonly credential: Credential;
  readonly sink: SessionSink;
  /** Set when the host wants a stanza log; the plugin must redact secrets before calling it. */
  readonly log?: (direction: 'in' | 'out', text: string) => void;
}

/** A live, authenticated session of one account. */
export interface ProtocolSession {
  /** The address the server assigned (for XMPP, the full JID after bind). */
  readonly address: string;
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
