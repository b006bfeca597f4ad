import { parseLine } from './parseLine';
import { serverTime } from './serverTime';

describe(serverTime, () => {
  it('when the message has a time tag, gives it as a Date', () => {
    const message = parseLine('@time=2026-03-04T05:06:07.089Z :a!b@c PRIVMSG me :hi');
    expect(serverTime(message)?.toISOString()).toBe('2026-03-04T05:06:07.089Z');
  });

  it.each([
    ['no time tag', 'PRIVMSG me :hi'],
    ['a time without Z', '@time=2026-03-04T05:06:07.089 PRIVMSG me :hi'],
    ['a date that does not exist', '@time=2026-13-40T05:06:07.089Z PRIVMSG me :hi'],
    ['text', '@time=yesterday PRIVMSG me :hi'],
  ])('when the message has %s, gives undefined', (_, line) => {
    expect(serverTime(parseLine(line))).toBeUndefined();
  });
});
