import { inspect } from 'node:util';
import { MemoryScramKeyCache } from './MemoryScramKeyCache';

const PASSWORD = 'pencil-NEVER-SHOWN';
const KEY = {
  server: 'example.org',
  username: 'user',
  hash: 'SHA-256',
  salt: 'c2FsdA==',
  iterations: 4096,
};
const keys = () => ({
  clientKey: new Uint8Array(32).fill(0xab),
  serverKey: new Uint8Array(32).fill(0xcd),
});

describe(MemoryScramKeyCache, () => {
  describe('.get', () => {
    it('when the same key and password were stored, returns the keys', async () => {
      const cache = new MemoryScramKeyCache();
      await cache.set(KEY, PASSWORD, keys());
      expect(await cache.get(KEY, PASSWORD)).toEqual(keys());
    });

    it('when the write was not awaited (a login stores in the background), a later lookup still finds it', async () => {
      const cache = new MemoryScramKeyCache();
      void cache.set(KEY, PASSWORD, keys());
      expect(await cache.get(KEY, PASSWORD)).toEqual(keys());
    });

    it('when nothing was stored, or another password is given, misses', async () => {
      const cache = new MemoryScramKeyCache();
      expect(await cache.get(KEY, PASSWORD)).toBeUndefined();
      await cache.set(KEY, PASSWORD, keys());
      expect(await cache.get(KEY, 'another password')).toBeUndefined();
      expect(await cache.get(KEY, `${PASSWORD} `)).toBeUndefined();
    });

    it('when any part of the key differs (server, user, hash, salt, count), misses', async () => {
      const cache = new MemoryScramKeyCache();
      await cache.set(KEY, PASSWORD, keys());
      for (const change of [
        { server: 'example.net' },
        { username: 'other' },
        { hash: 'SHA-1' },
        { salt: 'c2FsdB==' },
        { iterations: 4097 },
      ]) {
        expect(await cache.get({ ...KEY, ...change }, PASSWORD)).toBeUndefined();
      }
    });

    it('hands out copies: changing what it returned or what was stored leaves the entry intact', async () => {
      const cache = new MemoryScramKeyCache();
      const stored = keys();
      await cache.set(KEY, PASSWORD, stored);
      stored.clientKey.fill(0);
      (await cache.get(KEY, PASSWORD))?.serverKey.fill(0);
      expect(await cache.get(KEY, PASSWORD)).toEqual(keys());
    });
  });

  describe('.delete and .clear', () => {
    it('when a login with the keys failed, delete forgets that entry only', async () => {
      const cache = new MemoryScramKeyCache();
      const other = { ...KEY, server: 'example.net' };
      await cache.set(KEY, PASSWORD, keys());
      await cache.set(other, PASSWORD, keys());
      cache.delete(KEY);
      expect(await cache.get(KEY, PASSWORD)).toBeUndefined();
      expect(await cache.get(other, PASSWORD)).toEqual(keys());
      cache.clear();
      expect(await cache.get(other, PASSWORD)).toBeUndefined();
      expect(cache.size).toBe(0);
    });

    it('keeps at most maxEntries, dropping the oldest', async () => {
      const cache = new MemoryScramKeyCache({ maxEntries: 2 });
      for (const iterations of [1, 2, 3]) await cache.set({ ...KEY, iterations }, PASSWORD, keys());
      expect(cache.size).toBe(2);
      expect(await cache.get({ ...KEY, iterations: 1 }, PASSWORD)).toBeUndefined();
      expect(await cache.get({ ...KEY, iterations: 3 }, PASSWORD)).toEqual(keys());
    });
  });

  it('shows nothing secret in util.inspect or JSON: only the number of entries', async () => {
    const cache = new MemoryScramKeyCache();
    await cache.set(KEY, PASSWORD, keys());
    const shown = [
      inspect(cache, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(cache),
      inspect({ nested: cache }),
    ];
    for (const text of shown) {
      expect(text).not.toContain('NEVER-SHOWN');
      expect(text).not.toMatch(/171|ab, ab|example\.org/);
    }
    expect(JSON.stringify(cache)).toBe('{"entries":1}');
  });
});
