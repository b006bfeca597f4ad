import { ProfilePluginToken } from '@switchboard/core';
import { ContainerModule } from 'inversify';
import { JabberProfile } from './JabberProfile';

/** Binds the Jabber profile. Load together with `xmppModule`. */
export const jabberModule = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(JabberProfile).inSingletonScope();
});
