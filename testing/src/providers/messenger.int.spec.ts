import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { auth, connectTls, iq, loginAndBind, mechanisms, type Probe } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'messenger.test';
const MECH = 'X-MESSENGER-OAUTH2';
/** PROTOCOLS.md's vector: the URI-decoded Live token, base64 text with `/`, `+` and `=`. */
const LIVE_TOKEN = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=';

describe('mod_sb_messenger (X-MESSENGER-OAUTH2)', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  async function login(text: string | undefined, domain = HOST): Promise<string> {
    const probe = await connectTls(server, domain);
    try {
      return await auth(probe, MECH, text);
    } finally {
      probe.socket.destroy();
    }
  }

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'other.test' }] },
        { tokenFile: tokens.file, messenger: { domain: HOST } },
      ),
    );
    await tokens.issue({ token: LIVE_TOKEN, user: 'alice', host: HOST });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  describe('offer', () => {
    it('when a client connects to the messenger host, X-MESSENGER-OAUTH2 is the only mechanism', async () => {
      const probe = await connectTls(server, HOST);
      probe.socket.destroy();
      expect(mechanisms(probe.features)).toEqual([MECH]);
    });

    it('when a client connects to another host of the same server, it is not offered', async () => {
      const probe = await connectTls(server, 'other.test');
      probe.socket.destroy();
      expect(mechanisms(probe.features)).not.toContain(MECH);
      expect(mechanisms(probe.features)).toContain('PLAIN');
    });
  });

  describe('login', () => {
    it('when the <auth/> text is the token verbatim, the server answers <success/> without data', async () => {
      expect(await login(LIVE_TOKEN)).toMatch(/^<success[^>]*\/>/);
    });

    it('when the token is base64-encoded once more (the framework bug), it fails', async () => {
      const answer = await login(Buffer.from(LIVE_TOKEN).toString('base64'));
      expect(answer).toContain('<not-authorized/>');
      expect(answer).toContain('unknown token');
    });

    it('when the token is not canonical base64, the verbatim text still counts', async () => {
      await tokens.issue({ token: 'QUI', user: 'bob', host: HOST });
      expect(await login('QUI')).toMatch(/^<success/);
      expect(await login('QUI=')).toContain('<not-authorized/>');
    });

    it('when the token is unknown, fails with not-authorized', async () => {
      const answer = await login('bm90LWEtdG9rZW4=');
      expect(answer).toMatch(/^<failure[^>]*><not-authorized\/>/);
    });

    it('when no token is sent, fails with not-authorized', async () => {
      expect(await login(undefined)).toContain('<not-authorized/>');
      expect(await login('=')).toContain('<not-authorized/>');
    });

    it('when the token has expired, fails with not-authorized and says so', async () => {
      await tokens.issue({
        token: 'ZXhwaXJlZA==',
        user: 'alice',
        host: HOST,
        expiresAt: new Date(0),
      });
      const answer = await login('ZXhwaXJlZA==');
      expect(answer).toContain('<not-authorized/>');
      expect(answer).toContain('token expired');
    });

    it('when a token is revoked or expired while the server runs, the next login fails', async () => {
      await tokens.issue({ token: 'cmV2b2tlZA==', user: 'alice', host: HOST });
      await tokens.issue({ token: 'c29vbg==', user: 'alice', host: HOST });
      expect(await login('cmV2b2tlZA==')).toMatch(/^<success/);
      expect(await login('c29vbg==')).toMatch(/^<success/);
      await tokens.revoke('cmV2b2tlZA==');
      await tokens.expire('c29vbg==');
      expect(await login('cmV2b2tlZA==')).toContain('unknown token');
      expect(await login('c29vbg==')).toContain('token expired');
    });

    it('when the token was issued for another host, fails', async () => {
      await tokens.issue({ token: 'ZWxzZXdoZXJl', user: 'alice', host: 'other.test' });
      expect(await login('ZWxzZXdoZXJl')).toContain('another host');
    });

    it('when the token is restricted to another mechanism, fails', async () => {
      await tokens.issue({
        token: 'b2F1dGgy',
        user: 'alice',
        host: HOST,
        mechanisms: ['X-OAUTH2'],
      });
      expect(await login('b2F1dGgy')).toContain('not valid for X-MESSENGER-OAUTH2');
    });
  });

  describe('limits (mod_sb_messenger_limits)', () => {
    let probe: Probe;
    beforeAll(async () => {
      probe = await loginAndBind(server, HOST, MECH, LIVE_TOKEN);
    });
    afterAll(() => probe?.socket.destroy());

    it('when the roster is fetched, the server answers it', async () => {
      const answer = await iq(
        probe,
        "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>",
      );
      expect(answer).toMatch(/type=['"]result['"]/);
    });

    it('when a roster item is set, the server answers cancel/feature-not-implemented', async () => {
      const answer = await iq(
        probe,
        "<iq type='set' id='r2'><query xmlns='jabber:iq:roster'><item jid='bob@messenger.test'/></query></iq>",
      );
      expect(answer).toMatch(/type=['"]error['"]/);
      expect(answer).toMatch(/<error type=['"]cancel['"]><feature-not-implemented /);
    });

    it('when the own vCard is set, the server answers auth/forbidden; fetching still works', async () => {
      const set = await iq(
        probe,
        "<iq type='set' id='v1'><vCard xmlns='vcard-temp'><FN>Alice</FN></vCard></iq>",
      );
      expect(set).toMatch(/<error type=['"]auth['"]><forbidden /);
      const get = await iq(probe, "<iq type='get' id='v2'><vCard xmlns='vcard-temp'/></iq>");
      expect(get).toMatch(/item-not-found/);
    });
  });
});

describe('mod_sb_messenger_limits with allowRosterAdd', () => {
  it('when a new contact is added, it passes; renaming it afterwards is refused', async () => {
    const tokens = await TokenTable.create();
    const server = await startProsody(
      withProviders(
        {},
        { tokenFile: tokens.file, messenger: { domain: HOST, allowRosterAdd: true } },
      ),
    );
    try {
      await tokens.issue({ token: LIVE_TOKEN, user: 'alice', host: HOST });
      const probe = await loginAndBind(server, HOST, MECH, LIVE_TOKEN);
      const item = "<query xmlns='jabber:iq:roster'><item jid='bob@messenger.test'";
      const add = await iq(probe, `<iq type='set' id='a1'>${item}/></query></iq>`);
      const rename = await iq(probe, `<iq type='set' id='a2'>${item} name='Bobby'/></query></iq>`);
      probe.socket.destroy();
      expect(add).toMatch(/type=['"]result['"]/);
      expect(rename).toMatch(/<feature-not-implemented /);
    } finally {
      await server.stop();
      await tokens.remove();
    }
  });
});
