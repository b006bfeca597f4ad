import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_VERSION, ProfilePluginToken, Switchboard } from '@switchboard/core';
import { XmppPlugin, xmppDefaults, xmppModule } from '@switchboard/xmpp';
import { JabberProfile } from './JabberProfile';
import { jabberBindings, jabberModule } from './jabberModule';

describe('jabberModule', () => {
  it('when loaded with xmppModule, provides the jabber profile as an XmppPlugin subclass', () => {
    const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
    const plugins = switchboard.container.getAll(ProfilePluginToken);
    expect(plugins).toHaveLength(1);
    expect(plugins[0]).toBeInstanceOf(JabberProfile);
    expect(plugins[0]).toBeInstanceOf(XmppPlugin);
    expect(switchboard.profiles().map((p) => [p.id, p.mechanisms])).toEqual([
      ['jabber', ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']],
    ]);
  });

  it('declares everything the XMPP plugin implements, for the server to narrow by disco#info', () => {
    const [profile] = Switchboard.create({ modules: [xmppModule, jabberModule] }).profiles();
    expect(profile?.capabilities).toEqual(xmppDefaults.capabilities);
  });

  it('when loaded, the registry holds the standard mechanisms by priority', () => {
    const { registry } = Switchboard.create({ modules: [xmppModule, jabberModule] });
    expect(registry.list().map((e) => [e.mechanism.name, e.priority])).toEqual([
      ['HT-SHA-256-EXPR', 540],
      ['HT-SHA-256-ENDP', 530],
      ['HT-SHA-256-UNIQ', 520],
      ['HT-SHA-256-NONE', 500],
      ['SCRAM-SHA-512-PLUS', 420],
      ['SCRAM-SHA-256-PLUS', 410],
      ['SCRAM-SHA-1-PLUS', 400],
      ['SCRAM-SHA-512', 320],
      ['SCRAM-SHA-256', 300],
      ['SCRAM-SHA-1', 200],
      ['PLAIN', 100],
      ['ANONYMOUS', 0],
    ]);
  });

  it('when two instances exist, each has its own registry (no globals)', () => {
    const a = Switchboard.create({ modules: [xmppModule, jabberModule] });
    const b = Switchboard.create({ modules: [xmppModule, jabberModule] });
    a.registry.disable('PLAIN');
    expect(a.registry).not.toBe(b.registry);
    expect(b.registry.list().find((e) => e.mechanism.name === 'PLAIN')?.disabled).toBe(false);
    // The profile plugin was injected with its own instance's registry.
    const pluginA = a.container.getAll(ProfilePluginToken)[0] as unknown as { registry: unknown };
    expect(pluginA.registry).toBe(a.registry);
  });

  it('when an account names an unknown profile, fails with SB_PROFILE_UNKNOWN', () => {
    const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
    expect(() =>
      switchboard.createAccount({
        profile: 'icq',
        address: 'a@b',
        credential: { kind: 'password', password: 'x' },
      }),
    ).toThrow(expect.objectContaining({ code: 'SB_PROFILE_UNKNOWN' }));
  });

  it('when the same profile module is loaded twice, fails with SB_MODULE_DUPLICATE', () => {
    expect(() => Switchboard.create({ modules: [xmppModule, jabberModule, jabberModule] })).toThrow(
      expect.objectContaining({
        code: 'SB_MODULE_DUPLICATE',
        details: { module: '@switchboard/profile-jabber' },
      }),
    );
  });

  it('when its bare bindings are loaded twice, the profiles clash with SB_DUPLICATE_PROFILE', () => {
    expect(() =>
      Switchboard.create({ modules: [xmppModule, jabberBindings, jabberBindings] }),
    ).toThrow(expect.objectContaining({ code: 'SB_DUPLICATE_PROFILE' }));
  });

  it('without the XMPP plugin loaded first, fails with SB_DEPENDENCY_MISSING', () => {
    expect(() => Switchboard.create({ modules: [jabberModule, xmppModule] })).toThrow(
      expect.objectContaining({
        code: 'SB_DEPENDENCY_MISSING',
        details: {
          module: '@switchboard/profile-jabber',
          missing: '@switchboard/xmpp',
          loaded: [],
        },
      }),
    );
  });

  it('loads by package name (dynamic import of its default export)', async () => {
    const switchboard = await Switchboard.load({
      modules: ['@switchboard/xmpp', '@switchboard/profile-jabber'],
    });
    expect(switchboard.profiles().map((p) => p.id)).toEqual(['jabber']);
  });

  it("declares its package's version and a core range that includes this core", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(jabberModule.name).toBe(pkg.name);
    expect(jabberModule.version).toBe(pkg.version);
    expect(CORE_VERSION).toMatch(/^0\.1\./);
    expect(jabberModule.core).toBe('^0.1.0');
  });
});
