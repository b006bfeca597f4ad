import {
  DEFAULT_PREFIXES,
  parseModeChanges,
  parseModeKinds,
  parseNamesEntry,
  parsePrefixes,
  rankOf,
  withPrefix,
} from './channelModes';

const ERGO = parsePrefixes('(qaohv)~&@%+');
const KINDS = parseModeKinds('Ibe,k,fl,CEMRUimnstu');

describe(parsePrefixes, () => {
  it('reads PREFIX=(modes)chars, and falls back to @+ when absent or malformed', () => {
    expect(ERGO).toEqual({ modes: 'qaohv', chars: '~&@%+' });
    expect(parsePrefixes(undefined)).toEqual(DEFAULT_PREFIXES);
    expect(parsePrefixes('(ov)@')).toEqual(DEFAULT_PREFIXES);
    expect(parsePrefixes('garbage')).toEqual(DEFAULT_PREFIXES);
    expect(parsePrefixes('')).toEqual({ modes: '', chars: '' });
  });
});

describe(rankOf, () => {
  it.each([
    ['~', 'owner'],
    ['&', 'admin'],
    ['@', 'moderator'],
    ['%', 'moderator'],
    ['+', 'member'],
    ['', 'member'],
    ['+@', 'moderator'],
    ['~@+', 'owner'],
  ])('ranks %j as %s (the highest prefix decides)', (held, rank) => {
    expect(rankOf(held, ERGO)).toBe(rank);
  });

  it('ranks an occupant without a prefix in a moderated channel as a visitor', () => {
    expect(rankOf('', ERGO, true)).toBe('visitor');
    expect(rankOf('+', ERGO, true)).toBe('member');
  });

  it('ranks a prefix of the server’s own by its place around @', () => {
    const odd = parsePrefixes('(Yov)!@+');
    expect(rankOf('!', odd)).toBe('admin');
    expect(rankOf('!', parsePrefixes('(ovY)@+!'))).toBe('member');
  });
});

describe(withPrefix, () => {
  it('adds and removes a prefix keeping the server’s order', () => {
    expect(withPrefix('+', '@', true, ERGO)).toBe('@+');
    expect(withPrefix('@+', '@', false, ERGO)).toBe('+');
    expect(withPrefix('', '+', false, ERGO)).toBe('');
  });
});

describe(parseNamesEntry, () => {
  it('reads multi-prefix and userhost-in-names entries', () => {
    expect(parseNamesEntry('@+alice!a@host.example', ERGO)).toEqual({
      nick: 'alice',
      prefixes: '@+',
      address: 'alice!a@host.example',
    });
    expect(parseNamesEntry('bob', ERGO)).toEqual({ nick: 'bob', prefixes: '' });
  });

  it.each(['', '@', '@+', '#chan', 'a,b', 'x\u0001'])('skips %j, which is not a nick', (entry) => {
    expect(parseNamesEntry(entry, ERGO)).toBeUndefined();
  });

  it('keeps the nick but not a malformed address', () => {
    expect(parseNamesEntry('carol!nohost', ERGO)).toEqual({ nick: 'carol', prefixes: '' });
  });
});

describe(parseModeChanges, () => {
  it('gives membership, list and key modes their parameters in order', () => {
    expect(
      parseModeChanges(['+ov-b+k', 'alice', 'bob', '*!*@spam', 'sesame'], ERGO, KINDS),
    ).toEqual([
      { add: true, mode: 'o', param: 'alice' },
      { add: true, mode: 'v', param: 'bob' },
      { add: false, mode: 'b', param: '*!*@spam' },
      { add: true, mode: 'k', param: 'sesame' },
    ]);
  });

  it('takes a parameter for a when-set mode only when it is set', () => {
    expect(parseModeChanges(['+l-l+m', '10'], ERGO, KINDS)).toEqual([
      { add: true, mode: 'l', param: '10' },
      { add: false, mode: 'l' },
      { add: true, mode: 'm' },
    ]);
  });

  it('drops changes whose parameter is missing', () => {
    expect(parseModeChanges(['+oo', 'alice'], ERGO, KINDS)).toEqual([
      { add: true, mode: 'o', param: 'alice' },
    ]);
    expect(parseModeChanges([], ERGO, KINDS)).toEqual([]);
  });

  it('uses RFC 1459 kinds without CHANMODES', () => {
    expect(parseModeKinds(undefined)).toEqual({ list: 'beI', always: 'k', whenSet: 'l' });
    expect(parseModeKinds('b,k')).toEqual({ list: 'beI', always: 'k', whenSet: 'l' });
  });
});
