import type { DemoAccount } from './DemoAccount';
import { bare } from './DemoAccount';
import type { Progress } from './Progress';
import { ring } from './ring';

/** Waits until `viewer` has seen `seen` available, and counts it. */
async function seesAvailable(viewer: DemoAccount, seen: DemoAccount): Promise<void> {
  await viewer.log.waitFor(
    'presence',
    (p) => bare(p.from) === seen.member.address && p.availability === 'available',
    `presence from ${seen.member.network}`,
  );
  viewer.stats.sees.add(seen.member.address);
}

/** Asks `from` to approve `to`'s subscription request once it arrives, and waits for that. */
async function approveWhenAsked(asker: DemoAccount, approver: DemoAccount): Promise<void> {
  await approver.log.waitFor(
    'subscription',
    (u) => bare(u.from) === asker.member.address && u.type === 'subscribe',
    `subscription request from ${asker.member.network}`,
  );
  await approver.account.approveSubscription(asker.member.address);
}

/**
 * A mutual subscription (RFC 6121 §3): each adds the other as a contact, asks to see the
 * other's presence, and approves the other's request.
 */
async function subscribeBothWays(a: DemoAccount, b: DemoAccount): Promise<void> {
  await a.account.addContact({ address: b.member.address, name: b.member.network });
  await b.account.addContact({ address: a.member.address, name: a.member.network });
  await Promise.all([a.account.subscribe(b.member.address), b.account.subscribe(a.member.address)]);
  await Promise.all([approveWhenAsked(a, b), approveWhenAsked(b, a)]);
}

/**
 * Presence between neighbours of the relay: a mutual subscription where both profiles allow
 * roster writes, directed presence otherwise; each side must see the other available.
 */
export async function showPresence(
  accounts: readonly DemoAccount[],
  progress: Progress,
): Promise<void> {
  for (const [a, b] of ring(accounts)) {
    const readOnly = [a, b].filter((x) => !x.account.capabilities['roster.write']);
    let how: string;
    if (readOnly.length === 0) {
      await subscribeBothWays(a, b);
      how = 'subscribed both ways (both allow roster writes)';
    } else {
      await a.account.sendPresence({ to: b.member.address });
      await b.account.sendPresence({ to: a.member.address });
      const names = readOnly.map((x) => x.member.network).join(' and ');
      how = `directed presence (${names} cannot change ${readOnly.length > 1 ? 'their rosters' : 'its roster'})`;
    }
    await Promise.all([seesAvailable(a, b), seesAvailable(b, a)]);
    a.stats.presencePeers += 1;
    b.stats.presencePeers += 1;
    progress.detail(
      `${`${a.member.network} ⇄ ${b.member.network}`.padEnd(26)} ${how}: each sees the other available`,
    );
  }
}
