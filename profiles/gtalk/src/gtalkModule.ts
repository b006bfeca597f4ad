import {
  ContainerModule,
  defineProfile,
  MechanismRegistrationToken,
  ProfilePluginToken,
} from '@switchboard/core';
import { GtalkProfile, gtalkProfile } from './GtalkProfile';
import { xGoogleToken } from './xGoogleToken';
import { xOAuth2 } from './xOAuth2';

/** The bindings of the Google Talk profile module: the profile and X-OAUTH2 and X-GOOGLE-TOKEN. */
export const gtalkBindings = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xOAuth2, priority: 60 });
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xGoogleToken, priority: 40 });
  bind(ProfilePluginToken).to(GtalkProfile).inSingletonScope();
});

/**
 * The gtalk profile module: its bindings with a manifest (name, version, the core range it
 * supports, and `@switchboard/xmpp` as a dependency), checked when a Switchboard loads it.
 */
export const gtalkModule = defineProfile({
  name: '@switchboard/profile-gtalk',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/xmpp'],
  profiles: [gtalkProfile],
  bindings: gtalkBindings,
});

export default gtalkModule;
