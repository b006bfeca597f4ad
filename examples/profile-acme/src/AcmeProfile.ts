import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Acme Chat: an XMPP service that authenticates with OAuth2 bearer tokens (SASL OAUTHBEARER,
 * RFC 7628), keeps no vCards and delivers only one-to-one chat messages.
 */
export const acmeProfile: ProfileDescriptor = {
  ...xmppDefaults,
  id: 'acme',
  name: 'Acme Chat',
  server: { host: 'chat.acme.example', port: 5222, tls: 'starttls' },
  mechanisms: ['OAUTHBEARER'],
  credentialKinds: ['oauth2'],
  // Acme drops connections idle for 45 s.
  liveness: { ...xmppDefaults.liveness, keepaliveMs: 20_000 },
  capabilities: {
    'roster.read': true,
    'roster.write': true,
    subscriptions: true,
    watch: false,
    'vcard.read': false,
    'vcard.write': false,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat'],
  },
  oauth2: {
    authorizationEndpoint: 'https://login.acme.example/authorize',
    tokenEndpoint: 'https://login.acme.example/token',
    scopes: ['chat'],
  },
};

/** The Acme profile: the base XMPP plugin with Acme's server, mechanism and limits. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class AcmeProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = acmeProfile;
}
