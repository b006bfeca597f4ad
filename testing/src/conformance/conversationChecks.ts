/**
 * The XMPP conformance checks of `rooms` (MUC) and `history` (MAM) against the kit's Prosody
 * (rooms and archive on) with a raw Jabber peer; `deliveryProbes.ts` has the other-device,
 * receipt and marker checks.
 */
import type { Account, OccupantChange } from '@switchboard/core';
import type { Check } from './honourProbes';
import { bare } from './peerXml';

const MUC = 'http://jabber.org/protocol/muc';

/** Resolves with the first `occupant` event `match` accepts; rejects naming `what` after 10 s. */
export function nextOccupant(
  account: Account,
  match: (room: string, change: OccupantChange) => boolean,
  what: string,
): Promise<OccupantChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      account.off('occupant', listener);
      reject(new Error(`The account saw no ${what}.`));
    }, 10_000);
    const listener = (room: string, change: OccupantChange): void => {
      if (!match(room, change)) return;
      clearTimeout(timer);
      account.off('occupant', listener);
      resolve(change);
    };
    account.on('occupant', listener);
  });
}

type ConversationCapability = 'rooms' | 'history';

/** The checks, by capability (merged into the kit's CHECKS). */
export const conversationChecks: Readonly<Record<ConversationCapability, Check>> = {
  rooms: (set) => ({
    name: 'joinRoom, occupants, room messages both ways, leaveRoom',
    run: async ({ account, events, peer, room }) => {
      const address = room('kit-rooms');
      const state = await account.joinRoom(address, { nick: 'kit' });
      expect(state.occupants).toContainEqual(expect.objectContaining({ nick: 'kit', self: true }));
      const arrived = nextOccupant(
        account,
        (r, c) => r === address && c.kind === 'joined' && c.occupant.nick === 'peer',
        'the peer joining the room',
      );
      peer.sendRaw(`<presence to='${address}/peer'><x xmlns='${MUC}'/></presence>`);
      await arrived;
      // Sending needs the message type too (a profile may declare rooms it only reads).
      if (set.messageTypes.includes('groupchat')) {
        const out = 'rooms: from the account';
        await account.sendMessage({ to: address, type: 'groupchat', body: out });
        const got = await peer.waitFor(
          (s) =>
            s.name === 'message' &&
            s.attrs.type === 'groupchat' &&
            s.children.some((c) => c.name === 'body' && c.text === out),
          'the room message from the account',
        );
        expect(got.attrs.from).toBe(`${address}/kit`);
      }
      const back = 'rooms: from the peer';
      peer.sendRaw(`<message to='${address}' type='groupchat'><body>${back}</body></message>`);
      await events.waitFor(
        'message',
        (m) => m.type === 'groupchat' && m.from === address && m.nick === 'peer' && m.body === back,
        'the room message from the peer',
      );
      await account.leaveRoom(address);
      expect(account.rooms).toEqual([]);
    },
  }),
  history: () => ({
    name: 'history of a conversation, both directions',
    run: async ({ account, events, peer }) => {
      const contact = bare(peer.address);
      const out = `history: from the account ${Date.now()}`;
      const back = `history: from the peer ${Date.now()}`;
      await account.sendMessage({ to: contact, body: out });
      await peer.waitForMessage(out);
      peer.sendMessage(bare(account.address ?? ''), back);
      const live = await events.waitFor('message', (m) => m.body === back, `"${back}"`);
      const page = await account.history(contact, { limit: 20 });
      const sent = page.messages.find((m) => m.body === out);
      const received = page.messages.find((m) => m.body === back);
      expect(sent).toMatchObject({ outgoing: true, archiveId: expect.any(String) });
      expect(received).toMatchObject({ outgoing: false, archiveId: expect.any(String) });
      // The live message and its archived copy carry the same archive id.
      if (live.archiveId !== undefined) expect(received?.archiveId).toBe(live.archiveId);
    },
  }),
};
