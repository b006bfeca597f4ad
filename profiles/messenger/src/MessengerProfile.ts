import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Windows Live Messenger over XMPP (2011–2013), after Microsoft's XMPP reference: OAuth2 tokens
 * through X-MESSENGER-OAUTH2 only, TLS required, roster changes and vCard updates not supported,
 * only `chat` messages; chat states and delayed delivery announced. Idle connections were dropped
 * after one to two minutes.
 */
export const messengerProfile: ProfileDescriptor = {
  ...xmppDefaults,
  id: 'messenger',
  name: 'Windows Live Messenger',
  server: { host: 'xmpp.messenger.live.com', port: 5222, tls: 'starttls' },
  mechanisms: ['X-MESSENGER-OAUTH2'],
  credentialKinds: ['oauth2'],
  // Live dropped connections idle for one to two minutes: keep well below that.
  liveness: { ...xmppDefaults.liveness, keepaliveMs: 30_000, probeAfterMs: 60_000 },
  capabilities: {
    'roster.read': true,
    'roster.write': false,
    subscriptions: false,
    watch: false,
    'vcard.read': true,
    'vcard.write': false,
    chatStates: true,
    delayedDelivery: true,
    ping: false,
    /**
     * No group chat: Microsoft's XMPP reference lists no XEP-0045 and makes `chat` the only
     * supported message type (http://msdn.microsoft.com/en-us/library/hh550849.aspx).
     */
    rooms: false,
    /**
     * No MAM (XEP-0313). The reference lists XEP-0136 Message Archiving instead: at most the last
     * 10 messages with one contact, paging and `after` ignored, empty unless a user kept history
     * (same source). This plugin speaks only MAM, so there is no history to query through it.
     */
    history: false,
    /** No Message Carbons (XEP-0280): not in the reference's list of supported extensions. */
    otherDevices: false,
    /** No delivery receipts (XEP-0184): not in the reference's list of supported extensions. */
    receipts: false,
    /** No chat markers (XEP-0333, first published in 2013, after the service's documentation). */
    readMarkers: false,
    messageTypes: ['chat'],
  },
  oauth2: {
    authorizationEndpoint: 'https://oauth.live.com/authorize',
    tokenEndpoint: 'https://oauth.live.com/token',
    scopes: ['wl.messenger', 'wl.offline_access'],
    redirectUri: 'https://oauth.live.com/desktop',
  },
};

/** The Messenger profile: the base XMPP plugin with Messenger's server, mechanism and limits. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class MessengerProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = messengerProfile;
}
