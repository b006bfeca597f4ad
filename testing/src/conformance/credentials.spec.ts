import { otherToken } from './credentials';

describe(otherToken, () => {
  it.each([
    ['EwAwAq1D/+8=', 'FwAwAq1D/+8='],
    ['ya29.x', 'za29.x'],
    ['Z9', 'A9'],
    ['9', '0'],
    ['./-', './-0'],
  ])('when given %j, returns %j', (token, other) => {
    expect(otherToken(token)).toBe(other);
  });
});
