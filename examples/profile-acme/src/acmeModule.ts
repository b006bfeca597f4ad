import {
  ContainerModule,
  defineProfile,
  MechanismRegistrationToken,
  ProfilePluginToken,
} from '@switchboard/core';
import { oauthbearer } from '@switchboard/xmpp';
import { AcmeProfile, acmeProfile } from './AcmeProfile';

/** Binds the Acme profile and contributes OAUTHBEARER, which the standard set leaves out. */
export const acmeBindings = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: oauthbearer, priority: 50 });
  bind(ProfilePluginToken).to(AcmeProfile).inSingletonScope();
});

/** The module a host loads: `Switchboard.load({ modules: ['@switchboard/xmpp', '@acme/switchboard-profile-acme'] })`. */
export const acmeModule = defineProfile({
  name: '@acme/switchboard-profile-acme',
  version: '1.0.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/xmpp'],
  profiles: [acmeProfile],
  bindings: acmeBindings,
});

export default acmeModule;
