import { fakeResolver } from './fakeResolver.testkit';
import { resolveAddresses, staticLookup } from './resolveAddresses';

describe(resolveAddresses, () => {
  it('when the host has AAAA and A records, returns IPv6 first, then IPv4', async () => {
    const resolver = fakeResolver({ a: { h: ['192.0.2.1'] }, aaaa: { h: ['2001:db8::1'] } });
    await expect(resolveAddresses('h', resolver, 1000)).resolves.toEqual([
      { address: '2001:db8::1', family: 6 },
      { address: '192.0.2.1', family: 4 },
    ]);
  });

  it('when the host is an IP address or localhost, asks no DNS', async () => {
    const resolver = fakeResolver({});
    await expect(resolveAddresses('::1', resolver, 1000)).resolves.toEqual([
      { address: '::1', family: 6 },
    ]);
    await expect(resolveAddresses('localhost', resolver, 1000)).resolves.toEqual([
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ]);
    expect(resolver.asked).toEqual([]);
  });

  it('when only one family exists, returns it', async () => {
    const resolver = fakeResolver({ a: { h: ['192.0.2.1'] }, aaaa: { h: 'ENODATA' } });
    await expect(resolveAddresses('h', resolver, 1000)).resolves.toEqual([
      { address: '192.0.2.1', family: 4 },
    ]);
  });

  it('when the name does not exist, fails with SB_DNS_FAILED, not retryable', async () => {
    await expect(resolveAddresses('h', fakeResolver({}), 1000)).rejects.toMatchObject({
      code: 'SB_DNS_FAILED',
      details: { name: 'h', code: 'ENOTFOUND', retryable: false },
    });
  });

  it('when a lookup fails, names that failure (retryable) rather than the missing family', async () => {
    const resolver = fakeResolver({ a: { h: 'ESERVFAIL' }, aaaa: { h: 'ENODATA' } });
    await expect(resolveAddresses('h', resolver, 1000)).rejects.toMatchObject({
      code: 'SB_DNS_FAILED',
      details: { name: 'h', code: 'ESERVFAIL', retryable: true },
    });
  });
});

describe(staticLookup, () => {
  const lookup = staticLookup([
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ]);

  it('when asked for all addresses (Happy Eyeballs), gives all of them', async () => {
    const all = await new Promise((resolve) =>
      lookup('x', { all: true }, (_error, addresses) => resolve(addresses)),
    );
    expect(all).toEqual([
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('when asked for one family, gives its first address, or ENOTFOUND', async () => {
    const one = await new Promise((resolve) =>
      lookup('x', { family: 4 }, (_error, address, family) => resolve([address, family])),
    );
    expect(one).toEqual(['127.0.0.1', 4]);
    const only6 = staticLookup([{ address: '::1', family: 6 }]);
    const error = await new Promise((resolve) => only6('x', { family: 4 }, (e) => resolve(e)));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
