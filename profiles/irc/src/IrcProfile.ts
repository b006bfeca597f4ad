import type { ProfileDescriptor } from '@switchboard/core';
import { injectable, injectFromBase } from '@switchboard/core';
import { IrcPlugin, ircDefaults } from '@switchboard/irc';

/**
 * Generic IRC: any IRCv3 network, TLS from the first byte on port 6697 of the host in the
 * account's address (`nick@server`), SASL in this order of preference: SCRAM-SHA-256 (password), EXTERNAL (TLS
 * client certificate), ECDSA-NIST256P-CHALLENGE (ECDSA key), PLAIN (password); the account's
 * credential decides which apply. IRC has no server
 * roster, subscriptions or vCards: those are declared unsupported and refused before sending.
 * Everything else is declared as the IRC plugin implements it (channels, history, messages from
 * other clients, delivery states); the capabilities the server acknowledges narrow it per account.
 */
export const ircProfile: ProfileDescriptor = {
  ...ircDefaults,
  id: 'irc',
  name: 'IRC',
};

/** The generic IRC profile: the base IRC plugin with generic defaults. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class IrcProfile extends IrcPlugin {
  override readonly profile: ProfileDescriptor = ircProfile;
}
