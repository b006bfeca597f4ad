import { nickAfterCollision } from './nickAfterCollision';

describe(nickAfterCollision, () => {
  it('when the nick is taken, tries nick_, nick__, then numbers', () => {
    expect([1, 2, 3, 4].map((n) => nickAfterCollision('alice', n))).toEqual([
      'alice_',
      'alice__',
      'alice3',
      'alice4',
    ]);
  });

  it('when the server limits nick length, shortens the nick to fit the suffix', () => {
    expect(nickAfterCollision('abcdefghi', 1, 9)).toBe('abcdefgh_');
    expect(nickAfterCollision('abcdefghi', 12, 9)).toBe('abcdefg12');
    expect(nickAfterCollision('abc', 1, 9)).toBe('abc_');
  });

  it('when the attempt is not a whole number from 1, throws', () => {
    expect(() => nickAfterCollision('a', 0)).toThrow(RangeError);
  });
});
