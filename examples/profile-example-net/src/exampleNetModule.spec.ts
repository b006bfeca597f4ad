import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Switchboard } from '@switchboard/core';
import { ircDefaults, ircModule } from '@switchboard/irc';
import { exampleNetModule } from './exampleNetModule';

describe('exampleNetModule', () => {
  it('when loaded after ircModule, adds the example-net profile with its declaration', () => {
    const switchboard = Switchboard.create({ modules: [ircModule, exampleNetModule] });
    expect(switchboard.profiles()).toEqual([
      expect.objectContaining({
        id: 'example-net',
        protocol: 'irc',
        mechanisms: ['EXTERNAL', 'SCRAM-SHA-256'],
        capabilities: expect.objectContaining({
          chatStates: false,
          messageTypes: ['chat', 'groupchat'],
        }),
      }),
    ]);
  });

  it('when declaring conversations, turns off what ExampleNet lacks and keeps channels and echoes', () => {
    const [profile] = Switchboard.create({ modules: [ircModule, exampleNetModule] }).profiles();
    expect(profile?.capabilities).toMatchObject({
      history: false,
      otherDevices: false,
      readMarkers: false,
    });
    expect([profile?.capabilities.rooms, profile?.capabilities.receipts]).toEqual([
      ircDefaults.capabilities.rooms,
      ircDefaults.capabilities.receipts,
    ]);
  });

  it('without the IRC plugin loaded first, fails with SB_DEPENDENCY_MISSING', () => {
    expect(() => Switchboard.create({ modules: [exampleNetModule, ircModule] })).toThrow(
      expect.objectContaining({ code: 'SB_DEPENDENCY_MISSING' }),
    );
  });

  it("declares its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([exampleNetModule.name, exampleNetModule.version]).toEqual([pkg.name, pkg.version]);
  });
});
