import { MechanismRegistrationToken, ProfilePluginToken } from '@switchboard/core';
import { ContainerModule } from 'inversify';
import { GtalkProfile } from './GtalkProfile';
import { xGoogleToken } from './xGoogleToken';
import { xOAuth2 } from './xOAuth2';

/** Binds the Google Talk profile and contributes X-OAUTH2 and X-GOOGLE-TOKEN. */
export const gtalkModule = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xOAuth2, priority: 60 });
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xGoogleToken, priority: 40 });
  bind(ProfilePluginToken).to(GtalkProfile).inSingletonScope();
});
