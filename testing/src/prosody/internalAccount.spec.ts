import { encodeStorageName, internalAccount, luaString } from './internalAccount';

describe(internalAccount, () => {
  // Paths and texts as `prosodyctl register` (Prosody 13.0) writes them (its key order varies).
  it.each([
    ['alice', 'pw', 'alice.dat', '"pw"'],
    ['a.b-c_d', 'q"uo\\te\'s $x', 'a%2eb%2dc%5fd.dat', '"q\\"uo\\\\te\\\'s $x"'],
    ['x~!$%*+=?^{}|', 'p', 'x%7e%21%24%25%2a%2b%3d%3f%5e%7b%7d%7c.dat', '"p"'],
  ])('when the user is %s, writes what prosodyctl writes', (user, password, file, literal) => {
    expect(internalAccount('example.test', user, password, 1796342814)).toEqual({
      domain: 'example.test',
      username: user,
      file: `example%2etest/accounts/${file}`,
      text: `return {\n\t["password"] = ${literal};\n\t["created"] = 1796342814;\n\t["updated"] = 1796342814;\n};\n`,
    });
  });

  it('when no time is given, stamps the account with the current time in seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const { text } = internalAccount('example.test', 'alice', 'pw');
    const after = Math.floor(Date.now() / 1000);
    const created = Number(/\["created"\] = (\d+);/.exec(text)?.[1]);
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(after);
    expect(text).toContain(`["updated"] = ${created};`);
  });
});

describe(encodeStorageName, () => {
  it('when a byte is not an ASCII letter or digit, encodes it as %xx in lowercase hex, UTF-8 byte by byte', () => {
    expect(encodeStorageName('Az09')).toBe('Az09');
    expect(encodeStorageName('a b/c:_')).toBe('a%20b%2fc%3a%5f');
    expect(encodeStorageName('jürgen')).toBe('j%c3%bcrgen');
  });
});

describe(luaString, () => {
  it('when given controls, quotes and bytes from 127 up, escapes them as util.serialization does', () => {
    expect(luaString('\x07\b\t\n\v\f\r')).toBe('"\\a\\b\\t\\n\\v\\f\\r"');
    expect(luaString('\0\x1b\x7f')).toBe('"\\000\\027\\127"');
    expect(luaString('pässwörd')).toBe('"p\\195\\164ssw\\195\\182rd"');
    expect(luaString('~ !#')).toBe('"~ !#"');
  });
});
