import type { AccountConfig } from '@switchboard/core';
import { isLoopbackHost, resolveEndpoint } from './resolveEndpoint';

const base: AccountConfig = {
  profile: 'jabber',
  address: 'alice@example.org',
  credential: { kind: 'password', password: 'x' },
};

describe(resolveEndpoint, () => {
  it('when nothing is overridden, connects to the domain on the profile port with STARTTLS', () => {
    expect(resolveEndpoint(base, { port: 5222, tls: 'starttls' })).toMatchObject({
      domain: 'example.org',
      host: 'example.org',
      port: 5222,
      tls: 'starttls',
      servername: 'example.org',
      ca: undefined,
      allowInsecure: false,
    });
  });

  it('when the profile names a host, uses it unless the account overrides it', () => {
    expect(resolveEndpoint(base, { host: 'talk.example', port: 5222, tls: 'starttls' }).host).toBe(
      'talk.example',
    );
    const overridden = resolveEndpoint(
      { ...base, server: { host: '127.0.0.1', port: 15222, tls: 'direct' } },
      { host: 'talk.example', port: 5222, tls: 'starttls' },
    );
    expect(overridden).toMatchObject({
      host: '127.0.0.1',
      port: 15222,
      tls: 'direct',
      servername: 'example.org',
    });
  });

  it('when insecure loopback is allowed for a remote host, fails with SB_INSECURE_NOT_LOOPBACK', () => {
    expect(() =>
      resolveEndpoint({ ...base, allowInsecureLoopback: true }, { port: 5222, tls: 'starttls' }),
    ).toThrow(expect.objectContaining({ code: 'SB_INSECURE_NOT_LOOPBACK' }));
  });

  it('when the address has no domain or the port is invalid, fails with SB_CONFIG_INVALID', () => {
    expect(() =>
      resolveEndpoint({ ...base, address: '@' }, { port: 5222, tls: 'starttls' }),
    ).toThrow(expect.objectContaining({ code: 'SB_CONFIG_INVALID' }));
    expect(() =>
      resolveEndpoint({ ...base, server: { port: 70000 } }, { port: 5222, tls: 'starttls' }),
    ).toThrow(expect.objectContaining({ code: 'SB_CONFIG_INVALID' }));
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
