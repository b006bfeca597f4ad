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
    it('when the same key and password were stored, returns the keys', () => {
      const cache = new MemoryScramKeyCache();
      cache.set(KEY, PASSWORD, keys());
      expect(cache.get(KEY, PASSWORD)).toEqual(keys());
    });

    it('when nothing was stored, or another password is given, misses', () => {
      const cache = new MemoryScramKeyCache();
      expect(cache.get(KEY, PASSWORD)).toBeUndefined();
      cache.set(KEY, PASSWORD, keys());
      expect(cache.get(KEY, 'another password')).toBeUndefined();
      expect(cache.get(KEY, `${PASSWORD} `)).toBeUndefined();
    });

    it('when any part of the key differs (server, user, hash, salt, count), misses', () => {
      const cache = new MemoryScramKeyCache();
      cache.set(KEY, PASSWORD, keys());
      for (const change of [
        { server: 'example.net' },
        { username: 'other' },
        { hash: 'SHA-1' },
        { salt: 'c2FsdB==' },
        { iterations: 4097 },
      ]) {
        expect(cache.get({ ...KEY, ...change }, PASSWORD)).toBeUndefined();
      }
    });

    it('hands out copies: changing what it returned or what was stored leaves the entry intact', () => {
      const cache = new MemoryScramKeyCache();
      const stored = keys();
      cache.set(KEY, PASSWORD, stored);
      stored.clientKey.fill(0);
      cache.get(KEY, PASSWORD)?.serverKey.fill(0);
      expect(cache.get(KEY, PASSWORD)).toEqual(keys());
    });
  });

  describe('.delete and .clear', () => {
    it('when a login with the keys failed, delete forgets that entry only', () => {
      const cache = new MemoryScramKeyCache();
      const other = { ...KEY, server: 'example.net' };
      cache.set(KEY, PASSWORD, keys());
      cache.set(other, PASSWORD, keys());
      cache.delete(KEY);
      expect(cache.get(KEY, PASSWORD)).toBeUndefined();
      expect(cache.get(other, PASSWORD)).toEqual(keys());
      cache.clear();
      expect(cache.get(other, PASSWORD)).toBeUndefined();
      expect(cache.size).toBe(0);
    });

    it('keeps at most maxEntries, dropping the oldest', () => {
      const cache = new MemoryScramKeyCache({ maxEntries: 2 });
      for (const iterations of [1, 2, 3]) cache.set({ ...KEY, iterations }, PASSWORD, keys());
      expect(cache.size).toBe(2);
      expect(cache.get({ ...KEY, iterations: 1 }, PASSWORD)).toBeUndefined();
      expect(cache.get({ ...KEY, iterations: 3 }, PASSWORD)).toEqual(keys());
    });
  });

  it('shows nothing secret in util.inspect or JSON: only the number of entries', () => {
    const cache = new MemoryScramKeyCache();
    cache.set(KEY, PASSWORD, keys());
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
