import { foldCase, toCasemapping } from './casemapping';

describe(foldCase, () => {
  it('when the mapping is rfc1459, folds A-Z and []\\~ to {}|^', () => {
    expect(foldCase('Nick[A]\\~')).toBe('nick{a}|^');
  });

  it('when the mapping is rfc1459-strict, leaves ~ as it is', () => {
    expect(foldCase('Nick[A]\\~', 'rfc1459-strict')).toBe('nick{a}|~');
  });

  it('when the mapping is ascii, folds only A-Z; non-ASCII letters are unchanged', () => {
    expect(foldCase('Nick[A]É', 'ascii')).toBe('nick[a]É');
  });
});

describe(toCasemapping, () => {
  it('when the server names a known mapping, uses it; else rfc1459', () => {
    expect(toCasemapping('ascii')).toBe('ascii');
    expect(toCasemapping('rfc1459-strict')).toBe('rfc1459-strict');
    expect(toCasemapping('rfc7613')).toBe('rfc1459');
    expect(toCasemapping(undefined)).toBe('rfc1459');
  });
});
