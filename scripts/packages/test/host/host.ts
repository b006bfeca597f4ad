// Type-checked against the packed packages' declarations: a profile class and a module written
// the way a third party writes one, with the DI API from @switchboard/core.
import {
  type AccountConfig,
  ContainerModule,
  inject,
  injectable,
  type ProfileDescriptor,
  type ServiceIdentifier,
  Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import { FileTokenStore } from '@switchboard/core/node';
import { jabberModule, jabberProfile } from '@switchboard/profile-jabber';
import { ECDSA_P256_CREDENTIAL, ecdsaNist256pChallenge } from '@switchboard/sasl';
import { type XmppPlugin, xmppModule } from '@switchboard/xmpp';

const GREETING: ServiceIdentifier<string> = Symbol.for('host/greeting');

@injectable()
class Greeter {
  constructor(@inject(GREETING) readonly greeting: string) {}
}

const own = new ContainerModule(({ bind }) => {
  bind(GREETING).toConstantValue('hello');
  bind(Greeter).toSelf();
});
const switchboard: Switchboard = Switchboard.create({ modules: [xmppModule, jabberModule, own] });
const profiles: ProfileDescriptor[] = switchboard.profiles();
const greeter: Greeter = switchboard.container.get(Greeter);
const config: AccountConfig = {
  id: 'a',
  profile: jabberProfile.id,
  address: 'user@example.org',
  credential: { kind: 'password', password: 'secret' },
};
const store = new FileTokenStore('/tmp/tokens.json');
const plugin: XmppPlugin | undefined = undefined;
const isError: boolean = SwitchboardError.is(new Error('x'));
const ecdsa: { name: string; credentialKinds: readonly string[] } = ecdsaNist256pChallenge;
const ecdsaKind: string = ECDSA_P256_CREDENTIAL;

export { config, ecdsa, ecdsaKind, greeter, isError, plugin, profiles, store };
