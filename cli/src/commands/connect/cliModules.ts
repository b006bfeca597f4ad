import type { LoadableModule } from '@switchboard/core';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { messengerModule } from '@switchboard/profile-messenger';
import { xmppModule } from '@switchboard/xmpp';

/** The modules the command loads: the XMPP plugin and the four profiles that ship. */
export const cliModules: readonly LoadableModule[] = [
  xmppModule,
  jabberModule,
  messengerModule,
  facebookModule,
  gtalkModule,
];
