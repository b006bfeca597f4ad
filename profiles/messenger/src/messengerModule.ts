import {
  ContainerModule,
  defineProfile,
  MechanismRegistrationToken,
  ProfilePluginToken,
} from '@switchboard/core';
import { MessengerProfile, messengerProfile } from './MessengerProfile';
import { xMessengerOAuth2 } from './xMessengerOAuth2';

/** The bindings of the Messenger profile module: the profile and X-MESSENGER-OAUTH2. */
export const messengerBindings = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: xMessengerOAuth2, priority: 50 });
  bind(ProfilePluginToken).to(MessengerProfile).inSingletonScope();
});

/**
 * The messenger profile module: its bindings with a manifest (name, version, the core range it
 * supports, and `@switchboard/xmpp` as a dependency), checked when a Switchboard loads it.
 */
export const messengerModule = defineProfile({
  name: '@switchboard/profile-messenger',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/xmpp'],
  profiles: [messengerProfile],
  bindings: messengerBindings,
});

export default messengerModule;
