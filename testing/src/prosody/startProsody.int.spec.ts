import { existsSync } from 'node:fs';
import { type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { startWireTap } from '../wire/startWireTap';
import type { ProsodyServer } from './ProsodyServer';
import { startProsody } from './startProsody';

function readUntil(socket: Socket | TLSSocket, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${marker} in: ${text}`)), 5000);
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes(marker)) {
        clearTimeout(timer);
        socket.removeAllListeners('data');
        resolve(text);
      }
    });
  });
}

function header(domain: string): string {
  return `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
}

/** Opens a stream, does STARTTLS verified against `ca` for `domain`, returns the features after TLS. */
async function featuresAfterStartTls(
  server: ProsodyServer,
  domain: string,
): Promise<{ features: string; tls: TLSSocket }> {
  const plain = tcpConnect({ host: server.host, port: server.port });
  await new Promise((r) => plain.once('connect', r));
  plain.write(header(domain));
  await readUntil(plain, '</stream:features>');
  plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await readUntil(plain, '<proceed');
  const tls = tlsConnect({ socket: plain, servername: domain, ca: server.ca });
  await new Promise<void>((resolve, reject) => {
    tls.once('secureConnect', () => resolve());
    tls.once('error', reject);
  });
  tls.write(header(domain));
  return { features: await readUntil(tls, '</stream:features>'), tls };
}

describe(startProsody, () => {
  let server: ProsodyServer;

  beforeAll(async () => {
    server = await startProsody({
      hosts: [
        { domain: 'one.test', users: [{ username: 'ann', password: 'pw' }] },
        { domain: 'two.test', users: [{ username: 'ben', password: 'pw' }] },
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when started, listens on loopback and hands back the connection details', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.directTlsPort).toBeGreaterThan(0);
    expect(server.domains).toEqual(['one.test', 'two.test']);
    expect(server.ca).toContain('BEGIN CERTIFICATE');
  });

  it.each(['one.test', 'two.test'])(
    'when a client does STARTTLS to %s, the certificate verifies against the CA',
    async (domain) => {
      const { features, tls } = await featuresAfterStartTls(server, domain);
      tls.destroy();
      for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']) {
        expect(features).toContain(`<mechanism>${mechanism}</mechanism>`);
      }
    },
  );

  it('when a client connects with direct TLS, the certificate verifies too', async () => {
    const tls = tlsConnect({
      host: server.host,
      port: server.directTlsPort,
      servername: 'one.test',
      ca: server.ca,
    });
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', () => resolve());
      tls.once('error', reject);
    });
    expect(tls.authorized).toBe(true);
    tls.destroy();
  });

  it('when a certificate is checked against a name it does not cover, verification fails', async () => {
    const tls = tlsConnect({
      host: server.host,
      port: server.directTlsPort,
      servername: 'other.test',
      ca: server.ca,
    });
    await expect(
      new Promise((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/ALTNAME_INVALID|UNRECOGNIZED_NAME/) });
    tls.destroy();
  });

  it('when a user is registered while running, the server knows it after a restart as well', async () => {
    await server.registerUser('one.test', 'late', 'pw');
    await server.restart();
    const { features, tls } = await featuresAfterStartTls(server, 'one.test');
    tls.destroy();
    expect(features).toContain('SCRAM-SHA-256');
    expect(existsSync(`${server.dir}/data`)).toBe(true);
  });
});

describe('startProsody without TLS', () => {
  it('offers no STARTTLS, and the wire tap records both directions', async () => {
    const server = await startProsody({ tls: 'none' });
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const socket = tcpConnect({ host: '127.0.0.1', port: tap.port });
      await new Promise((r) => socket.once('connect', r));
      socket.write(header('example.test'));
      const features = await readUntil(socket, '</stream:features>');
      socket.destroy();
      expect(features).not.toContain('starttls');
      expect(features).toContain('<mechanism>PLAIN</mechanism>');
      expect(tap.clientToServer()).toBe(header('example.test'));
      expect(tap.serverToClient()).toContain('</stream:features>');
      expect(server.ca).toBe('');
    } finally {
      await tap.close();
      await server.stop();
    }
  });
});

describe('startProsody lifecycle', () => {
  it('when stopped, the process is gone and its directory removed; stop is idempotent', async () => {
    const server = await startProsody();
    const pid = Number((await import('node:fs')).readFileSync(`${server.dir}/prosody.pid`, 'utf8'));
    await server.stop();
    await server.stop();
    expect(existsSync(server.dir)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('when the binary is missing, fails with SB_PROSODY_MISSING naming the Debian package', async () => {
    const error = await startProsody({
      prosodyBinary: '/nonexistent/prosody',
      prosodyctlBinary: '/nonexistent/prosodyctl',
      hosts: [{ domain: 'x.test', users: [{ username: 'a', password: 'b' }] }],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SB_PROSODY_MISSING' });
    expect((error as Error).message).toContain('apt-get install -y prosody');
  });

  it('when the configuration is broken, fails with SB_PROSODY_FAILED and the log', async () => {
    const error = await startProsody({
      extraConfig: 'this is not lua (',
      startTimeoutMs: 3000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SB_PROSODY_FAILED' });
    expect(JSON.stringify((error as { details: unknown }).details)).toMatch(/error|lua|config/i);
  });
});
