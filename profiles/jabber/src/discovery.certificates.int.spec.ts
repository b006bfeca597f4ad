/**
 * Whatever host DNS SRV names, the certificate is checked against the XMPP domain (RFC 6125,
 * RFC 6120 §13.7.2.1, XEP-0368 §3): a certificate for the SRV target's name alone is refused,
 * one for the domain is accepted from a target of another name. The server is the testing
 * kit's scripted one with direct TLS, found through the loopback DNS server.
 */
import { Switchboard, type SwitchboardError } from '@switchboard/core';
import {
  closeConnection,
  type DnsServer,
  expectStreamHeader,
  type HostileCertificates,
  type HostileServer,
  makeHostileCertificates,
  startDnsServer,
  startHostileServer,
  startTls,
  WRONG_HOST,
} from '@switchboard/testing';
import { createDnsResolver, dnsResolverModule, xmppModule } from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'example.test';
const PASSWORD = 'discovery-cert-secret-71c4';

describe('server discovery: the certificate names the domain, not the SRV target', () => {
  let certificates: HostileCertificates;
  let dns: DnsServer;
  let switchboard: Switchboard;
  const servers: HostileServer[] = [];
  let accounts = 0;

  beforeAll(async () => {
    [certificates, dns] = await Promise.all([makeHostileCertificates(DOMAIN), startDnsServer()]);
    switchboard = Switchboard.create({
      modules: [
        xmppModule,
        dnsResolverModule(createDnsResolver({ servers: [dns.address], tries: 1 })),
        jabberModule,
      ],
    });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  afterAll(async () => {
    await Promise.all([certificates?.remove(), dns?.stop()]);
  });

  /** A direct TLS server presenting `which`, the only `_xmpps-client` target, named `target`. */
  async function connectVia(which: 'valid' | 'wrongHost', target: string) {
    const server = await startHostileServer({
      script: [startTls(certificates[which]), expectStreamHeader(), closeConnection()],
    });
    servers.push(server);
    dns.setZone({
      srv: {
        [`_xmpps-client._tcp.${DOMAIN}`]: [{ priority: 0, weight: 0, port: server.port, target }],
      },
      a: { [target]: ['127.0.0.1'] },
    });
    const account = switchboard.createAccount({
      id: `discovery-cert-${++accounts}`,
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: PASSWORD },
      tls: { ca: certificates.ca },
      timeoutMs: 3000,
      reconnect: false,
    });
    const error = await account.connect().then(
      () => undefined,
      (e: unknown) => e as SwitchboardError,
    );
    return { error, server };
  }

  it('when the certificate is valid for the SRV target but not the domain, refuses it', async () => {
    const { error, server } = await connectVia('wrongHost', WRONG_HOST);
    expect(error).toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      details: {
        retryable: false,
        attempts: [
          {
            host: WRONG_HOST,
            tls: 'direct',
            code: 'SB_TLS_FAILED',
            reason: 'ERR_TLS_CERT_ALTNAME_INVALID',
          },
        ],
      },
    });
    expect(server.connections()).toBe(1);
    expect(server.received()).toBe('');
    expect(JSON.stringify(error?.details)).not.toContain(PASSWORD);
  });

  it('when the certificate is for the domain and the target has another name, accepts it', async () => {
    const { error, server } = await connectVia('valid', 'tls.hosting.test');
    // The script closes after the stream header: the TLS handshake itself succeeded.
    expect(server.received('tls')).toMatch(/<stream:stream\b[^>]* to="example\.test"/);
    expect(error).toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      details: { attempts: [{ host: 'tls.hosting.test', code: 'SB_CONNECTION_CLOSED' }] },
    });
  });
});
