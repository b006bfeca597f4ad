import { type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Endpoint, EndpointPlan } from '../connection/resolveEndpoint';
import { connectInOrder } from './connectInOrder';
import { fakeResolver } from './fakeResolver.testkit';

const XMPP = '_xmpp-client._tcp.example.org';
const XMPPS = '_xmpps-client._tcp.example.org';

const plan: EndpointPlan = {
  domain: 'example.org',
  servername: 'example.org',
  ca: undefined,
  allowInsecure: false,
  fixed: undefined,
  fallback: { host: 'example.org', port: 5222, tls: 'starttls' },
};

const zone = {
  srv: {
    [XMPP]: [{ name: 'one.example.net', port: 5222, priority: 1, weight: 0 }],
    [XMPPS]: [{ name: 'two.example.net', port: 5223, priority: 2, weight: 0 }],
  },
  a: { 'one.example.net': ['192.0.2.1'], 'two.example.net': ['127.0.0.2'] },
  aaaa: { 'one.example.net': ['2001:db8::1'], 'two.example.net': 'ENODATA' },
};

function recordingSink(): SessionSink & { readonly calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (..._args: unknown[]): void => {
      calls.push(name);
    };
  return {
    calls,
    authenticating: record('authenticating'),
    mechanismSelected: record('mechanismSelected'),
    message: record('message'),
    presence: record('presence'),
    subscription: record('subscription'),
    chatState: record('chatState'),
    roster: record('roster'),
    sent: record('sent'),
    bounced: record('bounced'),
    carryOver: record('carryOver'),
    closed: record('closed'),
  } as SessionSink & { readonly calls: string[] };
}

const refused = (): SwitchboardError =>
  new SwitchboardError('SB_CONNECTION_FAILED', 'refused', { details: { code: 'ECONNREFUSED' } });

/** An `open` that runs `steps[i]` for the i-th endpoint and records the endpoints. */
function scripted(steps: Array<(endpoint: Endpoint, sink: SessionSink) => string>) {
  const endpoints: Endpoint[] = [];
  const open = async (endpoint: Endpoint, sink: SessionSink): Promise<string> => {
    endpoints.push(endpoint);
    const step = steps[endpoints.length - 1];
    if (step === undefined) throw new Error('no more steps');
    return step(endpoint, sink);
  };
  return { endpoints, open };
}

async function addressesOf(endpoint: Endpoint): Promise<unknown> {
  return new Promise((resolve) =>
    endpoint.lookup?.(endpoint.host, { all: true }, (_e, addresses) => resolve(addresses)),
  );
}

