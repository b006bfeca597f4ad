import { type Account, type Switchboard, SwitchboardError } from '@switchboard/core';
import { type ErgoServer, makeClientCertificate, startErgo } from '@switchboard/testing';
import { ergoAccount, ircSwitchboard, nextMessages } from './test/ircTestKit';

describe('IrcPlugin on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  const accounts: Account[] = [];
  let cert: Awaited<ReturnType<typeof makeClientCertificate>>;

  beforeAll(async () => {
    cert = await makeClientCertificate('carol');
    server = await startErgo({
      accounts: [
        { name: 'alice', password: 'alice-secret-1' },
        { name: 'bob', password: 'bob-secret-2' },
        { name: 'carol', password: 'carol-secret-3', certfp: cert.certfp },
      ],
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    switchboard = ircSwitchboard();
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
  });

  function account(
    ...args: Parameters<typeof ergoAccount> extends [unknown, ...infer R] ? R : never
  ): Account {
    const created = switchboard.createAccount(ergoAccount(server, ...args));
    accounts.push(created);
    return created;
  }

  it.each(['PLAIN', 'SCRAM-SHA-256'])(
    'logs in with %s over TLS and reports the mechanism',
    async (mechanism) => {
      const alice = account('alice', 'alice-secret-1', { mechanisms: [mechanism] });
      const chosen = new Promise<string>((resolve) => alice.on('mechanism', resolve));
      await alice.connect();
      expect(await chosen).toBe(mechanism);
      expect(alice.state).toBe('online');
      expect(alice.address).toBe(`alice@${server.host}`);
    },
  );

  it('logs in with EXTERNAL through a client certificate', async () => {
    const carol = account('carol', 'unused', {
      credential: { kind: 'certificate', cert: cert.cert, key: cert.key },
    });
    const chosen = new Promise<string>((resolve) => carol.on('mechanism', resolve));
    await carol.connect();
    expect(await chosen).toBe('EXTERNAL');
  });

  it('refuses a wrong password with SB_SASL_FAILURE and sends nothing more', async () => {
    const alice = account('alice', 'wrong-password');
    const failure = await alice.connect().catch((error: unknown) => error);
    expect(SwitchboardError.is(failure, 'SB_SASL_FAILURE')).toBe(true);
    expect(alice.state).toBe('failed');
  });

  it('delivers messages both ways, confirmed by echo-message, in order', async () => {
    const alice = account('alice', 'alice-secret-1');
    const bob = account('bob', 'bob-secret-2');
    await Promise.all([alice.connect(), bob.connect()]);
    const received = nextMessages(bob, 20);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => alice.sendMessage({ to: 'bob', body: `message ${i}` })),
    );
    expect(results.every((r) => r.acknowledged)).toBe(true);
    const got = await received;
    expect(got.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `message ${i}`));
    expect(got.every((m) => m.from === 'alice' && m.type === 'chat')).toBe(true);
  });

  it('splits a long message at the byte limit on character boundaries and sends it whole', async () => {
    const alice = account('alice', 'alice-secret-1');
    const bob = account('bob', 'bob-secret-2');
    await Promise.all([alice.connect(), bob.connect()]);
    const body = 'ü€😀 '.repeat(300).trim();
    const received = new Promise<string>((resolve) => {
      let text = '';
      bob.on('message', (m) => {
        text += m.body;
        if (text.length >= body.length) resolve(text);
      });
    });
    const result = await alice.sendMessage({ to: 'bob', body });
    expect(result.acknowledged).toBe(true);
    const text = await received;
    expect(text.replace(/\s/g, '')).toBe(body.replace(/\s/g, ''));
  });

  it('rejects a message to a nick nobody holds with SB_MESSAGE_BOUNCED and emits bounced', async () => {
    const alice = account('alice', 'alice-secret-1');
    await alice.connect();
    const bounced = new Promise<unknown>((resolve) => alice.on('bounced', resolve));
    const failure = await alice
      .sendMessage({ to: 'nobody', body: 'hello?' })
      .catch((e: unknown) => e);
    expect(SwitchboardError.is(failure, 'SB_MESSAGE_BOUNCED')).toBe(true);
    expect((failure as SwitchboardError).details.condition).toBe('no-such-nick');
    expect(await bounced).toMatchObject({ to: 'nobody' });
  });

  it('carries typing notifications through the +typing client tag', async () => {
    const alice = account('alice', 'alice-secret-1');
    const bob = account('bob', 'bob-secret-2');
    await Promise.all([alice.connect(), bob.connect()]);
    const state = new Promise<unknown>((resolve) => bob.on('chatState', resolve));
    await alice.sendChatState('bob', 'composing');
    expect(await state).toEqual({ from: 'alice', state: 'composing' });
  });

  it('pings the server', async () => {
    const alice = account('alice', 'alice-secret-1');
    await alice.connect();
    expect(await alice.ping()).toBeGreaterThanOrEqual(0);
  });

  it('refuses what IRC cannot do before sending', async () => {
    const alice = account('alice', 'alice-secret-1');
    await alice.connect();
    await expect(alice.getVCard()).rejects.toMatchObject({ code: 'SB_CAPABILITY_UNSUPPORTED' });
    await expect(alice.getRoster()).rejects.toMatchObject({ code: 'SB_CAPABILITY_UNSUPPORTED' });
  });
});
