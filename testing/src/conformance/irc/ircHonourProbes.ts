import type { CapabilitySet } from '@switchboard/core';
import type { HonourProbe } from '../honourProbes';
import type { IrcPeer } from './IrcPeer';
import { ircConversationProbes } from './ircConversationProbes';

/** The nick of the account's `nick@server` address. */
export const nickOf = (address: string): string => address.split('@')[0] ?? address;

/**
 * The IRC checks of capabilities declared true: `ping` (PING answered by PONG), `chatStates`
 * (`+typing` both ways with the peer), `watch` (MONITOR: the peer online, away, back) and a
 * `headline` (NOTICE) where `messageTypes` has it.
 * `delayedDelivery` has no check: IRC servers keep no messages for an offline nick, the
 * capability only means that `server-time` stamps are read.
 */
export function ircHonourProbes(capabilities: CapabilitySet): HonourProbe<IrcPeer>[] {
  const probes: HonourProbe<IrcPeer>[] = [];
  if (capabilities.ping) {
    probes.push({
      label: 'ping (ping)',
      run: async ({ account }) => expect(await account.ping()).toBeGreaterThanOrEqual(0),
    });
  }
  if (capabilities.chatStates) {
    probes.push({
      label: 'sendChatState, chatState events (chatStates)',
      run: async ({ account, events, peer }) => {
        await account.sendChatState(peer.address, 'composing');
        await peer.waitForTyping(nickOf(account.address ?? ''), 'active');
        peer.sendTyping(nickOf(account.address ?? ''), 'paused');
        await events.waitFor(
          'chatState',
          (u) => u.from === peer.address && u.state === 'paused',
          'a paused notification',
        );
      },
    });
  }
  if (capabilities.watch) {
    probes.push({
      label: 'watch, unwatch, presence events (watch)',
      run: async ({ account, events, peer }) => {
        const online = events.waitFor(
          'presence',
          (p) => p.from === peer.address && p.availability === 'available',
          'the watched peer online',
        );
        await account.watch(peer.address);
        await online;
        const away = events.waitFor(
          'presence',
          (p) => p.from === peer.address && p.availability === 'away' && p.status === 'probing',
          'the watched peer away',
        );
        peer.setAway('probing');
        await away;
        const back = events.waitFor(
          'presence',
          (p) => p.from === peer.address && p.availability === 'available',
          'the watched peer back',
        );
        peer.setAway();
        await back;
        await account.unwatch(peer.address);
        expect(account.watching).toEqual([]);
      },
    });
  }
  if (capabilities.messageTypes.includes('headline')) {
    probes.push({
      label: 'sendMessage of type headline (messageTypes)',
      run: async ({ account, peer }) => {
        const body = 'messageTypes: a headline message';
        await account.sendMessage({ to: peer.address, body, type: 'headline' });
        expect(await peer.waitForMessage(body)).toEqual({
          from: nickOf(account.address ?? ''),
          type: 'headline',
        });
      },
    });
  }
  return [...probes, ...ircConversationProbes(capabilities)];
}
