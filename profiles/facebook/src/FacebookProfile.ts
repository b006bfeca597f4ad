import type { ProfileDescriptor, SaslCredentials, SessionRequest } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Facebook Chat over XMPP (until 2015): X-FACEBOOK-PLATFORM with an OAuth2 access token and the
 * app id (`parameters.apiKey`), plain-text chat only, roster and subscriptions read-only, typing
 * notifications via XEP-0085, vCards readable.
 */
export const facebookProfile: ProfileDescriptor = {
  ...xmppDefaults,
  id: 'facebook',
  name: 'Facebook Chat',
  server: { host: 'chat.facebook.com', port: 5222, tls: 'starttls' },
  mechanisms: ['X-FACEBOOK-PLATFORM'],
  credentialKinds: ['oauth2'],
  capabilities: {
    'roster.read': true,
    'roster.write': false,
    subscriptions: false,
    watch: false,
    'vcard.read': true,
    'vcard.write': false,
    chatStates: true,
    delayedDelivery: false,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat'],
  },
  oauth2: {
    authorizationEndpoint: 'https://www.facebook.com/dialog/oauth',
    tokenEndpoint: 'https://graph.facebook.com/oauth/access_token',
    scopes: ['xmpp_login'],
  },
};

/** The Facebook profile: hands the app id (`parameters.apiKey`) to X-FACEBOOK-PLATFORM. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class FacebookProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = facebookProfile;

  protected override saslCredentials(request: SessionRequest, domain: string): SaslCredentials {
    const apiKey = request.config.parameters?.apiKey;
    return {
      ...super.saslCredentials(request, domain),
      ...(apiKey === undefined ? {} : { apiKey }),
    };
  }
}
