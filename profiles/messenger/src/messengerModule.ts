import { MechanismRegistrationToken, ProfilePluginToken } from '@switchboard/core';
import { ContainerModule } from 'inversify';
import { MessengerProfile } from './MessengerProfile';
import { xMessengerOAuth2 } from './xMessengerOAuth2';

/** Binds the Messenger profile and contributes X-MESSENGER-OAUTH2. Load with `xmppModule`. */
export const messengerModule = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xMessengerOAuth2, priority: 50 });
  bind(ProfilePluginToken).to(MessengerProfile).inSingletonScope();
});
