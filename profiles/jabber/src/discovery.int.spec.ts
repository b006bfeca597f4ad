/**
 * Finding the server the way XMPP clients do (RFC 6120 §3.2, XEP-0368), against a real
 * Prosody on loopback: every DNS answer comes from the testing kit's DNS server, through the
 * resolver a host binds with `dnsResolverModule`; the machine's resolver is never asked.
 */
import {
  type AccountConfig,
  ContainerModule,
  injectable,
  injectFromBase,
  type ProfileDescriptor,
  ProfilePluginToken,
  Switchboard,
  type SwitchboardError,
} from '@switchboard/core';
import {
  type DnsServer,
  type DnsZone,
  freePort,
  type ProsodyServer,
  startDnsServer,
  startProsody,
  startWireTap,
} from '@switchboard/testing';
import {
  createDnsResolver,
  dnsResolverModule,
  XmppPlugin,
  xmppDefaults,
  xmppModule,
} from '@switchboard/xmpp';
import { jabberModule } from './jabberModule';

const DOMAIN = 'example.test';
const XMPP = `_xmpp-client._tcp.${DOMAIN}`;
const XMPPS = `_xmpps-client._tcp.${DOMAIN}`;
/** A host name Prosody's certificate does not cover: only the domain is checked. */
const HOSTING = 'xmpp.hosting.test';

const srv = (target: string, port: number, priority = 0, weight = 0) => ({
  target,
  port,
  priority,
  weight,
});

