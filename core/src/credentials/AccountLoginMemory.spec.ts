import { inspect } from 'node:util';
import { AccountLoginMemory, loginMemoryKey } from './AccountLoginMemory';
import { MemoryTokenStore } from './MemoryTokenStore';

const TOKEN = {
  mechanism: 'HT-SHA-256-EXPR',
  token: 'secret-token:fast-NEVER-SHOWN',
  expiresAt: 2_000,
};

function memoryAt(now: number, store = new MemoryTokenStore()) {
  let ids = 0;
  return {
    store,
    memory: new AccountLoginMemory(store, 'jabber:me@example.org', {
      now: () => now,
      newId: () => `agent-${++ids}`,
    }),
  };
}

describe(AccountLoginMemory, () => {
  it('stores under <accountId>#login', () => {
    expect(loginMemoryKey('jabber:me@example.org')).toBe('jabber:me@example.org#login');
  });

  describe('.userAgentId', () => {
    it('creates the id once, also when asked concurrently, and keeps it in the store', async () => {
      const { memory, store } = memoryAt(1_000);
      const ids = await Promise.all([memory.userAgentId(), memory.userAgentId()]);
      expect(ids).toEqual(['agent-1', 'agent-1']);
      expect(await store.get('jabber:me@example.org#login')).toEqual({
        accessToken: '',
        tokenType: 'fast',
        extra: { userAgentId: 'agent-1' },
      });
      // A new memory on the same store (a restart) reads it back.
      expect(await memoryAt(1_000, store).memory.userAgentId()).toBe('agent-1');
    });

    it('by default is a random UUID', async () => {
      const id = await new AccountLoginMemory(new MemoryTokenStore(), 'a').userAgentId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  describe('.fastToken', () => {
    it('returns the saved token until it expires', async () => {
      const { memory, store } = memoryAt(1_000);
      expect(await memory.fastToken()).toBeUndefined();
      await memory.saveFastToken(TOKEN);
      expect(await memory.fastToken()).toEqual(TOKEN);
      expect(await memoryAt(2_000, store).memory.fastToken()).toBeUndefined();
    });

    it('when forgotten, returns none and keeps the user-agent id', async () => {
      const { memory, store } = memoryAt(1_000);
      await memory.saveFastToken(TOKEN);
      const id = await memory.userAgentId();
      await memory.forgetFastToken();
      expect(await memory.fastToken()).toBeUndefined();
      expect(await memory.userAgentId()).toBe(id);
      expect(
        JSON.stringify(await store.get(loginMemoryKey('jabber:me@example.org'))),
      ).not.toContain('NEVER-SHOWN');
    });
  });

  it('signOut forgets the token and clears the SCRAM keys', async () => {
    const { memory } = memoryAt(1_000);
    await memory.saveFastToken(TOKEN);
    const key = { server: 's', username: 'u', hash: 'SHA-1', salt: 'AA==', iterations: 1 };
    await memory.scramKeys.set(key, 'pw', {
      clientKey: new Uint8Array(1),
      serverKey: new Uint8Array(1),
    });
    await memory.signOut();
    expect(await memory.fastToken()).toBeUndefined();
    expect(memory.scramKeys.size).toBe(0);
  });

  it('shows only whose memory it is in util.inspect and JSON', async () => {
    const { memory } = memoryAt(1_000);
    await memory.saveFastToken(TOKEN);
    expect(inspect(memory, { depth: Number.POSITIVE_INFINITY, showHidden: true })).toBe(
      'AccountLoginMemory { account: "jabber:me@example.org" }',
    );
    expect(JSON.stringify(memory)).toBe('{"account":"jabber:me@example.org"}');
  });
});
