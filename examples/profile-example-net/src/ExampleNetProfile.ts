import { injectable, injectFromBase, type ProfileDescriptor } from '@switchboard/core';
import { IrcPlugin, ircDefaults } from '@switchboard/irc';

/**
 * ExampleNet, a fictional IRC network: `irc.example.net`, TLS on 6697, passwords only through
 * SCRAM-SHA-256 (never PLAIN) or a client certificate (EXTERNAL). Its servers strip client-only
 * tags, so there are no typing notifications, and its policy forbids NOTICEs between users, so
 * only `chat` messages are declared. A slow pace (3 lines, then one a second and a half) unless
 * the account sets `parameters.flood`.
 *
 * Conversations: channels and `echo-message`, as the IRC plugin uses them; its servers keep no
 * history and allow one connection per account, and offer no read markers.
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
    // `rooms` (channels) and `receipts` (`echo-message`): ExampleNet offers both, so the IRC
    // plugin's values stand.
    /** ExampleNet's servers keep no history: no `draft/chathistory` in its `CAP LS`. */
    history: false,
    /** One connection per account and no `znc.in/self-message`: no copies from other clients. */
    otherDevices: false,
    /** No `draft/read-marker` in its `CAP LS`. */
    readMarkers: false,
    /** PRIVMSG to nicks and to channels; ExampleNet drops NOTICE between users. */
    messageTypes: ['chat', 'groupchat'],
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
