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
  /** Fetch vCards (XEP-0054). */
  readonly 'vcard.read': boolean;
  /** Publish the account's own vCard (XEP-0054). */
  readonly 'vcard.write': boolean;
  /** Typing notifications (XEP-0085). */
  readonly chatStates: boolean;
  /** Timestamps on messages stored while offline (XEP-0203). */
  readonly delayedDelivery: boolean;
  /** Application-level ping (XEP-0199). */
  readonly ping: boolean;
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
  'vcard.read',
  'vcard.write',
  'chatStates',
  'delayedDelivery',
  'ping',
];

/**
 * Capabilities a server can withdraw by not announcing a feature in disco#info
 * (XEP-0030): the feature namespace for each.
 */
export const discoFeatures: Readonly<Partial<Record<Capability, string>>> = {
  'vcard.read': 'vcard-temp',
  'vcard.write': 'vcard-temp',
  ping: 'urn:xmpp:ping',
};

/**
 * The effective capabilities: the profile's declaration, narrowed by what the server announced.
 * A capability the server can announce but did not is turned off; one it cannot announce keeps
 * the declared value. `announced` undefined means the server was not asked (yet).
 */
export function mergeCapabilities(
  declared: CapabilitySet,
  announced: readonly string[] | undefined,
): CapabilitySet {
  if (announced === undefined) return declared;
  const merged: Record<string, unknown> = { ...declared };
  for (const name of capabilityNames) {
    const feature = discoFeatures[name];
    if (feature !== undefined && !announced.includes(feature)) merged[name] = false;
  }
  return merged as unknown as CapabilitySet;
}
