import {
  type Account,
  type AccountConfig,
  type InboundMessage,
  type PresenceUpdate,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody, startWireTap } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'jabber.test';

function nextEvent<T>(
  account: Account,
  event: 'message' | 'presence',
  match: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no matching ${event} event within 5 s`)),
      5000,
    );
    const listener = (value: T): void => {
      if (!match(value)) return;
      clearTimeout(timer);
      account.off(event, listener as never);
      resolve(value);
    };
    account.on(event, listener as never);
  });
}

describe('Jabber profile on a real Prosody', () => {
  let server: ProsodyServer;
  let switchboard: Switchboard;
  const open: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        {
          domain: DOMAIN,
          users: [
            { username: 'alice', password: 'alice-pw' },
            { username: 'bob', password: 'bob-pw' },
          ],
        },
      ],
    });
    switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });

  afterAll(async () => {
    await server?.stop();
  });

  function account(user: string, password: string, extra: Partial<AccountConfig> = {}): Account {
    const created = switchboard.createAccount({
      profile: 'jabber',
      address: `${user}@${DOMAIN}`,
      credential: { kind: 'password', password },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
      ...extra,
    });
    open.push(created);
    return created;
  }

  async function loginPair(
    extra: Partial<AccountConfig> = {},
  ): Promise<{ alice: Account; bob: Account; mechanisms: string[] }> {
    const alice = account('alice', 'alice-pw', extra);
    const bob = account('bob', 'bob-pw', extra);
    const mechanisms: string[] = [];
    for (const a of [alice, bob]) a.on('mechanism', (m) => mechanisms.push(m));
    await Promise.all([alice.connect(), bob.connect()]);
    return { alice, bob, mechanisms };
  }

  it('logs two accounts in over STARTTLS with SCRAM-SHA-256-PLUS (tls-exporter), and they talk both ways', async () => {
    const { alice, bob, mechanisms } = await loginPair();
    expect(mechanisms).toEqual(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256-PLUS']);
    expect(alice.state).toBe('online');
    expect(alice.address).toMatch(new RegExp(`^alice@${DOMAIN}/.+`));

    // Mutual subscription, so each sees the other's presence.
    const bobAsked = new Promise<void>((resolve) =>
      bob.once('subscription', (u) => u.type === 'subscribe' && resolve()),
    );
    await alice.subscribe(`bob@${DOMAIN}`);
    await bobAsked;
    await bob.approveSubscription(`alice@${DOMAIN}`);
    const aliceAsked = new Promise<void>((resolve) =>
      alice.once('subscription', (u) => u.type === 'subscribe' && resolve()),
    );
    await bob.subscribe(`alice@${DOMAIN}`);
    await aliceAsked;
    await alice.approveSubscription(`bob@${DOMAIN}`);

    const aliceSeesBob = nextEvent<PresenceUpdate>(
      alice,
      'presence',
      (p) => p.from.startsWith(`bob@${DOMAIN}`) && p.availability === 'away',
    );
    const bobSeesAlice = nextEvent<PresenceUpdate>(
      bob,
      'presence',
      (p) => p.from.startsWith(`alice@${DOMAIN}`) && p.availability === 'dnd',
    );
    await bob.sendPresence({ availability: 'away', status: 'lunch' });
    await alice.sendPresence({ availability: 'dnd' });
    await expect(aliceSeesBob).resolves.toMatchObject({ status: 'lunch' });
    await bobSeesAlice;

    const toBob = nextEvent<InboundMessage>(bob, 'message', (m) => m.body === 'hello bob');
    await alice.sendMessage({ to: `bob@${DOMAIN}`, body: 'hello bob' });
    await expect(toBob).resolves.toMatchObject({ type: 'chat', from: alice.address });
    const toAlice = nextEvent<InboundMessage>(alice, 'message', (m) => m.body === 'hi alice ✓');
    await bob.sendMessage({ to: `alice@${DOMAIN}`, body: 'hi alice ✓' });
    await expect(toAlice).resolves.toMatchObject({ from: bob.address });

    const roster = await alice.getRoster();
    expect(roster).toContainEqual(
      expect.objectContaining({ address: `bob@${DOMAIN}`, subscription: 'both' }),
    );
  });

  it('uses SCRAM-SHA-1 (its -PLUS twin, as the connection can bind) when the account policy forces it', async () => {
    const { alice, bob, mechanisms } = await loginPair({ mechanisms: ['SCRAM-SHA-1'] });
    expect(mechanisms).toEqual(['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1-PLUS']);
    const toBob = nextEvent<InboundMessage>(bob, 'message', (m) => m.body === 'over sha-1');
    await alice.sendMessage({ to: `bob@${DOMAIN}`, body: 'over sha-1' });
    await toBob;
  });

  it('gives a coded auth error with the server condition for a wrong password, without the password', async () => {
    const alice = account('alice', 'wrong-password');
    const error = await alice.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { condition: 'not-authorized' },
    });
    expect(alice.state).toBe('failed');
    expect(String((error as Error).message) + JSON.stringify(error)).not.toContain(
      'wrong-password',
    );
  });

  it('logs in over direct TLS when the account asks for it', async () => {
    if (server.directTlsPort === undefined)
      throw new Error('the kit did not open a direct TLS port');
    const alice = account('alice', 'alice-pw', {
      server: { host: server.host, port: server.directTlsPort, tls: 'direct' },
    });
    await alice.connect();
    expect(alice.state).toBe('online');
  });

  it('refuses a certificate it was not told to trust', async () => {
    const alice = switchboard.createAccount({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      server: { host: server.host, port: server.port },
    });
    await expect(alice.connect()).rejects.toMatchObject({ code: 'SB_TLS_FAILED' });
  });
});

describe('Jabber profile against a server without TLS', () => {
  let server: ProsodyServer;
  const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });

  beforeAll(async () => {
    server = await startProsody({
      tls: 'none',
      hosts: [{ domain: DOMAIN, users: [{ username: 'alice', password: 'alice-pw' }] }],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends no credential and fails with SB_TLS_REQUIRED', async () => {
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const alice = switchboard.createAccount({
        profile: 'jabber',
        address: `alice@${DOMAIN}`,
        credential: { kind: 'password', password: 'alice-pw' },
        server: { host: '127.0.0.1', port: tap.port },
      });
      await expect(alice.connect()).rejects.toMatchObject({ code: 'SB_TLS_REQUIRED' });
      const sent = tap.clientToServer();
      expect(tap.serverToClient()).toContain('PLAIN');
      expect(sent).toContain('<stream:stream');
      expect(sent).not.toContain('<auth');
      expect(sent).not.toContain('alice-pw');
      expect(sent).not.toContain(Buffer.from('\0alice\0alice-pw').toString('base64'));
    } finally {
      await tap.close();
    }
  });

  it('authenticates without TLS only when the account explicitly allows insecure loopback', async () => {
    const alice = switchboard.createAccount({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      server: { host: server.host, port: server.port },
      allowInsecureLoopback: true,
    });
    await alice.connect();
    expect(alice.state).toBe('online');
    await alice.disconnect();
  });

  it('rejects allowInsecureLoopback for a host that is not loopback', async () => {
    const alice = switchboard.createAccount({
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      server: { host: 'xmpp.example.org', port: server.port },
      allowInsecureLoopback: true,
    });
    await expect(alice.connect()).rejects.toMatchObject({ code: 'SB_INSECURE_NOT_LOOPBACK' });
  });
});
