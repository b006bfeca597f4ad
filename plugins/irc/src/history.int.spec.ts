/**
 * History (`draft/chathistory`) and the account's other connections on the real ergo: paging a
 * conversation with a contact and a channel, refusals, a server without history, and two
 * connections of one account seeing each other's messages.
 */
import type {
  Account,
  HistoryMessage,
  HistoryPage,
  StanzaLogEntry,
  Switchboard,
} from '@switchboard/core';
import { type ErgoServer, type IrcLineClient, startErgo } from '@switchboard/testing';
import { collect, loggedSwitchboard, rawLogin, rawSend, until } from './test/ircHistoryKit';
import { ergoAccount } from './test/ircTestKit';

const ACCOUNTS = [
  { name: 'alice', password: 'alice-secret-1' },
  { name: 'bob', password: 'bob-secret-2' },
  { name: 'carol', password: 'carol-secret-3' },
  { name: 'dave', password: 'dave-secret-4' },
  { name: 'erin', password: 'erin-secret-5' },
];
const PASSWORD: Record<string, string> = Object.fromEntries(
  ACCOUNTS.map((a) => [a.name, a.password]),
);

/** Pages backwards from the newest message to the oldest; every page as it came. */
async function allPagesBackwards(
  account: Account,
  conversation: string,
  limit: number,
  room = false,
) {
  const pages: HistoryPage[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await account.history(conversation, {
      limit,
      room,
      ...(before === undefined ? {} : { before }),
    });
    pages.push(page);
    if (page.complete || page.first === undefined) return pages;
    before = page.first;
  }
}

const bodies = (messages: readonly HistoryMessage[]) => messages.map((m) => m.body);

