import type { LoadableModule } from '@switchboard/core';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { messengerModule } from '@switchboard/profile-messenger';
import { xmppModule } from '@switchboard/xmpp';
import { ircModules } from '../../modules/ircModules';

/**
 * The modules the command loads: the XMPP plugin and the four XMPP profiles that ship, then the
 * IRC plugin and its `irc` profile. Only the commands that open accounts import this file.
 */
export const cliModules: readonly LoadableModule[] = [
  xmppModule,
  jabberModule,
  messengerModule,
  facebookModule,
  gtalkModule,
  ...ircModules,
];
