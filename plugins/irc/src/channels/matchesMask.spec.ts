import { foldCase } from '../wire/casemapping';
import { matchesMask } from './matchesMask';

const fold = (s: string): string => foldCase(s, 'rfc1459');

describe(matchesMask, () => {
  it.each([
    ['alice!*@*', 'alice!a@host', true],
    ['ALICE!*@*', 'alice!a@host', true],
    ['*!*@host', 'bob!b@host', true],
    ['*!*@host', 'bob!b@other', false],
    ['a?ice!*@*', 'alice!x@y', true],
    ['[a]!*@*', '{a}!x@y', true],
    ['*', 'anyone!x@y', true],
    ['alice!*@*', '', false],
  ])('%s against %j is %s', (mask, address, expected) => {
    expect(matchesMask(mask, address, fold)).toBe(expected);
  });

  it('answers a mask of many wildcards without backtracking through every split', () => {
    // A regular expression built from this mask would take longer than the test's timeout.
    const mask = `${'*a'.repeat(200)}b`;
    expect(matchesMask(mask, `${'a'.repeat(400)}!x@y`, fold)).toBe(false);
    expect(matchesMask(mask, `${'a'.repeat(400)}b`, fold)).toBe(true);
  });
});
