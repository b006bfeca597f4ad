import { MechanismRegistrationToken, ProfilePluginToken } from '@switchboard/core';
import { ContainerModule } from 'inversify';
import { FacebookProfile } from './FacebookProfile';
import { xFacebookPlatform } from './xFacebookPlatform';

/** Binds the Facebook profile and contributes X-FACEBOOK-PLATFORM. Load with `xmppModule`. */
export const facebookModule = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xFacebookPlatform, priority: 50 });
  bind(ProfilePluginToken).to(FacebookProfile).inSingletonScope();
});
