import type { ConformanceRun } from './ConformanceRun';
import type { JabberPeer } from './JabberPeer';
import { bare } from './peerXml';
import type { TestAccount } from './ScenarioRun';
import type { XmlElement } from './StanzaReader';

const presenceFrom =
  (address: string, type?: string) =>
  (s: XmlElement): boolean =>
    s.name === 'presence' && s.attrs.from === address && s.attrs.type === type;
const childText = (s: XmlElement, name: string): string | undefined =>
  s.children.find((c) => c.name === name)?.text;

/**
 * Adds the peer as a contact, subscribes the account to the peer and the peer to the account
 * (RFC 6121 §3), each side approving, and waits until each has seen the other's presence.
 */
async function subscribeBothWays(
  { account, events }: TestAccount,
  peer: JabberPeer,
  roster: boolean,
): Promise<void> {
  const me = account.address ?? '';
  const them = bare(peer.address);
  await account.addContact({ address: them, name: 'Conformance peer' });
  await account.subscribe(them);
  await peer.waitFor(presenceFrom(bare(me), 'subscribe'), 'a subscription request');
  peer.sendSubscription(bare(me), 'subscribed');
  peer.sendSubscription(bare(me), 'subscribe');
  await events.waitFor(
    'subscription',
    (u) => bare(u.from) === them && u.type === 'subscribe',
    "the peer's subscription request",
  );
  await account.approveSubscription(them);
  await events.waitFor(
    'presence',
    (p) => p.from === peer.address && p.availability === 'available',
    "the peer's presence once subscribed",
  );
  await peer.waitFor(presenceFrom(me), "the account's presence once subscribed");
  if (roster) {
    const item = (await account.getRoster()).find((i) => i.address === them);
    expect(item).toMatchObject({ name: 'Conformance peer', subscription: 'both' });
  }
}

/**
 * Presence both ways with a Jabber peer: after a mutual subscription when the profile declares
 * `roster.write` (broadcasts then reach the other side), else with directed presence.
 */
export function presenceScenario(run: ConformanceRun): void {
  const { capabilities, id } = run.profile;
  const subscribe = capabilities['roster.write'];
  const how = subscribe
    ? 'after subscribing both ways'
    : 'with directed presence (no roster.write)';
  describe('presence', () => {
    it(`when the account and a peer exchange presence ${how}, each sees the other's changes`, async () => {
      const tested = run.account('presence');
      const { account, events } = tested;
      const peer = await run.peer('presence');
      await account.connect();
      const me = account.address ?? '';
      if (subscribe) await subscribeBothWays(tested, peer, capabilities['roster.read']);

      const away = `presence: away, from ${id}`;
      const to = (address: string): { to?: string } => (subscribe ? {} : { to: address });
      await account.sendPresence({ availability: 'away', status: away, ...to(peer.address) });
      const atPeer = await peer.waitFor(
        (s) => presenceFrom(me)(s) && childText(s, 'status') === away,
        `presence "${away}"`,
      );
      expect(childText(atPeer, 'show')).toBe('away');

      const dnd = 'presence: do not disturb, from the peer';
      peer.sendPresence({ show: 'dnd', status: dnd, ...to(me) });
      await events.waitFor(
        'presence',
        (p) => p.from === peer.address && p.availability === 'dnd' && p.status === dnd,
        `presence "${dnd}"`,
      );
    });
  });
}
