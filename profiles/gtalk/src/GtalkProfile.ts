import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Google Talk: X-OAUTH2 (with `auth:service='oauth2'` on `<auth/>`) for OAuth2 tokens, or
 * X-GOOGLE-TOKEN for ClientLogin tokens; a full XMPP service for contacts, presence, vCards and
 * one-to-one chat, without group chat, readable history, carbons, receipts or read markers.
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
    /**
     * No multi-user chat on Google's own server: Google's developer documentation lists no
     * XEP-0045 and no group chat extension among the Google Talk XMPP extensions
     * (https://developers.google.com/talk/jep_extensions/extensions), and Google's servers "do not
     * include support for the multi-user-chat"
     * (https://github.com/ZeWaren/jabber-hangouts-transport/issues/9). The group chat of Google's
     * own web gadget was not documented for other clients. A user could still join a room on
     * another server through federation, which this profile does not count on.
     */
    rooms: false,
    /**
     * No MAM (XEP-0313) nor XEP-0136: Gmail kept chats in its "Chats" label, readable in Gmail
     * only; over XMPP a client could only switch that logging off per contact with Google's own
     * `google:nosave` extension (https://developers.google.com/talk/jep_extensions/otr), or
     * globally with `google:setting` (https://developers.google.com/talk/jep_extensions/usersettings).
     * Neither gives history to read, and this plugin implements neither.
     */
    history: false,
    /**
     * No Message Carbons (XEP-0280): Google's documentation names none; its `google:shared-status`
     * extension only keeps the status message of several clients of one user in step
     * (https://developers.google.com/talk/jep_extensions/shared_status). Messages sent from another
     * client were not copied to this one as far as documented.
     */
    otherDevices: false,
    /** No delivery receipts (XEP-0184): not among the extensions Google documented (above). */
    receipts: false,
    /** No chat markers (XEP-0333, first published in 2013, when Google Talk was being replaced). */
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
