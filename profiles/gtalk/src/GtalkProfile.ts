import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Google Talk: X-OAUTH2 (with `auth:service='oauth2'` on `<auth/>`) for OAuth2 tokens, or
 * X-GOOGLE-TOKEN for ClientLogin tokens; a full XMPP service otherwise.
 */
export const gtalkProfile: ProfileDescriptor = {
  ...xmppDefaults,
  id: 'gtalk',
  name: 'Google Talk',
  server: { host: 'talk.google.com', port: 5222, tls: 'starttls' },
  mechanisms: ['X-OAUTH2', 'X-GOOGLE-TOKEN'],
  credentialKinds: ['oauth2', 'token'],
  capabilities: {
    'roster.read': true,
    'roster.write': true,
    subscriptions: true,
    watch: false,
    'vcard.read': true,
    'vcard.write': true,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat', 'normal'],
  },
  oauth2: {
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/auth',
    tokenEndpoint: 'https://accounts.google.com/o/oauth2/token',
    scopes: ['https://www.googleapis.com/auth/googletalk'],
  },
};

/** The Google Talk profile. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class GtalkProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = gtalkProfile;
}
