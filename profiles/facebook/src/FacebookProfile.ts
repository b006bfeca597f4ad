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
    /**
     * No group chat: Facebook's Chat API documents one-to-one plain-text chat, typing
     * notifications (XEP-0085) and vCards only, "not a full XMPP server" but "a proxy into the
     * world of Facebook Chat" (https://developers.facebook.com/docs/chat/).
     */
    rooms: false,
    /** No server-side history over XMPP (neither MAM nor XEP-0136): not in the documented features. */
    history: false,
    /**
     * No Message Carbons (XEP-0280): not documented; a 2010 review of the gateway also found that
     * it allowed only one XMPP login per user at a time
     * (http://www.deepdarc.com/2010/02/15/thoughts-on-facebook-chat/).
     */
    otherDevices: false,
    /**
     * No delivery receipts (XEP-0184): the same review found that nothing but a `<body>` or a
     * chat state passed between users, and the Chat API says arbitrary IQs cannot be exchanged.
     */
    receipts: false,
    /** No chat markers (XEP-0333): newer than the service's documentation, and not relayed (above). */
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
