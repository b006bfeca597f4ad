import { parseIrcLine } from './parseIrcLine';

describe(parseIrcLine, () => {
  it('when the line has tags, a source and a trailing parameter, splits all four', () => {
    const line = parseIrcLine('@time=x :irc.test CAP * LS * :sasl=PLAIN,EXTERNAL tls');
    expect(line).toEqual({
      raw: '@time=x :irc.test CAP * LS * :sasl=PLAIN,EXTERNAL tls',
      tags: 'time=x',
      source: 'irc.test',
      command: 'CAP',
      params: ['*', 'LS', '*', 'sasl=PLAIN,EXTERNAL tls'],
    });
  });

  it('when the line has no source, upper-cases the command and keeps middle parameters', () => {
    expect(parseIrcLine('authenticate +')).toMatchObject({
      source: undefined,
      command: 'AUTHENTICATE',
      params: ['+'],
    });
  });

  it('when the trailing parameter is empty, keeps it as an empty string', () => {
    expect(parseIrcLine(':s 904 nick :').params).toEqual(['nick', '']);
  });
});