describe('IRC history and other devices on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  const log: StanzaLogEntry[] = [];
  const accounts: Account[] = [];
  const raws: IrcLineClient[] = [];

  beforeAll(async () => {
    server = await startErgo({ history: true, accounts: ACCOUNTS });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    log.length = 0;
    switchboard = loggedSwitchboard(log);
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await Promise.all(raws.splice(0).map((r) => r.close()));
  });

  async function online(nick: string, id = nick): Promise<Account> {
    const account = switchboard.createAccount({
      ...ergoAccount(server, nick, PASSWORD[nick] ?? ''),
      id,
    });
    accounts.push(account);
    await account.connect();
    return account;
  }

  async function raw(nick: string): Promise<IrcLineClient> {
    const client = await rawLogin(server, nick, PASSWORD[nick] ?? '');
    raws.push(client);
    return client;
  }

  it('declares history and otherDevices on a server with draft/chathistory', async () => {
    const alice = await online('alice');
    expect(alice.capabilities.history).toBe(true);
    expect(alice.capabilities.otherDevices).toBe(true);
  });

  it('pages a conversation with a contact: LATEST, BEFORE, AFTER and since, nothing doubled', async () => {
    const alice = await online('alice');
    const bob = await online('bob');
    for (let i = 0; i < 7; i++) {
      const [from, to] = i % 2 === 0 ? [alice, 'bob'] : [bob, 'alice'];
      const sent = await from.sendMessage({ to, body: `m${i}` });
      expect(sent.acknowledged).toBe(true);
    }
    const latest = await alice.history('bob', { limit: 3 });
    expect(bodies(latest.messages)).toEqual(['m4', 'm5', 'm6']);
    expect(latest.complete).toBe(false);
    expect(latest.messages.map((m) => m.outgoing)).toEqual([true, false, true]);
    expect(latest.messages[1]).toMatchObject({ from: 'bob', to: 'alice', type: 'chat' });
    expect(latest.first).toBe(latest.messages[0]?.archiveId);
    expect(latest.last).toBe(latest.messages[2]?.archiveId);

    const pages = await allPagesBackwards(alice, 'bob', 3);
    const all = pages.reverse().flatMap((p) => p.messages);
    expect(bodies(all)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(new Set(all.map((m) => m.archiveId)).size).toBe(7);
    expect(pages[0]?.complete).toBe(true);

    const first = all[0]?.archiveId ?? '';
    const forward = await alice.history('bob', { after: first, limit: 4 });
    expect(bodies(forward.messages)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(forward.complete).toBe(false);
    const rest = await alice.history('bob', { after: forward.last ?? '', limit: 4 });
    expect(bodies(rest.messages)).toEqual(['m5', 'm6']);
    expect(rest.complete).toBe(true);

    // `since` is inclusive: every message stamped at or after m5's time (server-time has
    // millisecond precision, so m4 may share it), m5 and m6 certainly.
    const stamp = all[5]?.delay.stamp ?? new Date(0);
    const since = await alice.history('bob', { since: stamp });
    const expected = all.filter((m) => m.delay.stamp >= stamp);
    expect(bodies(since.messages)).toEqual(bodies(expected));
    expect(bodies(since.messages).slice(-2)).toEqual(['m5', 'm6']);
    // bob's view of the same conversation: his own messages are the outgoing ones.
    const bobs = await bob.history('alice', { limit: 2 });
    expect(bobs.messages.map((m) => [m.body, m.outgoing])).toEqual([
      ['m5', true],
      ['m6', false],
    ]);
  });

  it('pages a channel: groupchat with nicks, outgoing for our own lines, every message once', async () => {
    const alice = await online('alice');
    const got = collect(alice);
    // Another connection of alice's account joins: the account (all its connections) is in it.
    const aliceDevice = await raw('alice');
    const bob = await raw('bob');
    aliceDevice.send('JOIN #history');
    await aliceDevice.next((l) => l.command === '366');
    bob.send('JOIN #history');
    await bob.next((l) => l.command === '366');
    for (let i = 0; i < 5; i++) await rawSend(bob, '#history', `b${i}`);
    const own = await rawSend(aliceDevice, '#history', 'from my other device');
    await until(alice, () => got.own.length >= 1);
    await alice.ping();
    expect(got.own).toEqual([
      expect.objectContaining({
        to: '#history',
        type: 'groupchat',
        body: 'from my other device',
        id: own,
        archiveId: own,
      }),
    ]);

    const pages = await allPagesBackwards(alice, '#history', 4, true);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.complete).toBe(false);
    const all = pages.reverse().flatMap((p) => p.messages);
    expect(all.map((m) => [m.nick, m.body, m.outgoing])).toEqual([
      ['bob', 'b0', false],
      ['bob', 'b1', false],
      ['bob', 'b2', false],
      ['bob', 'b3', false],
      ['bob', 'b4', false],
      ['alice', 'from my other device', true],
    ]);
    for (const m of all) expect(m).toMatchObject({ from: '#history', type: 'groupchat' });
    expect(new Set(all.map((m) => m.archiveId)).size).toBe(all.length);
    expect(all.at(-1)?.archiveId).toBe(own);
  });

  it('refuses a query for a channel that does not exist with SB_CAPABILITY_REFUSED and stays online', async () => {
    const alice = await online('alice');
    await expect(alice.history('#never-created', { room: true })).rejects.toMatchObject({
      code: 'SB_CAPABILITY_REFUSED',
      details: { condition: 'invalid-target' },
    });
    const sent = log.filter((e) => e.direction === 'out' && e.text.startsWith('@label='));
    expect(sent.map((e) => e.text)).toContainEqual(
      expect.stringMatching(/CHATHISTORY LATEST #never-created \* 50$/),
    );
    expect(alice.state).toBe('online');
    expect(await alice.ping()).toBeGreaterThanOrEqual(0);
  });

  it('refuses an invalid conversation name before sending anything', async () => {
    const alice = await online('alice');
    await expect(alice.history('bad,name')).rejects.toMatchObject({ code: 'SB_ADDRESS_INVALID' });
    await expect(alice.history('room', { room: true })).rejects.toMatchObject({
      code: 'SB_ADDRESS_INVALID',
    });
    expect(log.filter((e) => e.direction === 'out' && e.text.includes('CHATHISTORY'))).toEqual([]);
  });

  it('two connections of one account: what one sends is an own message on the other, once; a contact reaches both once', async () => {
    const phone = await online('carol', 'carol-phone');
    const laptop = await online('carol', 'carol-laptop');
    const dave = await online('dave');
    const onPhone = collect(phone);
    const onLaptop = collect(laptop);
    const onDave = collect(dave);

    const sent = await phone.sendMessage({ to: 'dave', body: 'sent from the phone' });
    expect(sent.acknowledged).toBe(true);
    await until(laptop, () => onLaptop.own.length >= 1);
    await until(dave, () => onDave.messages.length >= 1);
    await dave.sendMessage({ to: 'carol', body: 'hello both' });
    await until(phone, () => onPhone.messages.length >= 1);
    await until(laptop, () => onLaptop.messages.length >= 1);
    // Anything doubled would be queued before these answers.
    await Promise.all([phone.ping(), laptop.ping(), dave.ping()]);

    expect(onLaptop.own).toEqual([
      expect.objectContaining({ to: 'dave', type: 'chat', body: 'sent from the phone' }),
    ]);
    expect(onLaptop.own[0]?.archiveId).toBe(onDave.messages[0]?.id);
    expect(onPhone.own).toEqual([]);
    expect(onDave.messages.map((m) => m.body)).toEqual(['sent from the phone']);
    expect(onPhone.messages.map((m) => [m.from, m.body])).toEqual([['dave', 'hello both']]);
    expect(onLaptop.messages.map((m) => [m.from, m.body])).toEqual([['dave', 'hello both']]);
    expect(onPhone.messages[0]?.archiveId).toBe(onLaptop.messages[0]?.archiveId);
  });

  it('the same words sent at once here and from another connection: one acknowledged send, one own message', async () => {
    const erin = await online('erin');
    await online('dave');
    const got = collect(erin);
    const device = await raw('erin');
    const deliveries: string[] = [];
    erin.on('delivery', (d) => deliveries.push(`${d.id}:${d.state}`));
    // Both at once: erin's own send (echoed with its label) and the device's line (no label).
    const [sent] = await Promise.all([
      erin.sendMessage({ to: 'dave', body: 'same words' }),
      rawSend(device, 'dave', 'same words'),
    ]);
    await until(erin, () => got.own.length >= 1);
    await erin.ping();
    expect(sent.acknowledged).toBe(true);
    expect(got.own.map((m) => m.body)).toEqual(['same words']);
    expect(deliveries).toEqual([`${sent.id}:accepted`]);
  });
});

describe('IRC history on an ergo without chathistory', () => {
  let server: ErgoServer;

  beforeAll(async () => {
    server = await startErgo({ accounts: ACCOUNTS.slice(0, 1) });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('narrows history off, and account.history() is refused with nothing sent', async () => {
    const log: StanzaLogEntry[] = [];
    const alice = loggedSwitchboard(log).createAccount(
      ergoAccount(server, 'alice', 'alice-secret-1'),
    );
    try {
      await alice.connect();
      expect(alice.capabilities.history).toBe(false);
      expect(alice.capabilities.otherDevices).toBe(true);
      await expect(alice.history('bob')).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
      });
      expect(log.filter((e) => e.direction === 'out' && e.text.includes('CHATHISTORY'))).toEqual(
        [],
      );
    } finally {
      await alice.disconnect();
    }
  });
});
