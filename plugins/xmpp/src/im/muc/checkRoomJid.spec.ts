import { SwitchboardError } from '@switchboard/core';
import { XmppPlugin } from '../../XmppPlugin';
import { checkRoomJid } from './checkRoomJid';

describe(checkRoomJid, () => {
  it('when the address is a bare room JID: passes', () => {
    expect(() => checkRoomJid('room@conference.example.org')).not.toThrow();
  });

  it.each([
    ['room@conference.example.org/nick', 'resourcepart'],
    ['conference.example.org', 'localpart'],
  ])('when the address is %s: SB_ADDRESS_INVALID (%s)', (address, reason) => {
    const error = (() => {
      try {
        checkRoomJid(address);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(SwitchboardError.is(error, 'SB_ADDRESS_INVALID')).toBe(true);
    expect((error as SwitchboardError).details).toEqual({ field: 'room', reason });
  });

  it('when XmppPlugin checks a room address: only the room field needs a bare JID', () => {
    const plugin = Object.create(XmppPlugin.prototype) as XmppPlugin;
    expect(() => plugin.checkAddress('bob@example.org/phone', 'to')).not.toThrow();
    expect(() => plugin.checkAddress('room@conference.example.org/nick', 'room')).toThrow(
      /no "\/resource" part/,
    );
    expect(() => plugin.checkAddress('room@@bad', 'room')).toThrow(SwitchboardError);
  });
});
