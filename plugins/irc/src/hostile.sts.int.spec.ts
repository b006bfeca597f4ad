/**
 * Strict Transport Security (https://ircv3.net/specs/extensions/sts): a plain server naming a
 * TLS port sends the client there (a real ergo), a policy learned over TLS sends the next
 * `starttls` login straight to TLS, and a policy offered over plain text is not learned.
 */
import type { Account, AccountConfig, Switchboard } from '@switchboard/core';
import {
  type ErgoServer,
  expectData,
  type HostileServer,
  sendData,
  startErgo,
  startHostileServer,
  waitFor,
} from '@switchboard/testing';
import { expectOpening, login, offerCaps, PASSWORD, PLAIN_PAYLOAD } from './test/ircHostileKit';
import { ircSwitchboard } from './test/ircTestKit';

const never = (): Promise<void> => new Promise(() => undefined);

describe('IrcPlugin and STS', () => {
  let ergo: ErgoServer;
  let switchboard: Switchboard;
  const accounts: Account[] = [];
  const servers: HostileServer[] = [];

  beforeAll(async () => {
    ergo = await startErgo({
      accounts: [{ name: 'alice', password: PASSWORD }],
      // Over TLS ergo advertises `sts=duration=…`; the port is what it would name over plain text.
      config: { server: { sts: { enabled: true, port: 6697, duration: '1h' } } },
    });
  });
  afterAll(async () => {
    await ergo.stop();
  });
  beforeEach(() => {
    switchboard = ircSwitchboard();
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  function account(extra: Partial<AccountConfig>): Account {
    const created = switchboard.createAccount({
      profile: 'irc',
      address: `alice@${ergo.host}`,
      credential: { kind: 'password', password: PASSWORD },
      tls: { ca: ergo.ca },
      parameters: { flood: 'off' },
      reconnect: false,
      timeoutMs: 3_000,
      ...extra,
    });
    accounts.push(created);
    return created;
  }

  async function serve(script: Parameters<typeof startHostileServer>[0]['script']) {
    const server = await startHostileServer({ script });
    servers.push(server);
    return server;
  }

  it('when a plain server offers only sts=port, reconnects with TLS to that port and logs in there', async () => {
    const plain = await serve([
      expectOpening(),
      offerCaps(`sts=port=${ergo.tlsPort} sasl=PLAIN`),
      waitFor(never),
    ]);
    const alice = account({ server: { port: plain.port, tls: 'starttls' } });
    await alice.connect();
    expect(alice.state).toBe('online');
    const wire = plain.received();
    expect(wire).toContain('CAP LS 302');
    expect(wire).not.toContain('AUTHENTICATE');
    expect(wire).not.toContain(PLAIN_PAYLOAD);
    expect(wire).not.toContain(PASSWORD);
  });

  it('when a policy was learned over TLS, the next starttls login goes straight to TLS', async () => {
    const first = account({ server: { port: ergo.tlsPort, tls: 'direct' } });
    await first.connect();
    await first.disconnect();
    const plain = await serve([expectOpening(), offerCaps('sasl=PLAIN'), waitFor(never)]);
    const second = account({ server: { port: plain.port, tls: 'starttls' } });
    await second.connect();
    expect(second.state).toBe('online');
    expect(plain.connections()).toBe(0);
  });

  it('when a plain server offers sts=duration (no port), the policy is not learned', async () => {
    const plain = await serve(() => [
      ...login('sasl=PLAIN echo-message sts=duration=3600'),
      waitFor(never),
    ]);
    const config = {
      address: 'alice@127.0.0.1',
      server: { port: plain.port, tls: 'starttls' as const },
      allowInsecureLoopback: true,
    };
    const first = account(config);
    await first.connect();
    await first.disconnect();
    const second = account(config);
    await second.connect();
    expect(second.state).toBe('online');
    expect(plain.connections()).toBe(2);
    expect(plain.received().match(/CAP LS 302/g)).toHaveLength(2);
  });

  it('when the STS port refuses TLS, the login fails with a coded error and writes no credential', async () => {
    const notTls = await serve([expectData(/./), sendData('garbage\r\n'), waitFor(never)]);
    const plain = await serve([
      expectOpening(),
      offerCaps(`sts=port=${notTls.port} sasl=PLAIN`),
      waitFor(never),
    ]);
    const alice = account({ server: { port: plain.port, tls: 'starttls' } });
    const error = await alice.connect().catch((e: unknown) => e as { code?: string });
    expect(error?.code).toMatch(/^SB_/);
    expect(plain.received() + notTls.received()).not.toContain(PLAIN_PAYLOAD);
  });
});
