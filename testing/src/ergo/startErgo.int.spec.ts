import { connect } from 'node:net';
import { SwitchboardError } from '@switchboard/core';
import { listCapabilities } from './capabilities';
import type { ErgoServer } from './ErgoOptions';
import { IrcLineClient } from './IrcLineClient';
import { makeClientCertificate } from './makeClientCertificate';
import { saslSingleStep } from './saslSteps.testkit';
import { startErgo } from './startErgo';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe(startErgo, () => {
  let server: ErgoServer | undefined;
  let client: IrcLineClient | undefined;

  afterEach(async () => {
    await client?.close();
    await server?.stop();
    client = undefined;
    server = undefined;
  });

  const tlsClient = (extra: { cert?: string; key?: string } = {}): Promise<IrcLineClient> =>
    IrcLineClient.connect({ port: server?.tlsPort ?? 0, tls: { ca: server?.ca ?? '', ...extra } });

  it('when started, listens on free loopback ports and a stopped server frees them', async () => {
    server = await startErgo({ plaintext: true });
    const { tlsPort, plainPort } = server;
    expect(server.host).toBe('127.0.0.1');
    expect(plainPort).toBeDefined();
    expect(plainPort).not.toBe(tlsPort);
    client = await IrcLineClient.connect({ port: plainPort ?? 0 });
    client.send('NICK visitor');
    client.send('USER visitor 0 * :visitor');
    const welcome = await client.nextCommand('001');
    expect(welcome.source).toBe('irc.test');
    await client.close();
    await server.stop();
    expect(await refused(tlsPort)).toBe(true);
    expect(await refused(plainPort ?? 0)).toBe(true);
  });

  it('when asked for capabilities over TLS, advertises PLAIN, EXTERNAL and SCRAM-SHA-256', async () => {
    server = await startErgo();
    expect(server.plainPort).toBeUndefined();
    client = await tlsClient();
    const caps = await listCapabilities(client);
    expect(caps.get('sasl')?.split(',').sort()).toEqual(['EXTERNAL', 'PLAIN', 'SCRAM-SHA-256']);
  });

  it('when a registered account logs in with PLAIN, answers 900 and 903; a wrong password 904', async () => {
    server = await startErgo({ accounts: [{ name: 'alice', password: 'correct-horse' }] });
    client = await tlsClient();
    await listCapabilities(client);
    const ok = await saslSingleStep(client, 'alice', 'PLAIN', '\0alice\0correct-horse');
    expect(ok.command).toBe('903');
    const loggedIn = client.received.find((l) => l.command === '900');
    expect(loggedIn?.params[2]).toBe('alice');
    await client.close();

    client = await tlsClient();
    await listCapabilities(client);
    const wrong = await saslSingleStep(client, 'alice', 'PLAIN', '\0alice\0wrong-horse');
    expect(wrong.command).toBe('904');
    expect(client.received.some((l) => l.command === '900')).toBe(false);
  });

  it('when the registered client certificate is presented, EXTERNAL answers 903; another 904', async () => {
    const [mine, other] = await Promise.all([makeClientCertificate(), makeClientCertificate()]);
    server = await startErgo({
      accounts: [{ name: 'carol', password: 'pw-carol', certfp: mine.certfp }],
    });
    client = await tlsClient({ cert: mine.cert, key: mine.key });
    await listCapabilities(client);
    const ok = await saslSingleStep(client, 'carol', 'EXTERNAL', '');
    expect(ok.command).toBe('903');
    expect(client.received.find((l) => l.command === '900')?.params[2]).toBe('carol');
    await client.close();

    client = await tlsClient({ cert: other.cert, key: other.key });
    await listCapabilities(client);
    expect((await saslSingleStep(client, 'carol', 'EXTERNAL', '')).command).toBe('904');
  });

  it('when killed and restarted, keeps its accounts and ports', async () => {
    server = await startErgo({ accounts: [{ name: 'bob', password: 'pw-bob' }] });
    const { tlsPort } = server;
    await server.registerAccount({ name: 'dave', password: 'pw-dave' });
    await server.kill();
    expect(await refused(tlsPort)).toBe(true);
    await server.restart();
    expect(server.tlsPort).toBe(tlsPort);
    for (const [name, password] of [
      ['bob', 'pw-bob'],
      ['dave', 'pw-dave'],
    ]) {
      client = await tlsClient();
      await listCapabilities(client);
      const end = await saslSingleStep(client, name ?? '', 'PLAIN', `\0${name}\0${password}`);
      expect(end.command).toBe('903');
      await client.close();
    }
  });

  it('when an account is registered twice, fails with SB_ERGO_FAILED naming the account', async () => {
    server = await startErgo({ accounts: [{ name: 'erin', password: 'pw-erin' }] });
    const error = await server
      .registerAccount({ name: 'erin', password: 'other-pw' })
      .catch((e: unknown) => e);
    expect(SwitchboardError.is(error) && error.code).toBe('SB_ERGO_FAILED');
    expect(String((error as Error).message)).toContain('erin');
    expect(String((error as Error).message)).not.toContain('other-pw');
  });
});
