import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { XmppPlugin, xmppDefaults } from '@switchboard/xmpp';

/**
 * Generic Jabber/XMPP: any standards-compliant server, password authentication. It declares
 * every capability the XMPP plugin implements (rooms, history, other devices, receipts and read
 * markers included); the server's disco#info narrows them per account.
 */
export const jabberProfile: ProfileDescriptor = {
  ...xmppDefaults,
  id: 'jabber',
  name: 'Jabber / XMPP',
  server: { port: 5222, tls: 'starttls' },
  mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'],
  credentialKinds: ['password'],
};

/** The Jabber profile: the base XMPP plugin with generic defaults. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class JabberProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = jabberProfile;
}
