import { type Account, type StanzaLogEntry, Switchboard } from '@switchboard/core';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { type ProsodyServer, startProsody, TokenTable, withProviders } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { messengerModule } from './messengerModule';

const LIVE_TOKEN = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=';
const SECRETS = ['jack-password-1', LIVE_TOKEN, 'fb-secret-token', 'ya29.google-secret'];

/** Every form a secret could take on the wire: as is, base64, and inside SASL payloads. */
function forms(secret: string): string[] {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return [
    secret,
    b64(secret),
    b64(`\u0000jack\u0000${secret}`),
    b64(`\u0000greg@gtalk.test\u0000${secret}`),
    encodeURIComponent(secret),
  ];
}

describe('the stanza log during full logins on every profile', () => {
  let server: ProsodyServer;
  let tokens: TokenTable;
  const entries: StanzaLogEntry[] = [];
  const accounts: Account[] = [];

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        {
          hosts: [
            { domain: 'jabber.test', users: [{ username: 'jack', password: 'jack-password-1' }] },
          ],
        },
        {
          tokenFile: tokens.file,
          messenger: { domain: 'messenger.test' },
          facebook: { domain: 'facebook.test', apiKey: '4242' },
          gtalk: { domain: 'gtalk.test' },
        },
      ),
    );
    await tokens.issue({ token: LIVE_TOKEN, user: 'mark', host: 'messenger.test' });
    await tokens.issue({ token: 'fb-secret-token', user: 'fiona', host: 'facebook.test' });
    await tokens.issue({ token: 'ya29.google-secret', user: 'greg', host: 'gtalk.test' });

    const switchboard = Switchboard.create({
      modules: [xmppModule, jabberModule, messengerModule, facebookModule, gtalkModule],
      stanzaLog: (entry) => entries.push(entry),
    });
    const common = { server: { host: server.host, port: server.port }, tls: { ca: server.ca } };
    accounts.push(
      switchboard.createAccount({
        ...common,
        profile: 'jabber',
        address: 'jack@jabber.test',
        credential: { kind: 'password', password: 'jack-password-1' },
        mechanisms: ['PLAIN'],
      }),
      switchboard.createAccount({
        ...common,
        id: 'jack-scram',
        profile: 'jabber',
        address: 'jack@jabber.test',
        credential: { kind: 'password', password: 'jack-password-1' },
      }),
      switchboard.createAccount({
        ...common,
        profile: 'messenger',
        address: 'mark@messenger.test',
        credential: { kind: 'oauth2', accessToken: LIVE_TOKEN },
      }),
      switchboard.createAccount({
        ...common,
        profile: 'facebook',
        address: 'fiona@facebook.test',
        credential: { kind: 'oauth2', accessToken: 'fb-secret-token' },
        parameters: { apiKey: '4242' },
      }),
      switchboard.createAccount({
        ...common,
        profile: 'gtalk',
        address: 'greg@gtalk.test',
        credential: { kind: 'oauth2', accessToken: 'ya29.google-secret' },
      }),
    );
    for (const account of accounts) await account.connect();
    const [jack, , mark] = accounts;
    await jack?.sendMessage({ to: 'mark@messenger.test', body: 'logged hello' });
    await mark?.sendMessage({ to: 'jack@jabber.test', body: 'logged reply' });
    await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await Promise.all(accounts.map((a) => a.disconnect()));
    await server?.stop();
    await tokens?.remove();
  });

  it('logs every SASL step, each payload redacted, with the account that made it', () => {
    const auths = entries.filter((e) => e.direction === 'out' && e.text.startsWith('<auth '));
    expect(auths.map((e) => e.account).sort()).toEqual([
      'facebook:fiona@facebook.test',
      'gtalk:greg@gtalk.test',
      'jabber:jack@jabber.test',
      'jack-scram',
      'messenger:mark@messenger.test',
    ]);
    for (const auth of auths) expect(auth.text).toMatch(/>\[redacted\]<\/auth>$|\/>$/);
    expect(
      entries.some(
        (e) =>
          e.direction === 'in' && e.text.startsWith('<challenge') && e.text.includes('[redacted]'),
      ),
    ).toBe(true);
    expect(entries.some((e) => e.direction === 'in' && e.text.startsWith('<success'))).toBe(true);
  });

  it('logs stanzas both ways, so it is a real trace', () => {
    expect(entries.some((e) => e.direction === 'out' && e.text.includes('logged hello'))).toBe(
      true,
    );
    expect(
      entries.some(
        (e) =>
          e.direction === 'in' &&
          e.account === 'messenger:mark@messenger.test' &&
          e.text.includes('logged hello'),
      ),
    ).toBe(true);
    expect(entries.some((e) => e.direction === 'in' && e.text.includes('<bind'))).toBe(true);
  });

  it('contains no password or token in any form', () => {
    const everything = entries.map((e) => e.text).join('\n');
    expect(entries.length).toBeGreaterThan(30);
    for (const secret of SECRETS) {
      for (const form of forms(secret)) expect(everything).not.toContain(form);
    }
  });
});
