import { discoverTargets } from './discoverTargets';
import { fakeResolver } from './fakeResolver.testkit';

const fallback = { host: 'example.org', port: 5222, tls: 'starttls' } as const;
const XMPP = '_xmpp-client._tcp.example.org';
const XMPPS = '_xmpps-client._tcp.example.org';
const srv = (name: string, port: number, priority = 0, weight = 0) => ({
  name,
  port,
  priority,
  weight,
});

function discover(zone: Parameters<typeof fakeResolver>[0], random = () => 0) {
  const resolver = fakeResolver(zone);
  return discoverTargets({ domain: 'example.org', resolver, timeoutMs: 1000, fallback, random });
}

describe(discoverTargets, () => {
  it('when both services have records, mixes them by priority (XEP-0368) with their TLS mode', async () => {
    const found = await discover({
      srv: {
        [XMPP]: [srv('b.example.net', 5222, 20), srv('d.example.net', 5222, 40)],
        [XMPPS]: [srv('a.example.net', 443, 10), srv('c.example.net', 5223, 30)],
      },
    });
    expect(found).toEqual({
      source: 'srv',
      failedLookups: [],
      targets: [
        { host: 'a.example.net', port: 443, tls: 'direct' },
        { host: 'b.example.net', port: 5222, tls: 'starttls' },
        { host: 'c.example.net', port: 5223, tls: 'direct' },
        { host: 'd.example.net', port: 5222, tls: 'starttls' },
      ],
    });
  });

  it('when a target ends with a dot, connects to the name without it', async () => {
    const found = await discover({ srv: { [XMPP]: [srv('xmpp.example.net.', 5222)] } });
    expect(found.targets).toEqual([{ host: 'xmpp.example.net', port: 5222, tls: 'starttls' }]);
  });

  it('when neither service has records, falls back to the domain (RFC 6120 §3.2.2)', async () => {
    const found = await discover({});
    expect(found).toEqual({
      source: 'fallback',
      targets: [fallback],
      failedLookups: [
        { name: XMPPS, code: 'ENOTFOUND' },
        { name: XMPP, code: 'ENOTFOUND' },
      ],
    });
  });

  it('when the lookups fail (server failure), falls back and says why', async () => {
    const found = await discover({ srv: { [XMPP]: 'ESERVFAIL', [XMPPS]: 'ETIMEOUT' } });
    expect(found.source).toBe('fallback');
    expect(found.failedLookups).toEqual([
      { name: XMPPS, code: 'ETIMEOUT' },
      { name: XMPP, code: 'ESERVFAIL' },
    ]);
  });

  it('when _xmpp-client is ".", fails with SB_SERVICE_UNAVAILABLE and no fallback', async () => {
    await expect(discover({ srv: { [XMPP]: [srv('', 0)] } })).rejects.toMatchObject({
      code: 'SB_SERVICE_UNAVAILABLE',
      details: { domain: 'example.org' },
    });
  });

  it('when _xmpps-client is "." and _xmpp-client has none, fails: no A/AAAA fallback (XEP-0368 §5)', async () => {
    await expect(discover({ srv: { [XMPPS]: [srv('.', 0)] } })).rejects.toMatchObject({
      code: 'SB_SERVICE_UNAVAILABLE',
    });
  });

  it('when _xmpps-client is "." and _xmpp-client has targets, uses those', async () => {
    const found = await discover({
      srv: { [XMPPS]: [srv('.', 0)], [XMPP]: [srv('xmpp.example.org', 5222)] },
    });
    expect(found.targets).toEqual([{ host: 'xmpp.example.org', port: 5222, tls: 'starttls' }]);
  });

  it('when _xmpp-client is "." but _xmpps-client has targets, uses the direct TLS ones', async () => {
    const found = await discover({
      srv: { [XMPP]: [srv('', 0)], [XMPPS]: [srv('tls.example.org', 5223)] },
    });
    expect(found.targets).toEqual([{ host: 'tls.example.org', port: 5223, tls: 'direct' }]);
  });

  it('when a lookup never answers, gives up on it after the timeout', async () => {
    const resolver = {
      resolveSrv: () => new Promise<never>(() => undefined),
      resolve4: () => new Promise<never>(() => undefined),
      resolve6: () => new Promise<never>(() => undefined),
    };
    const found = await discoverTargets({
      domain: 'example.org',
      resolver,
      timeoutMs: 20,
      fallback,
    });
    expect(found.failedLookups.map((l) => l.code)).toEqual(['ETIMEOUT', 'ETIMEOUT']);
  });
});
