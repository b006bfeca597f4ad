// The CommonJS host: the same checks through `require`.
const { ContainerModule, SwitchboardError, Switchboard } = require('@switchboard/core');
const { FileTokenStore } = require('@switchboard/core/node');
const { scramSha256, xmppModule } = require('@switchboard/xmpp');
const { jabberModule } = require('@switchboard/profile-jabber');
const { external } = require('@switchboard/sasl');

async function main() {
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
}
main();
