import { createServer } from 'node:net';
import {
  checkServerIdentity,
  type PeerCertificate,
  type TLSSocket,
  connect as tlsConnect,
} from 'node:tls';
import { SwitchboardError } from '@switchboard/core';
import { canConnect } from '../net/canConnect';
import type { ProsodyServer } from './ProsodyServer';
import { startProsody } from './startProsody';
import {
  authPlain,
  channelBindings,
  mechanisms,
  openStream,
  type Probe,
  scramServerFirst,
  startTls,
} from './xmppProbe.testkit';

/** What Prosody 13's internal_plain offers after STARTTLS (TLS 1.3), sorted. */
const PLAIN_MECHANISMS = [
  'PLAIN',
  'SCRAM-SHA-1',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-256',
  'SCRAM-SHA-256-PLUS',
];

const probes: Probe[] = [];
afterEach(() => {
  for (const p of probes.splice(0)) p.socket.destroy();
});

async function secureStream(server: ProsodyServer, domain: string): Promise<Probe> {
  const plain = await openStream(server.host, server.port, domain);
  probes.push(plain);
  const secure = await startTls(plain, domain, server.ca);
  probes.push(secure);
  return secure;
}

/** Direct TLS verified against the CA; `identity` is the name checked (default: `servername`). */
function directTls(
  server: ProsodyServer,
  servername: string | undefined,
  identity?: string,
): Promise<TLSSocket> {
  const socket = tlsConnect({
    host: server.host,
    port: server.directTlsPort ?? 0,
    ca: server.ca,
    ...(servername === undefined ? {} : { servername }),
    ...(identity === undefined
      ? {}
      : {
          checkServerIdentity: (_: string, cert: PeerCertificate) =>
            checkServerIdentity(identity, cert),
        }),
  });
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

describe(startProsody, () => {
  describe('with two hosts and the default options', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({
        hosts: [
          { domain: 'one.test', users: [{ username: 'ann', password: 'ann-pw' }] },
          { domain: 'two.test', users: [{ username: 'ben', password: 'ben-pw' }] },
        ],
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when started, hands back loopback ports that accept TCP', async () => {
      expect(server.host).toBe('127.0.0.1');
      expect(server.domains).toEqual(['one.test', 'two.test']);
      expect(server.ca).toContain('BEGIN CERTIFICATE');
      expect(server.directTlsPort).not.toBe(server.port);
      expect(await canConnect(server.host, server.port)).toBe(true);
      expect(await canConnect(server.host, server.directTlsPort ?? 0)).toBe(true);
    });

    it.each(['one.test', 'two.test'])(
      'when a client opens a stream to %s, only STARTTLS is offered, and required',
      async (domain) => {
        const probe = await openStream(server.host, server.port, domain);
        probes.push(probe);
        expect(probe.features).toContain("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>");
        expect(probe.features).toContain('<required/>');
        expect(mechanisms(probe.features)).toEqual([]);
      },
    );

    it.each(['one.test', 'two.test'])(
      'when a client does STARTTLS to %s, the certificate verifies and SCRAM-SHA-256, SCRAM-SHA-1 (both also -PLUS, bound with tls-exporter) and PLAIN are offered',
      async (domain) => {
        const probe = await secureStream(server, domain);
        expect((probe.socket as TLSSocket).authorized).toBe(true);
        expect((probe.socket as TLSSocket).getProtocol()).toBe('TLSv1.3');
        expect(mechanisms(probe.features).sort()).toEqual(PLAIN_MECHANISMS);
        // Prosody 13 on TLS 1.3: RFC 9266's tls-exporter only (tls-unique needs TLS 1.2).
        expect(channelBindings(probe.features)).toEqual(['tls-exporter']);
        expect(probe.features).not.toContain('urn:xmpp:sasl:2');
      },
    );

    it.each(['one.test', 'two.test'])(
      'when a client connects with direct TLS for %s, the certificate verifies',
      async (domain) => {
        const socket = await directTls(server, domain);
        socket.destroy();
        expect(socket.authorized).toBe(true);
      },
    );

    it('when a client connects by IP without SNI, the certificate verifies for 127.0.0.1', async () => {
      const socket = await directTls(server, undefined);
      socket.destroy();
      expect(socket.authorized).toBe(true);
    });

    it('when the name is not one the certificate covers, verification fails', async () => {
      await expect(directTls(server, 'one.test', 'other.test')).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
    });

    it('when the client asks for an unknown name (SNI), Prosody refuses the handshake', async () => {
      await expect(directTls(server, 'other.test')).rejects.toMatchObject({
        code: 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME',
      });
    });

    it('when a registered user authenticates, the right password succeeds and a wrong one fails', async () => {
      expect(await authPlain(await secureStream(server, 'one.test'), 'ann', 'ann-pw')).toMatch(
        /^<success/,
      );
      expect(await authPlain(await secureStream(server, 'two.test'), 'ben', 'nope')).toContain(
        '<not-authorized/>',
      );
    });

    it('when a user is registered while running, it can log in at once', async () => {
      await server.registerUser('two.test', 'late', 'late-pw');
      expect(await authPlain(await secureStream(server, 'two.test'), 'late', 'late-pw')).toMatch(
        /^<success/,
      );
    });

    it('when registering on an unknown domain, fails with SB_PROSODY_FAILED', async () => {
      const error = await server.registerUser('nowhere.test', 'x', 'y').catch((e: unknown) => e);
      expect(SwitchboardError.is(error, 'SB_PROSODY_FAILED')).toBe(true);
      expect((error as SwitchboardError).details.log).toContain('hostname does not exist');
    });

    it('when killed, the ports close; after restart they accept again and the data is kept', async () => {
      await server.kill();
      expect(await canConnect(server.host, server.port)).toBe(false);
      await server.restart();
      expect(await canConnect(server.host, server.directTlsPort ?? 0)).toBe(true);
      expect(await authPlain(await secureStream(server, 'two.test'), 'late', 'late-pw')).toMatch(
        /^<success/,
      );
    });

    it('when its port is taken before a restart, fails fast with port-in-use, and can retry', async () => {
      await server.kill();
      const blocker = createServer().listen(server.port, '127.0.0.1');
      await new Promise((resolve) => blocker.once('listening', resolve));
      const started = Date.now();
      try {
        const error = await server.restart().catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: 'SB_PROSODY_FAILED',
          details: { reason: 'port-in-use' },
        });
        expect(Date.now() - started).toBeLessThan(3000);
        expect((error as SwitchboardError).details.log).toContain('Failed to open server port');
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
      await server.restart();
      expect(await canConnect(server.host, server.port)).toBe(true);
    });
  });

  describe('with other auth settings', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({
        authentication: 'internal_hashed',
        extraConfig: 'default_iteration_count = 4096',
        hosts: [
          { domain: 'hashed.test', users: [{ username: 'cy', password: 'cy-pw' }] },
          { domain: 'anon.test', anonymous: true },
          { domain: 'plain.test' },
        ],
        hostConfig: { 'plain.test': 'authentication = "internal_plain"' },
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("when internal_hashed, SCRAM-SHA-1(-PLUS), PLAIN and Prosody's own OAUTHBEARER are offered but not SCRAM-SHA-256", async () => {
      const probe = await secureStream(server, 'hashed.test');
      // Prosody 13's internal_hashed also takes its own OAuth2 tokens (mod_tokenauth).
      expect(mechanisms(probe.features).sort()).toEqual([
        'OAUTHBEARER',
        'PLAIN',
        'SCRAM-SHA-1',
        'SCRAM-SHA-1-PLUS',
      ]);
    });

    it('when extraConfig sets the iteration count, the SCRAM challenge carries it', async () => {
      const probe = await secureStream(server, 'hashed.test');
      expect(await scramServerFirst(probe, 'SCRAM-SHA-1', 'cy')).toMatch(
        /^r=abcdefghijklmnop.+,s=.+,i=4096$/,
      );
    });

    it('when a host is anonymous, ANONYMOUS is offered', async () => {
      const probe = await secureStream(server, 'anon.test');
      expect(mechanisms(probe.features)).toEqual(['ANONYMOUS']);
    });

    it('when hostConfig overrides a host, only that host changes', async () => {
      const probe = await secureStream(server, 'plain.test');
      expect(mechanisms(probe.features).sort()).toEqual(PLAIN_MECHANISMS);
    });
  });
});
