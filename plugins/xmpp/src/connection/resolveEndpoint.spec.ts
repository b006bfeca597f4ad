import type { AccountConfig } from '@switchboard/core';
import { isLoopbackHost } from '@switchboard/core/transport';
import { resolveEndpoint } from './resolveEndpoint';

const base: AccountConfig = {
  profile: 'jabber',
  address: 'alice@example.org',
  credential: { kind: 'password', password: 'x' },
};

const starttls = { port: 5222, tls: 'starttls' } as const;

describe(resolveEndpoint, () => {
  it('when nothing is overridden, plans DNS discovery with the domain on the profile port as fallback', () => {
    expect(resolveEndpoint(base, starttls)).toEqual({
      domain: 'example.org',
      servername: 'example.org',
      ca: undefined,
      allowInsecure: false,
      fixed: undefined,
      fallback: { host: 'example.org', port: 5222, tls: 'starttls' },
    });
  });

  it('when the profile names a host, uses it unless the account overrides it', () => {
    const profile = { host: 'talk.example', port: 5222, tls: 'starttls' } as const;
    expect(resolveEndpoint(base, profile).fixed).toEqual({
      host: 'talk.example',
      port: 5222,
      tls: 'starttls',
    });
    const overridden = resolveEndpoint(
      { ...base, server: { host: '127.0.0.1', port: 15222, tls: 'direct' } },
      profile,
    );
    expect(overridden).toMatchObject({
      fixed: { host: '127.0.0.1', port: 15222, tls: 'direct' },
      servername: 'example.org',
    });
  });

  it('when the account sets only a port, connects to the domain on it without discovery', () => {
    expect(
      resolveEndpoint({ ...base, server: { port: 5223, tls: 'direct' } }, starttls).fixed,
    ).toEqual({ host: 'example.org', port: 5223, tls: 'direct' });
  });

  it('when the account sets only the TLS mode, still discovers (records carry their own mode)', () => {
    const plan = resolveEndpoint({ ...base, server: { tls: 'direct' } }, starttls);
    expect(plan.fixed).toBeUndefined();
    expect(plan.fallback).toEqual({ host: 'example.org', port: 5222, tls: 'direct' });
  });

  it.each(['localhost', '127.0.0.1', '::1'])(
    'when the domain is %s, connects to it without discovery',
    (domain) => {
      const plan = resolveEndpoint({ ...base, address: `alice@${domain}` }, starttls);
      expect(plan.fixed).toEqual({ host: domain, port: 5222, tls: 'starttls' });
    },
  );

  it('when insecure loopback is allowed for a remote fixed host, fails with SB_INSECURE_NOT_LOOPBACK', () => {
    expect(() =>
      resolveEndpoint(
        { ...base, server: { host: 'xmpp.example.org' }, allowInsecureLoopback: true },
        starttls,
      ),
    ).toThrow(expect.objectContaining({ code: 'SB_INSECURE_NOT_LOOPBACK' }));
  });

  it('when insecure loopback is allowed and the host is discovered, leaves the check to the addresses found', () => {
    expect(resolveEndpoint({ ...base, allowInsecureLoopback: true }, starttls)).toMatchObject({
      allowInsecure: true,
      fixed: undefined,
    });
  });

  it('when the address has no domain or the port is invalid, fails with SB_CONFIG_INVALID', () => {
    expect(() => resolveEndpoint({ ...base, address: '@' }, starttls)).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID' }),
    );
    expect(() => resolveEndpoint({ ...base, server: { port: 70000 } }, starttls)).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID' }),
    );
  });

  it('when a CA is one string, makes it a list; servername overrides the domain', () => {
    const plan = resolveEndpoint(
      { ...base, tls: { ca: 'PEM', servername: 'xmpp.example.net' } },
      starttls,
    );
    expect(plan).toMatchObject({ ca: ['PEM'], servername: 'xmpp.example.net' });
  });
});

describe(isLoopbackHost, () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.1', true],
    ['::1', true],
    ['localhost', true],
    ['10.0.0.1', false],
    ['example.org', false],
    ['127.example.org', false],
  ])('when the host is %s, returns %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
