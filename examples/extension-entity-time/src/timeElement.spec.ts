import { xml } from '@switchboard/xmpp';
import { formatOffset, NS_TIME, parseTime, timeElement } from './timeElement';

describe('timeElement', () => {
  it('when given an instant and an offset, builds the XEP-0202 answer', () => {
    const at = new Date('2006-12-19T17:58:35Z');
    expect(timeElement(at, -360).toString()).toBe(
      `<time xmlns="${NS_TIME}"><tzo>-06:00</tzo><utc>2006-12-19T17:58:35.000Z</utc></time>`,
    );
  });
});

describe('formatOffset', () => {
  it.each([
    [0, '+00:00'],
    [120, '+02:00'],
    [330, '+05:30'],
    [-570, '-09:30'],
  ])('when the offset is %i minutes, writes %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });
});

describe('parseTime', () => {
  const reply = (tzo: string, utc: string) =>
    xml('time', { xmlns: NS_TIME }, xml('tzo', {}, tzo), xml('utc', {}, utc));

  it('when the reply follows XEP-0202, reads its offset and instant', () => {
    expect(parseTime(reply('-06:00', '2006-12-19T17:58:35Z'))).toEqual({
      tzo: '-06:00',
      utc: new Date('2006-12-19T17:58:35Z'),
    });
    expect(parseTime(reply('Z', '2006-12-19T17:58:35.5Z')).utc.getTime()).toBe(
      Date.UTC(2006, 11, 19, 17, 58, 35, 500),
    );
  });

  it.each([
    ['no reply', undefined],
    ['another element', xml('query', { xmlns: NS_TIME })],
    ['a bad offset', reply('+2', '2006-12-19T17:58:35Z')],
    ['a local time', reply('+02:00', '2006-12-19T17:58:35')],
    ['a date that does not exist', reply('+02:00', '2006-13-45T17:58:35Z')],
  ])('when the reply has %s, throws SB_BAD_RESPONSE', (_, element) => {
    expect(() => parseTime(element)).toThrow(expect.objectContaining({ code: 'SB_BAD_RESPONSE' }));
  });
});