describe(connectInOrder, () => {
  it('when the first target is refused, opens on the next one, checking the domain name', async () => {
    const sink = recordingSink();
    const { endpoints, open } = scripted([
      () => {
        throw refused();
      },
      (_endpoint, attemptSink) => {
        attemptSink.authenticating();
        attemptSink.carryOver({ protocol: 'xmpp' });
        return 'session';
      },
    ]);
    const options = { plan, resolver: fakeResolver(zone), timeoutMs: 1000, sink };
    await expect(connectInOrder(options, open)).resolves.toBe('session');
    expect(
      endpoints.map(({ host, port, tls, servername }) => ({ host, port, tls, servername })),
    ).toEqual([
      { host: 'one.example.net', port: 5222, tls: 'starttls', servername: 'example.org' },
      { host: 'two.example.net', port: 5223, tls: 'direct', servername: 'example.org' },
    ]);
    await expect(addressesOf(endpoints[0] as Endpoint)).resolves.toEqual([
      { address: '2001:db8::1', family: 6 },
      { address: '192.0.2.1', family: 4 },
    ]);
    // The account's sink gets every call of the attempt, unchanged.
    expect(sink.calls).toEqual(['authenticating', 'carryOver']);
  });

  it('when a target fails after authentication began, stops there', async () => {
    const { endpoints, open } = scripted([
      (_endpoint, attemptSink) => {
        attemptSink.authenticating();
        throw new SwitchboardError('SB_CONNECTION_CLOSED', 'closed');
      },
    ]);
    const options = { plan, resolver: fakeResolver(zone), timeoutMs: 1000, sink: recordingSink() };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({
      code: 'SB_CONNECTION_CLOSED',
    });
    expect(endpoints).toHaveLength(1);
  });

  it('when a target answers with a stream error, stops there', async () => {
    const { endpoints, open } = scripted([
      () => {
        throw new SwitchboardError('SB_STREAM_ERROR', 'host-unknown', {
          details: { condition: 'host-unknown' },
        });
      },
    ]);
    const options = { plan, resolver: fakeResolver(zone), timeoutMs: 1000, sink: recordingSink() };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({ code: 'SB_STREAM_ERROR' });
    expect(endpoints).toHaveLength(1);
  });

  it('when every target fails, lists each one and why in SB_CONNECTION_FAILED', async () => {
    const { open } = scripted([
      () => {
        throw refused();
      },
      () => {
        throw new SwitchboardError('SB_TLS_FAILED', 'bad cert', {
          details: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
        });
      },
    ]);
    const options = { plan, resolver: fakeResolver(zone), timeoutMs: 1000, sink: recordingSink() };
    const error = await connectInOrder(options, open).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      details: {
        domain: 'example.org',
        retryable: true,
        attempts: [
          {
            host: 'one.example.net',
            port: 5222,
            tls: 'starttls',
            code: 'SB_CONNECTION_FAILED',
            reason: 'ECONNREFUSED',
          },
          {
            host: 'two.example.net',
            port: 5223,
            tls: 'direct',
            code: 'SB_TLS_FAILED',
            reason: 'ERR_TLS_CERT_ALTNAME_INVALID',
          },
        ],
      },
    });
    expect((error as Error).message).toContain('one.example.net:5222 (starttls)');
  });

  it('when every target fails TLS, the error is not retryable', async () => {
    const tlsFails = (): string => {
      throw new SwitchboardError('SB_TLS_FAILED', 'bad cert');
    };
    const { open } = scripted([tlsFails, tlsFails]);
    const options = { plan, resolver: fakeResolver(zone), timeoutMs: 1000, sink: recordingSink() };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      details: { retryable: false },
    });
  });

  it('when no target has an address, fails with SB_DNS_FAILED without connecting', async () => {
    const { endpoints, open } = scripted([]);
    const resolver = fakeResolver({ srv: zone.srv, a: { 'one.example.net': 'ESERVFAIL' } });
    const options = { plan, resolver, timeoutMs: 1000, sink: recordingSink() };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({
      code: 'SB_DNS_FAILED',
      details: {
        retryable: true,
        attempts: [
          { host: 'one.example.net', code: 'SB_DNS_FAILED', reason: 'ESERVFAIL' },
          { host: 'two.example.net', code: 'SB_DNS_FAILED', reason: 'ENOTFOUND' },
        ],
      },
    });
    expect(endpoints).toEqual([]);
  });

  it('when insecure loopback is allowed, skips targets with addresses off this machine', async () => {
    const { endpoints, open } = scripted([() => 'session']);
    const options = {
      plan: { ...plan, allowInsecure: true },
      resolver: fakeResolver(zone),
      timeoutMs: 1000,
      sink: recordingSink(),
    };
    await expect(connectInOrder(options, open)).resolves.toBe('session');
    expect(endpoints.map((e) => [e.host, e.allowInsecure])).toEqual([['two.example.net', true]]);
  });

  it('when insecure loopback is allowed and no target is on loopback, fails with SB_INSECURE_NOT_LOOPBACK', async () => {
    const { endpoints, open } = scripted([]);
    const resolver = fakeResolver({ ...zone, a: { ...zone.a, 'two.example.net': ['192.0.2.2'] } });
    const options = {
      plan: { ...plan, allowInsecure: true },
      resolver,
      timeoutMs: 1000,
      sink: recordingSink(),
    };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({
      code: 'SB_INSECURE_NOT_LOOPBACK',
      details: {
        retryable: false,
        attempts: [{ host: 'one.example.net' }, { host: 'two.example.net' }],
      },
    });
    expect(endpoints).toEqual([]);
  });

  it('when the target is fixed, looks up no SRV record and throws its failure as it is', async () => {
    const resolver = fakeResolver(zone);
    const { endpoints, open } = scripted([
      () => {
        throw refused();
      },
    ]);
    const fixed = { host: 'one.example.net', port: 15222, tls: 'starttls' } as const;
    const options = { plan: { ...plan, fixed }, resolver, timeoutMs: 1000, sink: recordingSink() };
    await expect(connectInOrder(options, open)).rejects.toMatchObject({
      code: 'SB_CONNECTION_FAILED',
      message: 'refused',
    });
    expect(endpoints.map((e) => `${e.host}:${e.port}`)).toEqual(['one.example.net:15222']);
    expect(resolver.asked).toEqual(['AAAA one.example.net', 'A one.example.net']);
  });

  it('when the login is given up after a refused target, tries no further target', async () => {
    const controller = new AbortController();
    const reason = new SwitchboardError('SB_ABORTED', 'given up');
    const { endpoints, open } = scripted([
      () => {
        controller.abort(reason);
        throw refused();
      },
      () => 'online',
    ]);
    const options = {
      plan,
      resolver: fakeResolver(zone),
      timeoutMs: 1_000,
      sink: recordingSink(),
      signal: controller.signal,
    };
    await expect(connectInOrder(options, open)).rejects.toBe(reason);
    expect(endpoints).toHaveLength(1);
  });
});
