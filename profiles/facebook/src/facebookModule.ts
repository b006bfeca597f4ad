import {
  ContainerModule,
  defineProfile,
  MechanismRegistrationToken,
  ProfilePluginToken,
} from '@switchboard/core';
import { FacebookProfile, facebookProfile } from './FacebookProfile';
import { xFacebookPlatform } from './xFacebookPlatform';

/** The bindings of the Facebook profile module: the profile and X-FACEBOOK-PLATFORM. */
export const facebookBindings = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xFacebookPlatform, priority: 50 });
  bind(ProfilePluginToken).to(FacebookProfile).inSingletonScope();
});

/**
 * The facebook profile module: its bindings with a manifest (name, version, the core range it
 * supports, and `@switchboard/xmpp` as a dependency), checked when a Switchboard loads it.
 */
export const facebookModule = defineProfile({
  name: '@switchboard/profile-facebook',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/xmpp'],
  profiles: [facebookProfile],
  bindings: facebookBindings,
});

export default facebookModule;
