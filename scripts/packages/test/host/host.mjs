// An ES module host of the packed packages: the Jabber profile, an address check, a binding of
// its own through the DI API core re-exports, SCRAM's SASLprep (loaded on first use) through the
// XMPP plugin's re-export, and the SASL package's own entry point.
import { ContainerModule, Switchboard, SwitchboardError } from '@switchboard/core';
import { FileTokenStore } from '@switchboard/core/node';
import { jabberModule } from '@switchboard/profile-jabber';
import { external } from '@switchboard/sasl';
import { scramSha256, xmppModule } from '@switchboard/xmpp';

const GREETING = Symbol.for('host/greeting');
const own = new ContainerModule(({ bind }) => {
  bind(GREETING).toConstantValue('hello');
});
const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule, own] });
let addressError;
try {
  switchboard.checkAddress('jabber', 'not an address');
} catch (error) {
  addressError = SwitchboardError.is(error) ? error.code : String(error);
}
const clientFirst = await scramSha256.create().response({ username: 'ⅸ', password: 'x' });
console.log(
  JSON.stringify({
    profiles: switchboard.profiles().map((p) => p.id),
    addressError,
    greeting: switchboard.container.get(GREETING),
    saslprep: String(clientFirst).split(',')[2],
    tokenStore: typeof FileTokenStore,
    external: external.name,
  }),
);
