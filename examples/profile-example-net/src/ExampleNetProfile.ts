import { injectable, injectFromBase, type ProfileDescriptor } from '@switchboard/core';
import { IrcPlugin, ircDefaults } from '@switchboard/irc';

/**
 * ExampleNet, a fictional IRC network: `irc.example.net`, TLS on 6697, passwords only through
 * SCRAM-SHA-256 (never PLAIN) or a client certificate (EXTERNAL). Its servers strip client-only
 * tags, so there are no typing notifications, and its policy forbids NOTICEs between users, so
 * only `chat` messages are declared. A slow pace (3 lines, then one a second and a half) unless
 * the account sets `parameters.flood`.
 */
export const exampleNetProfile: ProfileDescriptor = {
  ...ircDefaults,
  id: 'example-net',
  name: 'ExampleNet',
  server: { host: 'irc.example.net', port: 6697, tls: 'direct' },
  mechanisms: ['EXTERNAL', 'SCRAM-SHA-256'],
  credentialKinds: ['password', 'certificate'],
  capabilities: {
    ...ircDefaults.capabilities,
    'roster.read': false,
    'roster.write': false,
    subscriptions: false,
    'vcard.read': false,
    'vcard.write': false,
    chatStates: false,
    delayedDelivery: true,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat'],
  },
};

/** ExampleNet's outbound pace. */
export const EXAMPLE_NET_FLOOD = '3/1500';

/** The ExampleNet profile: the base IRC plugin with the network's declaration. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class ExampleNetProfile extends IrcPlugin {
  override readonly profile: ProfileDescriptor = exampleNetProfile;

  protected override readonly flood = EXAMPLE_NET_FLOOD;
}
