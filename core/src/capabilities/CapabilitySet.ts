import type { MessageType } from '../im/types';

/**
 * What a profile's provider can do. Third-party profiles may add capabilities by declaration
 * merging:
 *
 * ```ts
 * declare module '@switchboard/core' {
 *   interface CapabilitySet { 'muc.join': boolean }
 * }
 * ```
 */
export interface CapabilitySet {
  /** Fetch the contact list. */
  readonly 'roster.read': boolean;
  /** Add, rename or remove contacts. */
  readonly 'roster.write': boolean;
  /**
   * Ask for, approve, deny, cancel and drop presence subscriptions (RFC 6121 §3): who sees whose
   * presence. Providers that manage contacts elsewhere (a website) leave it false.
   */
  readonly subscriptions: boolean;
  /**
   * See contacts' presence by address, without their approval and without a server-side contact
   * list (IRC `MONITOR`): `Account.watch` and `unwatch`. The account keeps the watch list across
   * sessions; presence arrives as `presence` events.
   */
  readonly watch: boolean;
  /** Fetch vCards (XEP-0054). */
  readonly 'vcard.read': boolean;
  /** Publish the account's own vCard (XEP-0054). */
  readonly 'vcard.write': boolean;
  /** Typing notifications (XMPP: XEP-0085; IRC: the `+typing` client tag). */
  readonly chatStates: boolean;
  /** Timestamps on messages stored while offline (XMPP: XEP-0203; IRC: the `server-time` tag). */
  readonly delayedDelivery: boolean;
  /** Application-level ping (XMPP: XEP-0199; IRC: `PING`/`PONG`). */
  readonly ping: boolean;
  /**
   * Group conversations (XMPP: multi-user chat, XEP-0045; IRC: channels): `Account.joinRoom`,
   * `leaveRoom`, `setTopic`, `invite` and `groupchat` messages.
   */
  readonly rooms: boolean;
  /**
   * Message history kept by the server (XMPP: MAM, XEP-0313; IRC: `draft/chathistory`):
   * `Account.history`, and catching up on a room after a reconnect.
   */
  readonly history: boolean;
  /**
   * Messages the user sent from other devices or clients arrive as `ownMessage` events (XMPP:
   * Message Carbons, XEP-0280; IRC: a bouncer or multi-client server relaying them).
   */
  readonly otherDevices: boolean;
  /**
   * Delivery receipts from the recipient's client (XEP-0184): `delivery` events with
   * `delivered`.
   */
  readonly receipts: boolean;
  /**
   * Read markers (XEP-0333 `displayed`): `delivery` events with `read`, and `Account.markRead`.
   */
  readonly readMarkers: boolean;
  /** Message types the provider delivers. */
  readonly messageTypes: readonly MessageType[];
}

/** A yes/no capability (every capability but `messageTypes`). */
export type Capability = {
  [K in keyof CapabilitySet]: CapabilitySet[K] extends boolean ? K : never;
}[keyof CapabilitySet];

/** The capability names, in a stable order for tables and docs. */
export const capabilityNames: readonly Capability[] = [
  'roster.read',
  'roster.write',
  'subscriptions',
  'watch',
  'vcard.read',
  'vcard.write',
  'chatStates',
  'delayedDelivery',
  'ping',
  'rooms',
  'history',
  'otherDevices',
  'receipts',
  'readMarkers',
];

/**
 * Which announced server feature each capability depends on: a protocol plugin's map (for XMPP,
 * the disco#info namespaces of XEP-0030; for IRC, the IRCv3 capabilities acknowledged by `CAP`).
 * A capability not in the map cannot be withdrawn by the server.
 */
export type CapabilityFeatures = Readonly<Partial<Record<Capability, string>>>;

/**
 * The effective capabilities: the profile's declaration, narrowed by what the server announced.
 * A capability whose feature (in `features`, the plugin's map) the server did not announce is
 * turned off; one without a feature keeps the declared value. `announced` undefined means the
 * server was not asked (yet); `features` undefined means the plugin narrows nothing.
 */
export function mergeCapabilities(
  declared: CapabilitySet,
  announced: readonly string[] | undefined,
  features: CapabilityFeatures | undefined,
): CapabilitySet {
  if (announced === undefined || features === undefined) return declared;
  const merged: Record<string, unknown> = { ...declared };
  for (const [name, feature] of Object.entries(features)) {
    if (feature !== undefined && !announced.includes(feature)) merged[name] = false;
  }
  return merged as unknown as CapabilitySet;
}
