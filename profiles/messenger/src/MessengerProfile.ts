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
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
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
