/**
 * Service Discovery info (XEP-0030) and XMPP Ping (XEP-0199).
 */
import type { CapabilityFeatures } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

/** The disco#info namespace. */
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
/** The ping namespace. */
export const NS_PING = 'urn:xmpp:ping';

/**
 * The capabilities an XMPP server can withdraw by not announcing a feature in disco#info
 * (XEP-0030): the feature namespace each depends on. `XmppPlugin.capabilityFeatures`.
 */
const NS_MAM_ANNOUNCED = 'urn:xmpp:mam:2';

export const discoFeatures: CapabilityFeatures = {
  'vcard.read': 'vcard-temp',
  'vcard.write': 'vcard-temp',
  ping: NS_PING,
  // Message Carbons (XEP-0280): narrowed off also when the server refused to enable them.
  otherDevices: 'urn:xmpp:carbons:2',
  // Message Archive Management (XEP-0313): announced on the account's bare JID, not the domain.
  history: NS_MAM_ANNOUNCED,
};

/**
 * The features announced on the account's own bare JID (XEP-0313 §7: an archive is the
 * account's) that the capabilities depend on.
 */
export function accountFeatures(features: readonly string[]): string[] {
  return features.filter((f) => f === NS_MAM_ANNOUNCED);
}

export function discoInfoQuery(): Element {
  return xml('query', { xmlns: NS_DISCO_INFO });
}

/** The `var` of every `<feature/>` in a disco#info result. */
export function parseFeatures(query: Element | undefined): string[] {
  return (query?.getChildren('feature') ?? []).flatMap((f) =>
    f.attrs.var === undefined ? [] : [f.attrs.var],
  );
}

export function pingElement(): Element {
  return xml('ping', { xmlns: NS_PING });
}
