import { newAccessToken, newSecret } from './newToken';

describe(newAccessToken, () => {
  it("when 'live', gives canonical base64 starting EwAw and ending +/8=, new each time", () => {
    const token = newAccessToken('live');
    expect(token).toMatch(/^EwAw[A-Za-z0-9+/]{124}\+\/8=$/);
    expect(Buffer.from(token, 'base64').toString('base64')).toBe(token);
    expect(newAccessToken('live')).not.toBe(token);
  });

  it("when 'opaque', gives sb. and base64url", () => {
    expect(newAccessToken('opaque')).toMatch(/^sb\.[A-Za-z0-9_-]{43}$/);
  });
});

describe(newSecret, () => {
  it('when called, gives 43 characters of base64url', () => {
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
