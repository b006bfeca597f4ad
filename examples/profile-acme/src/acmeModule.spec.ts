import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Switchboard } from '@switchboard/core';
import { acmeModule } from './acmeModule';

describe('the Acme profile package', () => {
  it('is loaded by package name after the XMPP plugin, with OAUTHBEARER registered', async () => {
    const switchboard = await Switchboard.load({
      modules: ['@switchboard/xmpp', '@acme/switchboard-profile-acme'],
    });
    expect(switchboard.profiles().map((p) => p.id)).toEqual(['acme']);
    expect(switchboard.registry.list().map((e) => e.mechanism.name)).toContain('OAUTHBEARER');
  });

  it('refuses to load without the XMPP plugin before it', () => {
    expect(() => Switchboard.create({ modules: [acmeModule] })).toThrow(
      expect.objectContaining({
        code: 'SB_DEPENDENCY_MISSING',
        details: expect.objectContaining({ missing: '@switchboard/xmpp' }),
      }),
    );
  });

  it("declares its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([acmeModule.name, acmeModule.version]).toEqual([pkg.name, pkg.version]);
  });
});
