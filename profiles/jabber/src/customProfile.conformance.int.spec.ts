/**
 * The README's "Conformance kit for profile authors" example, run as a test: a profile of a
 * provider Switchboard does not know, written only against the public API (a subclass of
 * `XmppPlugin`, its own SASL mechanism, bound through a ContainerModule), checked by the kit
 * against its own Prosody module that reuses the token table.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContainerModule,
  injectable,
  injectFromBase,
  MechanismRegistrationToken,
  type ProfileDescriptor,
  ProfilePluginToken,
  type SaslMechanismDefinition,
  SwitchboardError,
  singleMessage,
  toBytes,
} from '@switchboard/core';
import { describeProfileConformance, tokenCredentials } from '@switchboard/testing';
import { XmppPlugin, xmppDefaults, xmppModule } from '@switchboard/xmpp';

const NAME = 'X-EXAMPLE-TOKEN';

/** The provider's mechanism: one client-first message, the token itself. */
const exampleToken: SaslMechanismDefinition = {
  name: NAME,
  clientFirst: true,
  credentialKinds: ['token'],
  redaction: 'all',
  create: () =>
    singleMessage(NAME, ({ token }) => {
      if (token === undefined)
        throw new SwitchboardError('SB_CONFIG_INVALID', `${NAME} needs a token.`);
      return toBytes(token);
    }),
};

@injectable()
@injectFromBase({ extendConstructorArguments: true })
class ExampleProfile extends XmppPlugin {
  override readonly profile: ProfileDescriptor = {
    ...xmppDefaults,
    id: 'example',
    name: 'Example Chat',
    mechanisms: [NAME],
    credentialKinds: ['token'],
    capabilities: {
      ...xmppDefaults.capabilities,
      'roster.write': false,
      'vcard.write': false,
      messageTypes: ['chat'],
    },
  };
}

const exampleModule = new ContainerModule(({ bind }) => {
  bind(MechanismRegistrationToken).toConstantValue({ mechanism: exampleToken, priority: 50 });
  bind(ProfilePluginToken).to(ExampleProfile).inSingletonScope();
});

// The server side, as the profile's author would keep it in their repository.
const luaDir = mkdtempSync(join(tmpdir(), 'example-lua-'));
const luaModule = join(luaDir, 'mod_example_token.lua');
writeFileSync(
  luaModule,
  `-- X-EXAMPLE-TOKEN: the token is the whole client-first payload.
local sasl = require "util.sasl";
local sb = module:depends("sb_tokens"); -- the kit's token table

local NAME = "X-EXAMPLE-TOKEN";
sasl.registerMechanism(NAME, {}, function (self, message)
  local entry, why = sb.lookup(self.realm, message, NAME);
  if not entry then return "failure", "not-authorized", why; end
  self.username = entry.user;
  return "success";
end);
sb.offer_mechanism(module, NAME); -- on the hosts that load this module only
`,
);
afterAll(() => rmSync(luaDir, { recursive: true, force: true }));

describeProfileConformance({
  profile: 'example',
  modules: [xmppModule, exampleModule],
  domain: 'example.test',
  mechanism: NAME,
  emulation: { providers: { custom: [{ domain: 'example.test', module: luaModule }] } },
  credentials: tokenCredentials({ kind: 'token', token: 'example-token-1' }),
});
