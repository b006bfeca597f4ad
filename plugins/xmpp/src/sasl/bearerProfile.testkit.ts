/**
 * A profile defined outside this package's profiles, for the OAUTHBEARER tests: only
 * OAUTHBEARER, with an OAuth2 token. Test-only; not exported by the package.
 */
import {
  ContainerModule,
  injectable,
  injectFromBase,
  MechanismRegistrationToken,
  type ProfileDescriptor,
  ProfilePluginToken,
} from '@switchboard/core';
import { oauthbearer } from '@switchboard/sasl';
import { XmppPlugin, xmppDefaults } from '../XmppPlugin';

/** The `bearer` profile: XmppPlugin offering only OAUTHBEARER. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class BearerProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = {
    ...xmppDefaults,
    id: 'bearer',
    name: 'Bearer Chat',
    mechanisms: ['OAUTHBEARER'],
    credentialKinds: ['oauth2'],
  };
}

/** Registers OAUTHBEARER and binds {@link BearerProfile}; load it after `xmppModule`. */
export const bearerModule = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: oauthbearer, priority: 10 });
  bind(ProfilePluginToken).to(BearerProfile).inSingletonScope();
});