describe('server discovery through DNS SRV (real Prosody, loopback DNS)', () => {
  let server: ProsodyServer;
  let dns: DnsServer;
  let switchboard: Switchboard;

  /** A profile without a host whose fallback port is Prosody's (5222 may be taken here). */
  function fallbackModule(port: number): ContainerModule {
    @injectable()
    @injectFromBase({ extendConstructorArguments: true })
    class FallbackProfile extends XmppPlugin {
      override readonly profile: ProfileDescriptor = {
        ...xmppDefaults,
        id: 'fallback',
        name: 'Fallback',
        server: { port, tls: 'starttls' },
      };
    }
    return new ContainerModule(({ bind }) => {
      bind(ProfilePluginToken).to(FallbackProfile).inSingletonScope();
    });
  }

  beforeAll(async () => {
    [server, dns] = await Promise.all([
      startProsody({
        ipv6: true,
        hosts: [{ domain: DOMAIN, users: [{ username: 'alice', password: 'alice-pw' }] }],
      }),
      startDnsServer(),
    ]);
    switchboard = Switchboard.create({
      modules: [
        xmppModule,
        dnsResolverModule(createDnsResolver({ servers: [dns.address], tries: 1 })),
        jabberModule,
        fallbackModule(server.port),
      ],
    });
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), dns?.stop()]);
  });

  const queried = (): string[] => dns.queries().map((q) => `${q.type} ${q.name}`);
  let accounts = 0;

  /** Serves `zone`, forgets earlier queries, and connects alice without a host. */
  async function connect(zone: DnsZone, overrides: Partial<AccountConfig> = {}) {
    dns.setZone(zone);
    const before = dns.queries().length;
    const account = switchboard.createAccount({
      id: `discovery-${++accounts}`,
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      tls: { ca: server.ca },
      timeoutMs: 5000,
      reconnect: false,
      ...overrides,
    });
    let error: SwitchboardError | undefined;
    await account.connect().catch((e: unknown) => {
      error = e as SwitchboardError;
    });
    const state = account.state;
    await account.disconnect().catch(() => undefined);
    return { state, error, queries: queried().slice(before) };
  }

  it('when _xmpp-client names another host, logs in with STARTTLS there, the certificate checked against the domain', async () => {
    const { state, error, queries } = await connect({
      srv: { [XMPP]: [srv(HOSTING, server.port)] },
      a: { [HOSTING]: ['127.0.0.1'] },
    });
    expect(error).toBeUndefined();
    expect(state).toBe('online');
    expect(queries).toEqual(
      expect.arrayContaining([`SRV ${XMPPS}`, `SRV ${XMPP}`, `A ${HOSTING}`, `AAAA ${HOSTING}`]),
    );
  });

  it('when only _xmpps-client has a record, logs in with direct TLS on its port', async () => {
    const { state, error } = await connect({
      srv: { [XMPPS]: [srv(HOSTING, server.directTlsPort ?? 0)] },
      a: { [HOSTING]: ['127.0.0.1'] },
    });
    expect(error).toBeUndefined();
    expect(state).toBe('online');
  });

  it('when the first target is a closed port, goes on to the next one', async () => {
    const closed = await freePort();
    const { state, error, queries } = await connect({
      srv: {
        [XMPP]: [srv('dead.hosting.test', closed, 0)],
        [XMPPS]: [srv(HOSTING, server.directTlsPort ?? 0, 10)],
      },
      a: { 'dead.hosting.test': ['127.0.0.1'], [HOSTING]: ['127.0.0.1'] },
    });
    expect(error).toBeUndefined();
    expect(state).toBe('online');
    const dead = queries.indexOf('A dead.hosting.test');
    expect(dead).toBeGreaterThanOrEqual(0);
    expect(queries.indexOf(`A ${HOSTING}`)).toBeGreaterThan(dead);
  });

  it('when every target is closed, fails with SB_CONNECTION_FAILED naming each one and why', async () => {
    const [one, two] = [await freePort(), await freePort()];
    const { state, error } = await connect({
      srv: {
        [XMPP]: [srv('one.hosting.test', one, 1)],
        [XMPPS]: [srv('two.hosting.test', two, 2)],
      },
      a: { 'one.hosting.test': ['127.0.0.1'], 'two.hosting.test': ['127.0.0.1'] },
    });
    expect(error).toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      details: {
        domain: DOMAIN,
        retryable: true,
        attempts: [
          {
            host: 'one.hosting.test',
            port: one,
            tls: 'starttls',
            code: 'SB_CONNECTION_FAILED',
            reason: 'ECONNREFUSED',
          },
          {
            host: 'two.hosting.test',
            port: two,
            tls: 'direct',
            code: 'SB_CONNECTION_FAILED',
            reason: 'ECONNREFUSED',
          },
        ],
      },
    });
    expect(error?.message).not.toContain('alice-pw');
    expect(state).toBe('failed');
  });

  it('when the domain has no SRV records, connects to the domain itself on the profile port', async () => {
    dns.setZone({ a: { [DOMAIN]: ['127.0.0.1'] } });
    const before = dns.queries().length;
    const account = switchboard.createAccount({
      id: `discovery-${++accounts}`,
      profile: 'fallback',
      address: `alice@${DOMAIN}`,
      credential: { kind: 'password', password: 'alice-pw' },
      tls: { ca: server.ca },
      timeoutMs: 5000,
      reconnect: false,
    });
    await account.connect();
    expect(account.state).toBe('online');
    await account.disconnect();
    expect(queried().slice(before)).toEqual(
      expect.arrayContaining([`SRV ${XMPPS}`, `SRV ${XMPP}`, `A ${DOMAIN}`]),
    );
  });

  it('when the only target is ".", fails with SB_SERVICE_UNAVAILABLE and looks up no address', async () => {
    const { error, queries } = await connect({
      srv: { [XMPP]: [srv('.', 0)] },
      a: { [DOMAIN]: ['127.0.0.1'] },
    });
    expect(error).toMatchObject({ code: 'SB_SERVICE_UNAVAILABLE' });
    expect(queries.filter((q) => !q.startsWith('SRV '))).toEqual([]);
  });

  it('when DNS fails for the SRV names and the domain, fails with SB_DNS_FAILED', async () => {
    const { error } = await connect({
      fail: { [XMPP]: 'servfail', [XMPPS]: 'servfail', [DOMAIN]: 'servfail' },
    });
    expect(error).toMatchObject({
      code: 'SB_DNS_FAILED',
      details: {
        retryable: true,
        attempts: [{ host: DOMAIN, port: 5222, code: 'SB_DNS_FAILED', reason: 'ESERVFAIL' }],
        lookups: [
          { name: XMPPS, code: 'ESERVFAIL' },
          { name: XMPP, code: 'ESERVFAIL' },
        ],
      },
    });
  });

  it('when the target has only an IPv6 address, connects over ::1', async () => {
    const { state, error } = await connect({
      srv: { [XMPP]: [srv(HOSTING, server.port)] },
      aaaa: { [HOSTING]: ['::1'] },
    });
    expect(error).toBeUndefined();
    expect(state).toBe('online');
  });

  it('when the IPv6 address refuses, Happy Eyeballs connects over IPv4', async () => {
    // The tap listens on 127.0.0.1 only: ::1 on its port refuses.
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const { state, error } = await connect({
        srv: { [XMPP]: [srv(HOSTING, tap.port)] },
        aaaa: { [HOSTING]: ['::1'] },
        a: { [HOSTING]: ['127.0.0.1'] },
      });
      expect(error).toBeUndefined();
      expect(state).toBe('online');
      expect(tap.clientToServer()).toContain('<stream:stream');
    } finally {
      await tap.close();
    }
  });
});
