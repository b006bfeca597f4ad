import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProfilePluginToken, Switchboard } from '@switchboard/core';
import { IrcPlugin, ircDefaults, ircModule } from '@switchboard/irc';
import { LiberaProfile, liberaProfile } from './LiberaProfile';
import { liberaModule } from './liberaModule';

describe('liberaModule', () => {
  it("when loaded with ircModule, provides the libera profile with Libera's server and mechanisms", () => {
    const switchboard = Switchboard.create({ modules: [ircModule, liberaModule] });
    const plugins = switchboard.container.getAll(ProfilePluginToken);
    expect(plugins[0]).toBeInstanceOf(LiberaProfile);
    expect(plugins[0]).toBeInstanceOf(IrcPlugin);
    const [profile] = switchboard.profiles();
    expect(profile).toMatchObject({
      id: 'libera',
      protocol: 'irc',
      server: { host: 'irc.libera.chat', port: 6697, tls: 'direct' },
      mechanisms: ['EXTERNAL', 'ECDSA-NIST256P-CHALLENGE', 'PLAIN'],
      credentialKinds: ['password', 'certificate', 'ecdsa-p256'],
    });
    expect(profile?.capabilities).toMatchObject({
      'roster.read': false,
      'roster.write': false,
      subscriptions: false,
      'vcard.read': false,
      'vcard.write': false,
    });
  });

  describe('capabilities', () => {
    const [profile] = Switchboard.create({ modules: [ircModule, liberaModule] }).profiles();
    const overridden = ['history', 'otherDevices', 'readMarkers'];

    it('when the network offers no chathistory, multi-client or read-marker, declares them off', () => {
      expect(profile?.capabilities.history).toBe(false);
      expect(profile?.capabilities.otherDevices).toBe(false);
      expect(profile?.capabilities.readMarkers).toBe(false);
    });

    it("when Libera offers what the IRC plugin uses (channels, echo-message), keeps the plugin's value", () => {
      const inherited = Object.entries(ircDefaults.capabilities).filter(
        ([name]) => !overridden.includes(name),
      );
      expect(inherited.map(([name]) => name)).toEqual(
        expect.arrayContaining(['rooms', 'receipts', 'chatStates', 'watch']),
      );
      expect(
        Object.entries(profile?.capabilities ?? {}).filter(([name]) => !overridden.includes(name)),
      ).toEqual(inherited);
    });
  });

  it('every mechanism it allows is registered by ircModule', () => {
    const { registry } = Switchboard.create({ modules: [ircModule, liberaModule] });
    const registered = registry.list().map((e) => e.mechanism.name);
    expect(liberaProfile.mechanisms.filter((m) => !registered.includes(m))).toEqual([]);
  });

  it('keeps alive with a PING probe well within the server ping interval', () => {
    expect(liberaProfile.liveness).toEqual({
      keepaliveMs: 90_000,
      keepalive: 'probe',
      probeAfterMs: 150_000,
      probeTimeoutMs: 30_000,
    });
  });

  it('without the IRC plugin loaded first, fails with SB_DEPENDENCY_MISSING', () => {
    expect(() => Switchboard.create({ modules: [liberaModule, ircModule] })).toThrow(
      expect.objectContaining({ code: 'SB_DEPENDENCY_MISSING' }),
    );
  });

  it("declares its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([liberaModule.name, liberaModule.version]).toEqual([pkg.name, pkg.version]);
  });
});
