/**
 * Room messages whose server→client bytes reach the receiver glued into one read or split at
 * every byte (a real Prosody without TLS, so the split falls inside the XML the client parses):
 * every room message arrives once, in order, with its nick, and the sender's own messages come
 * back through the split as delivery states, not messages.
 */
import type { Account, DeliveryUpdate } from '@switchboard/core';
import { type DownstreamMode, MessageLedger } from '@switchboard/testing';
import { connectPair } from './faultKit.testkit';
import { CLEAN, settle, until, verdict } from './storm.testkit';
import { stormSuite } from './stormSuite.testkit';

describe('room messages read glued or split at every byte (real Prosody, no TLS)', () => {
  const suite = stormSuite({ tls: 'none', rooms: true, archive: true });
  const { accounts } = suite;

  it.each<DownstreamMode>(['glued', 'bytewise'])(
    'when the room member reads %s bytes, every room message arrives once, in order',
    async (mode) => {
      const via = await suite.proxy({ downstream: mode });
      const { alice, bob } = await connectPair(suite.server, accounts, {
        alice: { allowInsecureLoopback: true },
        bob: { server: { host: suite.server.host, port: via.port }, allowInsecureLoopback: true },
      });
      const room = `split-${mode}@${suite.server.roomsDomain}`;
      await alice.joinRoom(room, { nick: 'alice' });
      await bob.joinRoom(room, { nick: 'bob' });
      const toBob = new MessageLedger('room', `${mode}-in`);
      toBob.watch(bob);
      const states: DeliveryUpdate[] = [];
      bob.on('delivery', (u) => states.push(u));
      const fromBob = new MessageLedger('room', `${mode}-out`);
      fromBob.watch(alice);
      const send = (from: Account, ledger: MessageLedger, sender: string) => {
        for (let i = 0; i < 40; i++) {
          ledger.send(sender, (body) => from.sendMessage({ to: room, type: 'groupchat', body }));
        }
      };
      send(alice, toBob, 'alice');
      send(bob, fromBob, 'bob');
      const [inbound, outbound] = [await settle(toBob), await settle(fromBob)];
      expect(verdict(inbound)).toEqual(CLEAN);
      expect(verdict(outbound)).toEqual(CLEAN);
      expect([inbound.ok, outbound.ok]).toEqual([40, 40]);
      // bob's own 40 come back through the split as reflections: delivered, never messages. They
      // may still be in the byte-by-byte proxy when alice (direct) has read the 40 from bob.
      const delivered = (): Set<string> =>
        new Set(states.filter((u) => u.state === 'delivered').map((u) => u.id));
      await until(() => delivered().size >= 40, 30_000);
      expect(delivered().size).toBe(40);
    },
  );
});
