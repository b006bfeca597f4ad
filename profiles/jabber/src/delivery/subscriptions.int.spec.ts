import type { Account } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { DeliveryKit, DOMAIN, nextEvent, type TappedAccount, USERS } from './deliveryKit.testkit';

/** `asker` asks to see `owner`'s presence, and waits until `owner` has the request. */
async function ask(asker: TappedAccount, owner: TappedAccount): Promise<void> {
  const asked = nextEvent(owner.account, 'subscription', (u) => u.type === 'subscribe');
  await asker.account.subscribe(bare(owner.account));
  await asked;
}

function bare(account: Account): string {
  return account.config.address;
}

/** The subscription state `account`'s roster holds for `contact`. */
async function subscriptionTo(account: Account, contact: Account): Promise<string | undefined> {
  const roster = await account.getRoster();
  return roster.find((item) => item.address === bare(contact))?.subscription;
}

describe('presence subscriptions on a real Prosody (RFC 6121 §3)', () => {
  let server: ProsodyServer;
  const kit = new DeliveryKit(() => server);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => kit.close());
  afterAll(() => server?.stop());

  // Each test uses its own pair of users: Prosody keeps rosters between tests.

  it('when a request is denied, the asker gets the refusal and its roster shows no subscription', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    await alice.account.getRoster();
    await ask(alice, bob);
    const refused = nextEvent(alice.account, 'subscription', (u) => u.type === 'unsubscribed');
    // The push that ends the pending request (the one of the request itself may come late).
    const pushed = nextEvent(
      alice.account,
      'roster',
      (i) => i.address === bare(bob.account) && i.pending !== true,
    );

    await bob.account.denySubscription(bare(alice.account));

    expect(bob.sentText()).toMatch(/<presence [^>]*type="unsubscribed"/);
    expect((await refused)[0].from).toMatch(new RegExp(`^bob@${DOMAIN}`));
    expect((await pushed)[0]).toMatchObject({ subscription: 'none' });
    expect(await subscriptionTo(alice.account, bob.account)).toBe('none');
  });

  it('when an approved subscription is cancelled, the subscriber loses it', async () => {
    const bob = await kit.online('bob');
    const carol = await kit.online('carol');
    await bob.account.getRoster();
    await ask(bob, carol);
    const granted = nextEvent(bob.account, 'subscription', (u) => u.type === 'subscribed');
    await carol.account.approveSubscription(bare(bob.account));
    await granted;
    expect(await subscriptionTo(bob.account, carol.account)).toBe('to');

    const cancelled = nextEvent(bob.account, 'subscription', (u) => u.type === 'unsubscribed');
    const dropped = nextEvent(
      bob.account,
      'roster',
      (i) => i.address === bare(carol.account) && i.subscription === 'none',
    );
    await carol.account.cancelSubscription(bare(bob.account));

    await cancelled;
    await dropped;
    expect(await subscriptionTo(bob.account, carol.account)).toBe('none');
    expect(await subscriptionTo(carol.account, bob.account)).toBe('none');
  });

  it('when a subscriber unsubscribes, the contact is told and both rosters drop it', async () => {
    const carol = await kit.online('carol');
    const alice = await kit.online('alice');
    await carol.account.getRoster();
    await ask(carol, alice);
    const granted = nextEvent(carol.account, 'subscription', (u) => u.type === 'subscribed');
    await alice.account.approveSubscription(bare(carol.account));
    await granted;
    expect(await subscriptionTo(alice.account, carol.account)).toBe('from');

    const told = nextEvent(alice.account, 'subscription', (u) => u.type === 'unsubscribe');
    const dropped = nextEvent(
      carol.account,
      'roster',
      (i) => i.address === bare(alice.account) && i.subscription === 'none',
    );
    await carol.account.unsubscribe(bare(alice.account));

    expect(carol.sentText()).toMatch(/<presence [^>]*type="unsubscribe"/);
    expect((await told)[0].from).toMatch(new RegExp(`^carol@${DOMAIN}`));
    await dropped;
    expect(await subscriptionTo(alice.account, carol.account)).toBe('none');
  });

  it('refuses a malformed address before anything is sent', async () => {
    const alice = await kit.online('alice');
    for (const call of [
      () => alice.account.denySubscription('not a jid@@'),
      () => alice.account.cancelSubscription(''),
      () => alice.account.unsubscribe('@nowhere'),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'SB_ADDRESS_INVALID' });
    }
    expect(alice.sentText()).not.toMatch(/type="unsub/);
  });
});
