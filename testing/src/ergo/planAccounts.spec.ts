import { SwitchboardError } from '@switchboard/core';
import { planAccounts } from './planAccounts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return SwitchboardError.is(error) ? error.code : 'not coded';
  }
  return undefined;
}

describe(planAccounts, () => {
  it('when a certfp has colons and upper case, normalises it to lower-case hex', () => {
    const hex = `${'AB:'.repeat(31)}CD`;
    expect(planAccounts([{ name: 'alice', password: 'pw', certfp: hex }])).toEqual([
      { name: 'alice', password: 'pw', certfp: `${'ab'.repeat(31)}cd` },
    ]);
  });

  it.each([
    ['a name with a space', { name: 'a b', password: 'pw' }],
    ['an empty password', { name: 'alice', password: '' }],
    ['a password with a space', { name: 'alice', password: 'p w' }],
    ['a short certfp', { name: 'alice', password: 'pw', certfp: 'abcd' }],
  ])('when given %s, throws SB_CONFIG_INVALID', (_, account) => {
    expect(codeOf(() => planAccounts([account]))).toBe('SB_CONFIG_INVALID');
  });

  it('when a name is listed twice in other case, throws SB_CONFIG_INVALID', () => {
    const accounts = [
      { name: 'Alice', password: 'pw' },
      { name: 'alice', password: 'pw' },
    ];
    expect(codeOf(() => planAccounts(accounts))).toBe('SB_CONFIG_INVALID');
  });
});
