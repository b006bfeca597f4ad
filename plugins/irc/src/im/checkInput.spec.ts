import { SwitchboardError } from '@switchboard/core';
import { checkChannel, checkIrcMessage, checkNick } from './checkInput';

describe(checkNick, () => {
  it.each(['alice', 'Bob_', '[away]', 'x|y', 'ünï'])('accepts %s', (nick) => {
    expect(() => checkNick(nick, 'to')).not.toThrow();
  });

  it.each(['', 'a b', 'a,b', '#chan', 'a@b', 'a!b', ':x', 'a\u0001', 'x'.repeat(65)])(
    'refuses %j with SB_ADDRESS_INVALID naming the field',
    (nick) => {
      let error: unknown;
      try {
        checkNick(nick, 'to');
      } catch (caught) {
        error = caught;
      }
      expect(SwitchboardError.is(error, 'SB_ADDRESS_INVALID')).toBe(true);
      expect((error as SwitchboardError).details.field).toBe('to');
    },
  );
});

describe(checkChannel, () => {
  it.each(['#switchboard', '&local', '#ünï-code', '#a.b[c]'])('accepts %s', (room) => {
    expect(() => checkChannel(room, 'room')).not.toThrow();
  });

  it.each(['', '#', 'alice', '#a b', '#a,b', '#a\u0007', `#${'x'.repeat(200)}`])(
    'refuses %j with SB_ADDRESS_INVALID naming the field',
    (room) => {
      expect(() => checkChannel(room, 'room')).toThrow(
        expect.objectContaining({
          code: 'SB_ADDRESS_INVALID',
          details: expect.objectContaining({ field: 'room' }),
        }),
      );
    },
  );
});

describe(checkIrcMessage, () => {
  it('refuses an empty body and NUL', () => {
    expect(() => checkIrcMessage({ to: 'bob', body: '  ' })).toThrow(
      expect.objectContaining({ code: 'SB_CONTENT_INVALID' }),
    );
    expect(() => checkIrcMessage({ to: 'bob', body: 'a\u0000b' })).toThrow(
      expect.objectContaining({ code: 'SB_CONTENT_INVALID' }),
    );
    expect(() => checkIrcMessage({ to: 'bob', body: 'multi\nline' })).not.toThrow();
  });
});
