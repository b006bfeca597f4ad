import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProfilePluginToken, Switchboard } from '@switchboard/core';
import { IrcPlugin, ircDefaults, ircModule } from '@switchboard/irc';
import { IrcProfile } from './IrcProfile';
import { ircProfileModule } from './ircProfileModule';

describe('ircProfileModule', () => {
  it('when loaded with ircModule, provides the irc profile as an IrcPlugin subclass', () => {
    const switchboard = Switchboard.create({ modules: [ircModule, ircProfileModule] });
    const plugins = switchboard.container.getAll(ProfilePluginToken);
    expect(plugins).toHaveLength(1);
    expect(plugins[0]).toBeInstanceOf(IrcProfile);
    expect(plugins[0]).toBeInstanceOf(IrcPlugin);
    expect(switchboard.profiles().map((p) => [p.id, p.protocol, p.server, p.mechanisms])).toEqual([
      [
        'irc',
        'irc',
        { port: 6697, tls: 'direct' },
        ['SCRAM-SHA-256', 'EXTERNAL', 'ECDSA-NIST256P-CHALLENGE', 'PLAIN'],
      ],
    ]);
  });

  it('declares what IRC lacks as unsupported, and everything else as the IRC plugin does', () => {
    const [profile] = Switchboard.create({ modules: [ircModule, ircProfileModule] }).profiles();
    expect(profile?.capabilities).toEqual(ircDefaults.capabilities);
    expect(profile?.capabilities).toMatchObject({
      'roster.read': false,
      'roster.write': false,
      subscriptions: false,
      'vcard.read': false,
      'vcard.write': false,
      watch: true,
      rooms: true,
      history: true,
      otherDevices: true,
      messageTypes: ['chat', 'headline', 'groupchat'],
    });
  });

  it('without the IRC plugin loaded first, fails with SB_DEPENDENCY_MISSING', () => {
    expect(() => Switchboard.create({ modules: [ircProfileModule, ircModule] })).toThrow(
      expect.objectContaining({
        code: 'SB_DEPENDENCY_MISSING',
        details: { module: '@switchboard/profile-irc', missing: '@switchboard/irc', loaded: [] },
      }),
    );
  });

  it('loads by package name (dynamic import of its default export)', async () => {
    const switchboard = await Switchboard.load({
      modules: ['@switchboard/irc', '@switchboard/profile-irc'],
    });
    expect(switchboard.profiles().map((p) => p.id)).toEqual(['irc']);
  });

  it("declares its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([ircProfileModule.name, ircProfileModule.version]).toEqual([pkg.name, pkg.version]);
  });
});
