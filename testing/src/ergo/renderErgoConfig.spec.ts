import { mergeConfig, renderErgoConfig } from './renderErgoConfig';

const paths = {
  tlsPort: 6697,
  plainPort: undefined,
  certFile: '/d/certs/server.crt',
  keyFile: '/d/certs/server.key',
  datastore: '/d/ircd.db',
  lockFile: '/d/ircd.lock',
  logFile: '/d/ergo.log',
};

describe(renderErgoConfig, () => {
  it('when no plain port is given, listens with TLS on 127.0.0.1 only', () => {
    const config = JSON.parse(renderErgoConfig(paths));
    expect(config.server.listeners).toEqual({
      '127.0.0.1:6697': {
        tls: { cert: '/d/certs/server.crt', key: '/d/certs/server.key' },
        'min-tls-version': 1.2,
      },
    });
  });

  it('when a plain port is given, adds a plain loopback listener', () => {
    const config = JSON.parse(renderErgoConfig({ ...paths, plainPort: 6667 }));
    expect(config.server.listeners['127.0.0.1:6667']).toEqual({});
  });

  it('advertises SCRAM, allows registration, and turns off lookups and limits', () => {
    const config = JSON.parse(renderErgoConfig(paths));
    expect(config.accounts['advertise-scram']).toBe(true);
    expect(config.accounts.registration.enabled).toBe(true);
    expect(config.server['lookup-hostnames']).toBe(false);
    expect(config.server['ip-limits']).toEqual({ count: false, throttle: false });
    expect(config.fakelag.enabled).toBe(false);
    expect(config.datastore.path).toBe('/d/ircd.db');
  });

  it('when extra config is given, merges objects key by key', () => {
    const extra = { accounts: { 'login-throttling': { enabled: true, 'max-attempts': 2 } } };
    const config = JSON.parse(renderErgoConfig(paths, extra));
    expect(config.accounts['login-throttling']).toEqual({ enabled: true, 'max-attempts': 2 });
    expect(config.accounts['advertise-scram']).toBe(true);
  });
});

describe(mergeConfig, () => {
  it('when a value is an array, replaces it rather than merging', () => {
    expect(mergeConfig({ a: [1, 2], b: { c: 1 } }, { a: [3] })).toEqual({ a: [3], b: { c: 1 } });
  });
});
