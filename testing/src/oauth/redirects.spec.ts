import { allowedRedirect, liveEncode, withFragment } from './redirects';

describe(liveEncode, () => {
  it("when given PROTOCOLS.md's Live token, gives its fragment form", () => {
    expect(liveEncode('EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=')).toBe(
      'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d',
    );
  });
});

describe(allowedRedirect, () => {
  it('when loopback http, it is allowed; other schemes, hosts, fragments and userinfo are not', () => {
    for (const ok of ['http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'http://localhost:1/']) {
      expect(allowedRedirect(ok, [])).toBeInstanceOf(URL);
    }
    for (const bad of [
      'https://127.0.0.1/cb',
      'http://127.0.0.2/cb',
      'http://example.test/cb',
      'http://127.0.0.1/cb#frag',
      'http://127.0.0.1/cb#',
      'http://user@127.0.0.1/cb',
      'not a url',
    ]) {
      expect(allowedRedirect(bad, [])).toBeUndefined();
    }
  });

  it('when registered exactly, any URL is allowed', () => {
    const live = 'https://oauth.live.com/desktop';
    expect(allowedRedirect(live, [live])?.href).toBe(live);
    expect(allowedRedirect(`${live}/`, [live])).toBeUndefined();
  });
});

describe(withFragment, () => {
  it('when the URL has a query, keeps it and appends the encoded fragment', () => {
    const url = new URL('http://127.0.0.1:1/cb?a=1');
    expect(
      withFragment(url, [
        ['access_token', 'a/b'],
        ['scope', 'x y'],
      ]),
    ).toBe('http://127.0.0.1:1/cb?a=1#access_token=a%2fb&scope=x%20y');
  });
});
