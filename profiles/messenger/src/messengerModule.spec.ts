import { Switchboard } from '@switchboard/core';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { XmppPlugin, xmppModule } from '@switchboard/xmpp';
import { MessengerProfile } from './MessengerProfile';
import { messengerModule } from './messengerModule';

describe('provider profile modules', () => {
  const switchboard = Switchboard.create({
    modules: [xmppModule, jabberModule, messengerModule, facebookModule, gtalkModule],
  });

  it('when all four are loaded, each profile is an XmppPlugin with its own mechanisms', () => {
    expect(switchboard.profiles().map((p) => [p.id, p.mechanisms])).toEqual([
      ['jabber', ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']],
      ['messenger', ['X-MESSENGER-OAUTH2']],
      ['facebook', ['X-FACEBOOK-PLATFORM']],
      ['gtalk', ['X-OAUTH2', 'X-GOOGLE-TOKEN']],
    ]);
    const messenger = switchboard.createAccount({
      profile: 'messenger',
      address: 'a@messenger.live.com',
      credential: { kind: 'oauth2', accessToken: 'x' },
    });
    expect(messenger.profile.server).toEqual({
      host: 'xmpp.messenger.live.com',
      port: 5222,
      tls: 'starttls',
    });
    expect(new MessengerProfile(switchboard.registry)).toBeInstanceOf(XmppPlugin);
  });

  it('when loaded, the provider mechanisms are in the registry', () => {
    const names = switchboard.registry.list().map((e) => e.mechanism.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'X-MESSENGER-OAUTH2',
        'X-FACEBOOK-PLATFORM',
        'X-OAUTH2',
        'X-GOOGLE-TOKEN',
      ]),
    );
  });

  it('declares what each provider cannot do', () => {
    const byId = Object.fromEntries(switchboard.profiles().map((p) => [p.id, p]));
    expect(byId.messenger?.capabilities).toMatchObject({
      'roster.write': false,
      'vcard.write': false,
      messageTypes: ['chat'],
    });
    expect(byId.facebook?.capabilities).toMatchObject({
      'roster.write': false,
      messageTypes: ['chat'],
    });
    expect(byId.gtalk?.capabilities['roster.write']).toBe(true);
    for (const id of ['messenger', 'facebook', 'gtalk']) {
      expect([id, byId[id]?.capabilities]).toEqual([
        id,
        expect.objectContaining({
          rooms: false,
          history: false,
          otherDevices: false,
          receipts: false,
          readMarkers: false,
        }),
      ]);
    }
    expect(byId.messenger?.oauth2?.scopes).toEqual(['wl.messenger', 'wl.offline_access']);
  });

  it('when a Messenger account has no OAuth2 token, the registry reports the missing credential', () => {
    const { mechanism, trace } = switchboard.registry.select(['X-MESSENGER-OAUTH2'], {
      secure: true,
      credentialKinds: ['password'],
      profileMechanisms: ['X-MESSENGER-OAUTH2'],
    });
    expect(mechanism).toBeUndefined();
    expect(trace).toEqual([
      { mechanism: 'X-MESSENGER-OAUTH2', outcome: 'skipped', reason: 'missing-credential' },
    ]);
  });
});
