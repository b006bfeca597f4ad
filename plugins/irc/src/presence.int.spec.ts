import type { Account, PresenceUpdate, Switchboard } from '@switchboard/core';
import { type ErgoServer, startErgo } from '@switchboard/testing';
import { ergoAccount, ircSwitchboard } from './test/ircTestKit';

/** Resolves with the first presence update `account` gets that `accept` takes. */
function presenceWhere(
  account: Account,
  accept: (update: PresenceUpdate) => boolean,
): Promise<PresenceUpdate> {
  return new Promise((resolve) => {
    const listener = (update: PresenceUpdate): void => {
      if (!accept(update)) return;
      account.off('presence', listener);
      resolve(update);
    };
    account.on('presence', listener);
  });
}

describe('IRC presence through MONITOR on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startErgo({
      accounts: [
        { name: 'alice', password: 'alice-secret-1' },
        { name: 'bob', password: 'bob-secret-2' },
      ],
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    switchboard = ircSwitchboard();
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
  });

  function account(nick: string, password: string, watch?: string[]): Account {
    const created = switchboard.createAccount(
      ergoAccount(server, nick, password, watch === undefined ? {} : { watch }),
    );
    accounts.push(created);
    return created;
  }

  it('declares watch, narrowed by what the server announced at login', async () => {
    const alice = account('alice', 'alice-secret-1');
    await alice.connect();
    expect(alice.capabilities.watch).toBe(true);
    expect(alice.capabilities.chatStates).toBe(true);
    expect(alice.capabilities.delayedDelivery).toBe(true);
    expect(alice.capabilities['vcard.read']).toBe(false);
  });

  it('reports a watched nick online, away, back and offline', async () => {
    const alice = account('alice', 'alice-secret-1', ['bob']);
    await alice.connect();
    const bob = account('bob', 'bob-secret-2');
    const online = presenceWhere(alice, (u) => u.availability === 'available');
    await bob.connect();
    expect(await online).toEqual({ from: 'bob', availability: 'available' });

    const away = presenceWhere(alice, (u) => u.availability === 'away');
    await bob.sendPresence({ availability: 'away', status: 'lunch' });
    expect(await away).toEqual({ from: 'bob', availability: 'away', status: 'lunch' });

    const back = presenceWhere(alice, (u) => u.availability === 'available');
    await bob.sendPresence({});
    expect(await back).toEqual({ from: 'bob', availability: 'available' });

    const offline = presenceWhere(alice, (u) => u.availability === 'offline');
    await bob.disconnect();
    expect(await offline).toEqual({ from: 'bob', availability: 'offline' });
  });

  it('watches a nick added while online, and stops after unwatch', async () => {
    const bob = account('bob', 'bob-secret-2');
    await bob.connect();
    const alice = account('alice', 'alice-secret-1');
    await alice.connect();
    const online = presenceWhere(alice, (u) => u.from === 'bob');
    await alice.watch('bob');
    expect(await online).toEqual({ from: 'bob', availability: 'available' });
    expect(alice.watching).toEqual(['bob']);
    await alice.unwatch('bob');
    const seen: PresenceUpdate[] = [];
    alice.on('presence', (u) => seen.push(u));
    await bob.disconnect();
    await alice.ping();
    expect(seen).toEqual([]);
  });
});
