import {
  type Account,
  type AccountConfig,
  type ChatStateUpdate,
  type Credential,
  type InboundMessage,
  Switchboard,
} from '@switchboard/core';
import { facebookModule } from '@switchboard/profile-facebook';
import { gtalkModule } from '@switchboard/profile-gtalk';
import { jabberModule } from '@switchboard/profile-jabber';
import { type ProsodyServer, startProsody, TokenTable, withProviders } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { messengerModule } from './messengerModule';
import { decodeRedirectToken } from './xMessengerOAuth2';

const JABBER = 'jabber.test';
const MESSENGER = 'messenger.test';
const FACEBOOK = 'facebook.test';
const GTALK = 'gtalk.test';
const APP_ID = '123456789';
/** The Live token of PROTOCOLS.md, as it arrives URI-encoded in a redirect fragment. */
const LIVE_TOKEN = decodeRedirectToken(
  'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d',
);

function next<T>(
  account: Account,
  event: 'message' | 'chatState',
  match: (v: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    const listener = (v: T): void => {
      if (!match(v)) return;
      clearTimeout(timer);
      account.off(event, listener as never);
      resolve(v);
    };
    account.on(event, listener as never);
  });
}

describe('provider profiles against the emulated providers', () => {
  let server: ProsodyServer;
  let tokens: TokenTable;
  const switchboard = Switchboard.create({
    modules: [xmppModule, jabberModule, messengerModule, facebookModule, gtalkModule],
  });
  const open: Account[] = [];

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        {
          hosts: [
            { domain: JABBER, users: [{ username: 'jack', password: 'jack-pw' }] },
            { domain: MESSENGER, users: [{ username: 'mark', password: 'unused-pw' }] },
          ],
        },
        {
          tokenFile: tokens.file,
          messenger: { domain: MESSENGER },
          facebook: { domain: FACEBOOK, apiKey: APP_ID },
          gtalk: { domain: GTALK },
        },
      ),
    );
    await tokens.issue({ token: LIVE_TOKEN, user: 'mark', host: MESSENGER });
    await tokens.issue({ token: 'fb-access-token', user: 'fiona', host: FACEBOOK });
    await tokens.issue({
      token: 'ya29.google-token',
      user: 'greg',
      host: GTALK,
      mechanisms: ['X-OAUTH2'],
    });
    await tokens.issue({
      token: 'DQAAAclientlogin',
      user: 'gina',
      host: GTALK,
      mechanisms: ['X-GOOGLE-TOKEN'],
    });
    await tokens.issue({
      token: 'EwAAexpiredA',
      user: 'mark',
      host: MESSENGER,
      expiresAt: new Date(Date.now() - 60_000),
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  function account(
    profile: string,
    address: string,
    credential: Credential,
    extra: Partial<AccountConfig> = {},
  ): Account {
    const created = switchboard.createAccount({
      profile,
      address,
      credential,
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      ...extra,
    });
    open.push(created);
    return created;
  }

  const jack = (): Account =>
    account('jabber', `jack@${JABBER}`, { kind: 'password', password: 'jack-pw' });
  const mark = (extra: Partial<AccountConfig> = {}): Account =>
    account('messenger', `mark@${MESSENGER}`, { kind: 'oauth2', accessToken: LIVE_TOKEN }, extra);
  const fiona = (): Account =>
    account(
      'facebook',
      `fiona@${FACEBOOK}`,
      { kind: 'oauth2', accessToken: 'fb-access-token' },
      { parameters: { apiKey: APP_ID } },
    );
  const greg = (): Account =>
    account('gtalk', `greg@${GTALK}`, { kind: 'oauth2', accessToken: 'ya29.google-token' });
  const gina = (): Account =>
    account('gtalk', `gina@${GTALK}`, { kind: 'token', token: 'DQAAAclientlogin' });

  it.each([
    ['messenger', mark, 'X-MESSENGER-OAUTH2'],
    ['facebook', fiona, 'X-FACEBOOK-PLATFORM'],
    ['gtalk (OAuth2)', greg, 'X-OAUTH2'],
    ['gtalk (ClientLogin token)', gina, 'X-GOOGLE-TOKEN'],
  ])(
    '%s logs in with its token and exchanges messages with a Jabber account',
    async (_name, make, mechanism) => {
      const provider = make();
      const chosen: string[] = [];
      provider.on('mechanism', (m) => chosen.push(m));
      const peer = jack();
      await Promise.all([provider.connect(), peer.connect()]);
      expect(chosen).toEqual([mechanism]);

      const atPeer = next<InboundMessage>(
        peer,
        'message',
        (m) => m.body === `hello from ${mechanism}`,
      );
      await provider.sendMessage({ to: `jack@${JABBER}`, body: `hello from ${mechanism}` });
      await expect(atPeer).resolves.toMatchObject({ from: provider.address });
      const atProvider = next<InboundMessage>(provider, 'message', (m) => m.body === 'hello back');
      await peer.sendMessage({ to: provider.address ?? '', body: 'hello back' });
      await atProvider;
    },
  );

  it('Messenger and Facebook accounts talk to each other', async () => {
    const [m, f] = [mark(), fiona()];
    await Promise.all([m.connect(), f.connect()]);
    const got = next<InboundMessage>(f, 'message');
    await m.sendMessage({ to: `fiona@${FACEBOOK}`, body: 'across providers' });
    await expect(got).resolves.toMatchObject({ body: 'across providers', from: m.address });
  });

  it.each([
    ['an expired token', 'EwAAexpiredA'],
    ['a wrong token', 'AAAAwrongtokenAA'],
  ])('Messenger with %s fails with a coded auth error and no token in it', async (_name, token) => {
    // Its own account id: the instance's token store already holds mark's valid token.
    const m = account(
      'messenger',
      `mark@${MESSENGER}`,
      { kind: 'oauth2', accessToken: token },
      { id: `bad-token:${_name}` },
    );
    const error = await m.connect().catch((e: unknown) => e);
    // Without an OAuth2 client to refresh with, a refused token means: authorize again.
    expect(error).toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { reason: 'rejected', condition: 'not-authorized', mechanism: 'X-MESSENGER-OAUTH2' },
    });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(token);
    expect(m.state).toBe('reauth-required');
  });

  it('a Messenger account without a token gets no mechanism, and the trace says why', async () => {
    const m = account('messenger', `mark@${MESSENGER}`, { kind: 'password', password: 'pw' });
    await expect(m.connect()).rejects.toMatchObject({
      code: 'SB_SASL_NO_MECHANISM',
      message: expect.stringContaining(
        'no registered mechanism allowed for this account uses a password credential',
      ),
      details: {
        trace: [
          { mechanism: 'X-MESSENGER-OAUTH2', outcome: 'skipped', reason: 'missing-credential' },
        ],
        usable: [],
        credentialKinds: ['password'],
        needs: { 'X-MESSENGER-OAUTH2': ['oauth2'] },
      },
    });
  });

  it('Facebook with a wrong app id and Google with a wrong token fail with coded auth errors', async () => {
    const f = account(
      'facebook',
      `fiona@${FACEBOOK}`,
      { kind: 'oauth2', accessToken: 'fb-access-token' },
      { parameters: { apiKey: '999' }, id: 'facebook:wrong-app-id' },
    );
    await expect(f.connect()).rejects.toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { condition: 'not-authorized', mechanism: 'X-FACEBOOK-PLATFORM' },
    });
    const g = account(
      'gtalk',
      `greg@${GTALK}`,
      { kind: 'oauth2', accessToken: 'ya29.wrong' },
      { id: 'gtalk:wrong-token' },
    );
    await expect(g.connect()).rejects.toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { condition: 'not-authorized', mechanism: 'X-OAUTH2' },
    });
  });

  it('Messenger refuses roster changes and vCard updates up front, and the server refuses them too', async () => {
    const m = mark();
    await m.connect();
    await expect(m.addContact({ address: `jack@${JABBER}` })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { profile: 'messenger', capability: 'roster.write' },
    });
    await expect(m.setVCard({ fullName: 'Mark' })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { profile: 'messenger', capability: 'vcard.write' },
    });
    expect((await m.getRoster()).map((i) => i.address)).not.toContain(`jack@${JABBER}`);

    const unchecked = mark({ enforceCapabilities: false, resource: 'unchecked' });
    await unchecked.connect();
    await expect(unchecked.addContact({ address: `jack@${JABBER}` })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_REFUSED',
      details: {
        profile: 'messenger',
        capability: 'roster.write',
        condition: 'feature-not-implemented',
      },
    });
    await expect(unchecked.setVCard({ fullName: 'Mark' })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_REFUSED',
      details: { profile: 'messenger', capability: 'vcard.write', condition: 'forbidden' },
    });
    await expect(m.getVCard(`jack@${JABBER}`)).resolves.toEqual({});
  });

  it('Facebook refuses roster changes on the server too', async () => {
    const f = account(
      'facebook',
      `fiona@${FACEBOOK}`,
      { kind: 'oauth2', accessToken: 'fb-access-token' },
      {
        parameters: { apiKey: APP_ID },
        enforceCapabilities: false,
      },
    );
    await f.connect();
    await expect(f.addContact({ address: `jack@${JABBER}` })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_REFUSED',
      details: { profile: 'facebook', condition: 'feature-not-implemented' },
    });
  });

  it('Messenger only sends chat messages', async () => {
    const m = mark();
    await m.connect();
    await expect(
      m.sendMessage({ to: `jack@${JABBER}`, body: 'x', type: 'normal' }),
    ).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { capability: 'messageTypes' },
    });
  });

  it('Messenger receives chat states and delayed messages as typed events', async () => {
    const j = jack();
    await j.connect();
    await j.sendMessage({ to: `mark@${MESSENGER}`, body: 'sent while you were offline' });
    await new Promise((r) => setTimeout(r, 50));

    const m = mark();
    const delayed = next<InboundMessage>(
      m,
      'message',
      (msg) => msg.body === 'sent while you were offline',
    );
    await m.connect();
    const message = await delayed;
    expect(message.delay?.stamp).toBeInstanceOf(Date);
    expect(message.delay?.from).toBe(MESSENGER);

    const typing = next<ChatStateUpdate>(m, 'chatState');
    await j.sendChatState(`mark@${MESSENGER}`, 'composing');
    await expect(typing).resolves.toEqual({ from: j.address, state: 'composing' });
  });
});
