/**
 * The IRC conformance checks of the conversation capabilities on the kit's ergo (history on,
 * multiclient on): `rooms` (channels), `history` (`draft/chathistory`) and `otherDevices` (a
 * second connection of the same account).
 */
import type { CapabilitySet } from '@switchboard/core';
import { nextOccupant } from '../conversationChecks';
import type { HonourProbe } from '../honourProbes';
import type { IrcPeer } from './IrcPeer';
import { nickOf } from './ircHonourProbes';

/** The probes of the conversation capabilities `capabilities` declares true. */
export function ircConversationProbes(capabilities: CapabilitySet): HonourProbe<IrcPeer>[] {
  const probes: HonourProbe<IrcPeer>[] = [];
  if (capabilities.rooms) {
    probes.push({
      label: 'joinRoom, occupants, channel messages both ways, leaveRoom (rooms)',
      run: async ({ account, events, peer, room }) => {
        const channel = room('kit-rooms');
        const me = nickOf(account.address ?? '');
        const state = await account.joinRoom(channel);
        expect(state.occupants).toContainEqual(expect.objectContaining({ nick: me, self: true }));
        const arrived = nextOccupant(
          account,
          (r, c) => r === channel && c.kind === 'joined' && c.occupant.nick === peer.address,
          'the peer joining the channel',
        );
        peer.sendRaw(`JOIN ${channel}`);
        await arrived;
        // Sending needs the message type too (a profile may declare rooms it only reads).
        if (capabilities.messageTypes.includes('groupchat')) {
          const out = 'rooms: from the account';
          await account.sendMessage({ to: channel, type: 'groupchat', body: out });
          await peer.waitFor(
            (l) => l.command === 'PRIVMSG' && l.params[0] === channel && l.params[1] === out,
          );
        }
        const back = 'rooms: from the peer';
        peer.sendMessage(channel, back);
        await events.waitFor(
          'message',
          (m) =>
            m.type === 'groupchat' &&
            m.from === channel &&
            m.nick === peer.address &&
            m.body === back,
          'the channel message from the peer',
        );
        await account.leaveRoom(channel);
        expect(account.rooms).toEqual([]);
      },
    });
  }
  if (capabilities.history) {
    probes.push({
      label: 'history of a conversation, both directions (history)',
      run: async ({ account, events, peer }) => {
        const out = `history: from the account ${Date.now()}`;
        const back = `history: from the peer ${Date.now()}`;
        await account.sendMessage({ to: peer.address, body: out });
        await peer.waitForMessage(out);
        peer.sendMessage(nickOf(account.address ?? ''), back);
        const live = await events.waitFor('message', (m) => m.body === back, `"${back}"`);
        const page = await account.history(peer.address, { limit: 20 });
        expect(page.messages.find((m) => m.body === out)).toMatchObject({ outgoing: true });
        const received = page.messages.find((m) => m.body === back);
        expect(received).toMatchObject({ outgoing: false, archiveId: expect.any(String) });
        if (live.archiveId !== undefined) expect(received?.archiveId).toBe(live.archiveId);
      },
    });
  }
  if (capabilities.otherDevices) {
    probes.push({
      label: 'a message sent from another connection arrives as ownMessage (otherDevices)',
      run: async ({ events, peer, sibling }) => {
        const device = await sibling();
        const body = `otherDevices: from the second connection ${Date.now()}`;
        await device.account.sendMessage({ to: peer.address, body });
        const own = await events.waitFor('ownMessage', (m) => m.body === body, `"${body}"`);
        expect(own.to).toBe(peer.address);
        expect(events.all('message').some((m) => m.body === body)).toBe(false);
      },
    });
  }
  return probes;
}
