import { createHash } from 'node:crypto';
import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import {
  auth,
  b64,
  bind,
  challengeText,
  connectTls,
  iq,
  mechanisms,
  type Probe,
  respond,
} from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'facebook.test';
const MECH = 'X-FACEBOOK-PLATFORM';
const TOKEN = 'fb-access-token';

/** `version=1&method=auth.xmpp_login&nonce=…` → its fields. */
const form = (text: string): URLSearchParams => new URLSearchParams(text);

/** The legacy signature: md5hex(sorted "k=v" pairs + secret), PROTOCOLS.md. */
function legacySig(fields: Record<string, string>, secret: string): string {
  const pairs = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`);
  return createHash('md5')
    .update(pairs.join('') + secret)
    .digest('hex');
}

describe('mod_sb_facebook (X-FACEBOOK-PLATFORM)', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  /** Sends the empty <auth/> and returns the probe and the decoded challenge. */
  async function start(): Promise<{ probe: Probe; nonce: string; challenge: string }> {
    const probe = await connectTls(server, HOST);
    const challenge = challengeText(await auth(probe, MECH, undefined)) ?? '';
    return { probe, nonce: form(challenge).get('nonce') ?? '', challenge };
  }

  async function answer(fields: Record<string, string>): Promise<string> {
    const { probe, nonce } = await start();
    try {
      const body = new URLSearchParams({ nonce, ...fields }).toString();
      return await respond(probe, b64(body));
    } finally {
      probe.socket.destroy();
    }
  }

  const good = {
    method: 'auth.xmpp_login',
    api_key: 'APIKEY',
    access_token: TOKEN,
    call_id: '0',
    v: '1.0',
  };

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'other.test' }] },
        {
          tokenFile: tokens.file,
          facebook: { domain: HOST, apiKey: 'APIKEY', appSecret: 'SECRET' },
        },
      ),
    );
    await tokens.issue({ token: TOKEN, user: 'alice', host: HOST });
    await tokens.issue({ token: 'SESSIONKEY', user: 'bob', host: HOST });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when connecting, only the facebook host offers X-FACEBOOK-PLATFORM', async () => {
    const fb = await connectTls(server, HOST);
    const other = await connectTls(server, 'other.test');
    fb.socket.destroy();
    other.socket.destroy();
    expect(mechanisms(fb.features)).toEqual([MECH]);
    expect(mechanisms(other.features)).not.toContain(MECH);
  });

  it('when <auth/> is empty, the server challenges with version, method and a hex nonce', async () => {
    const first = await start();
    const second = await start();
    first.probe.socket.destroy();
    second.probe.socket.destroy();
    expect(first.challenge).toMatch(/^version=1&method=auth\.xmpp_login&nonce=[0-9A-F]{32}$/);
    expect(second.nonce).not.toBe(first.nonce);
  });

  it("when <auth/> carries '=' (an empty initial response), the server challenges too", async () => {
    const probe = await connectTls(server, HOST);
    const challenge = challengeText(await auth(probe, MECH, '='));
    probe.socket.destroy();
    expect(challenge).toMatch(/^version=1&method=auth\.xmpp_login&nonce=[0-9A-F]{32}$/);
  });

  it('when the response echoes method and nonce with the app id and a valid token, it succeeds', async () => {
    expect(await answer(good)).toMatch(/^<success/);
  });

  it('when the fields come in another order with an empty call_id, it still succeeds', async () => {
    const { probe, nonce } = await start();
    const body = `v=1.0&call_id=&access_token=${TOKEN}&nonce=${nonce}&api_key=APIKEY&method=auth.xmpp_login`;
    const result = await respond(probe, b64(body));
    probe.socket.destroy();
    expect(result).toMatch(/^<success/);
  });

  it.each([
    ['the api_key is wrong', { api_key: 'OTHER' }, 'api_key'],
    ['the token is unknown', { access_token: 'nope' }, 'unknown token'],
    ['the method is wrong', { method: 'auth.login' }, 'method'],
    ['v is not 1.0', { v: '2.0' }, 'v must be 1.0'],
    ['the nonce is not echoed', { nonce: 'ABCDEF' }, 'nonce'],
  ])('when %s, fails with not-authorized', async (_, change, text) => {
    const result = await answer({ ...good, ...change });
    expect(result).toContain('<not-authorized/>');
    expect(result).toContain(text);
  });

  it('when the token has expired, fails', async () => {
    await tokens.issue({
      token: 'old',
      user: 'alice',
      host: HOST,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await answer({ ...good, access_token: 'old' })).toContain('token expired');
  });

  it('when the client sends text with <auth/>, fails: the mechanism is server-first', async () => {
    const probe = await connectTls(server, HOST);
    const result = await auth(probe, MECH, b64('access_token=x'));
    probe.socket.destroy();
    expect(result).toContain('<malformed-request/>');
  });

  describe('legacy sig variant (appSecret set)', () => {
    it("when the test's signature helper is fed the PROTOCOLS.md vector, it gives the published sig", () => {
      const vector = {
        api_key: 'APIKEY',
        call_id: '1300000000000',
        method: 'auth.xmpp_login',
        nonce: 'AA4EFEE16F2AB64B131EEFFE6EACDDB8',
        session_key: 'SESSIONKEY',
        v: '1.0',
      };
      expect(legacySig(vector, 'SECRET')).toBe('2fc2ba53749059975706dbbc9188edc0');
    });

    it.each([
      ['the sig verifies', 'SECRET', /^<success/],
      ['the sig was made with another secret', 'WRONG', /sig does not verify/],
    ])('when session_key is valid and %s', async (_, secret, expected) => {
      const { probe, nonce } = await start();
      const fields = {
        api_key: 'APIKEY',
        call_id: '1300000000000',
        method: 'auth.xmpp_login',
        nonce,
        session_key: 'SESSIONKEY',
        v: '1.0',
      };
      const body = new URLSearchParams({ ...fields, sig: legacySig(fields, secret) }).toString();
      const result = await respond(probe, b64(body));
      probe.socket.destroy();
      expect(result).toMatch(expected);
    });
  });

  describe('limits (mod_sb_facebook_limits)', () => {
    it('when a roster item is set after login, the server answers cancel/feature-not-implemented', async () => {
      const { probe, nonce } = await start();
      try {
        const body = new URLSearchParams({ ...good, nonce }).toString();
        expect(await respond(probe, b64(body))).toMatch(/^<success/);
        await bind(probe, HOST);
        const result = await iq(
          probe,
          "<iq type='set' id='r1'><query xmlns='jabber:iq:roster'><item jid='bob@facebook.test'/></query></iq>",
        );
        expect(result).toMatch(/<error type=['"]cancel['"]><feature-not-implemented /);
      } finally {
        probe.socket.destroy();
      }
    });
  });
});

describe('mod_sb_facebook with a fixed nonce (sb_facebook_nonce)', () => {
  it('when replaying the PROTOCOLS.md legacy vector byte for byte, the server accepts it', async () => {
    const tokens = await TokenTable.create();
    const server = await startProsody(
      withProviders(
        {},
        {
          tokenFile: tokens.file,
          facebook: {
            domain: HOST,
            apiKey: 'APIKEY',
            appSecret: 'SECRET',
            nonce: 'AA4EFEE16F2AB64B131EEFFE6EACDDB8',
          },
        },
      ),
    );
    try {
      await tokens.issue({ token: 'SESSIONKEY', user: 'bob', host: HOST });
      const probe = await connectTls(server, HOST);
      const challenge = challengeText(await auth(probe, MECH, undefined));
      const body =
        'api_key=APIKEY&call_id=1300000000000&method=auth.xmpp_login&nonce=AA4EFEE16F2AB64B131EEFFE6EACDDB8' +
        '&session_key=SESSIONKEY&v=1.0&sig=2fc2ba53749059975706dbbc9188edc0';
      const result = await respond(probe, b64(body));
      probe.socket.destroy();
      expect(challenge).toBe(
        'version=1&method=auth.xmpp_login&nonce=AA4EFEE16F2AB64B131EEFFE6EACDDB8',
      );
      expect(result).toMatch(/^<success/);
    } finally {
      await server.stop();
      await tokens.remove();
    }
  });
});
