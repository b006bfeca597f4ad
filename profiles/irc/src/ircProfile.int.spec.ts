/**
 * The generic IRC profile against a real ergo on loopback: two accounts log in with SASL over
 * TLS and write to each other.
 */
import { type Account, type InboundMessage, Switchboard } from '@switchboard/core';
import { ircModule } from '@switchboard/irc';
import { type ErgoServer, startErgo } from '@switchboard/testing';
import { ircProfileModule } from './ircProfileModule';

describe('the irc profile on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startErgo({
      accounts: [
        { name: 'alice', password: 'alice-profile-secret' },
        { name: 'bob', password: 'bob-profile-secret' },
      ],
    });
    switchboard = Switchboard.create({ modules: [ircModule, ircProfileModule] });
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** An account of the profile: only the port and the CA differ from the profile's defaults. */
  function account(nick: string, password: string): Account {
    const created = switchboard.createAccount({
      profile: 'irc',
      address: `${nick}@${server.host}`,
      credential: { kind: 'password', password },
      server: { port: server.tlsPort },
      tls: { ca: server.ca },
      reconnect: false,
    });
    accounts.push(created);
    return created;
  }

  it('when the password is right, logs in with SCRAM-SHA-256 over TLS', async () => {
    const alice = account('alice', 'alice-profile-secret');
    const mechanisms: string[] = [];
    alice.on('mechanism', (name) => mechanisms.push(name));
    await alice.connect();
    expect(alice.state).toBe('online');
    expect(alice.address).toBe(`alice@${server.host}`);
    expect(mechanisms).toEqual(['SCRAM-SHA-256']);
  });

  it('when two accounts write to each other, each message arrives from the right nick', async () => {
    const alice = account('alice', 'alice-profile-secret');
    const bob = account('bob', 'bob-profile-secret');
    await Promise.all([alice.connect(), bob.connect()]);
    const atBob = new Promise<InboundMessage>((resolve) => bob.once('message', resolve));
    const atAlice = new Promise<InboundMessage>((resolve) => alice.once('message', resolve));

    const sent = await alice.sendMessage({ to: 'bob', body: 'hello bob: <ü> & ✓' });
    expect(sent.acknowledged).toBe(true);
    expect(await atBob).toMatchObject({ from: 'alice', body: 'hello bob: <ü> & ✓', type: 'chat' });
    await bob.sendMessage({ to: 'alice', body: 'hello alice 🙂' });
    expect(await atAlice).toMatchObject({ from: 'bob', body: 'hello alice 🙂', type: 'chat' });
  });
});
