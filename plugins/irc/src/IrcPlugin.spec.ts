import { SaslRegistry } from '@switchboard/core';
import { IrcPlugin } from './IrcPlugin';

describe(IrcPlugin, () => {
  const plugin = new IrcPlugin(new SaslRegistry());
  const code = (address: string, field = 'address'): string | undefined => {
    try {
      plugin.checkAddress(address, field);
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  describe('.checkAddress', () => {
    it('when the address is nick@server, accepts it', () => {
      expect(code('alice@irc.libera.chat')).toBeUndefined();
    });

    it("when a contact's address is a nick, accepts it", () => {
      expect(code('capabilities-peer', 'contact')).toBeUndefined();
      expect(code('bob', 'to')).toBeUndefined();
    });

    it('when the nick or the server part is missing or the nick is invalid, fails with SB_ADDRESS_INVALID', () => {
      for (const address of [
        '@irc.test',
        'alice@',
        'alice',
        'al ice@irc.test',
        'al ice',
        '#chan',
        '',
      ]) {
        expect([address, code(address)]).toEqual([address, 'SB_ADDRESS_INVALID']);
      }
    });

    it('when a room is a channel name, accepts it; anything else fails with SB_ADDRESS_INVALID', () => {
      expect(code('#room', 'room')).toBeUndefined();
      expect(code('&local', 'room')).toBeUndefined();
      for (const address of ['room', '#', '#a b', '#a,b', '#a\u0007b', '']) {
        expect([address, code(address, 'room')]).toEqual([address, 'SB_ADDRESS_INVALID']);
      }
    });

    it("when a contact's address (any other field) holds a server part, fails: contacts are nicks", () => {
      expect(code('bob@irc.test', 'contact')).toBe('SB_ADDRESS_INVALID');
      expect(code('bob@irc.test', 'to')).toBe('SB_ADDRESS_INVALID');
    });
  });
});
