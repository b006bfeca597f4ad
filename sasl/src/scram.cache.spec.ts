import {
  MemoryScramKeyCache,
  type SaslLoginContext,
  SwitchboardError,
  toBytes,
} from '@switchboard/core';
import { scramSha256, scramSha256Plus } from './scram';
import { contextWith, runLogin, scramServer } from './scramServer.testkit';

const pencil = { username: 'user', password: 'pencil' };
const KEY = {
  server: 'example.org',
  username: 'user',
  hash: 'SHA-256',
  salt: 'QSXCR+Q6sek8bf92',
  iterations: 4096,
};

function cachedContext(
  cache: MemoryScramKeyCache,
  extra: Parameters<typeof contextWith>[0] = {},
): SaslLoginContext {
  return contextWith({ server: 'example.org', scramKeys: cache, ...extra });
}

/** Counts PBKDF2 runs: WebCrypto's deriveBits, the only place SCRAM calls it. */
function countPbkdf2(): { readonly calls: number; restore(): void } {
  const spy = jest.spyOn(globalThis.crypto.subtle, 'deriveBits');
  return {
    get calls() {
      return spy.mock.calls.length;
    },
    restore: () => spy.mockRestore(),
  };
}

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (SwitchboardError.is(error)) return error;
  throw error;
}

describe('SCRAM key cache', () => {
  let pbkdf2: ReturnType<typeof countPbkdf2>;
  beforeEach(() => {
    pbkdf2 = countPbkdf2();
  });
  afterEach(() => pbkdf2.restore());

  it('when the server proved itself, stores the keys; the next login skips PBKDF2 and is accepted', async () => {
    const cache = new MemoryScramKeyCache();
    const server = scramServer({ algorithm: 'sha256', password: 'pencil' });
    await runLogin(scramSha256, server, pencil, cachedContext(cache));
    expect(pbkdf2.calls).toBe(1);
    expect(await cache.get(KEY, 'pencil')).toBeDefined();
    const second = await runLogin(scramSha256, server, pencil, cachedContext(cache));
    expect(pbkdf2.calls).toBe(1);
    expect(second.serverFinal).toMatch(/^v=/);
  });

  it('when the user is given with compatibility characters, the cache key is the SASLprep form', async () => {
    const cache = new MemoryScramKeyCache();
    const server = scramServer({ algorithm: 'sha256', password: 'pencil' });
    await runLogin(
      scramSha256,
      server,
      { username: 'ｕｓｅｒ', password: 'pencil' },
      cachedContext(cache),
    );
    expect(await cache.get(KEY, 'pencil')).toBeDefined();
  });

  it('a -PLUS login shares the keys of its twin (same hash, salt and count)', async () => {
    const cache = new MemoryScramKeyCache();
    const data = new Uint8Array(32).fill(3);
    const server = scramServer({
      algorithm: 'sha256',
      password: 'pencil',
      bindings: { 'tls-exporter': data },
    });
    const context = () => cachedContext(cache, { data: { 'tls-exporter': data } });
    const first = await runLogin(scramSha256Plus, server, pencil, context());
    await runLogin(scramSha256Plus, server, pencil, context());
    expect(first.clientFirst).toMatch(/^p=tls-exporter,,/);
    expect(pbkdf2.calls).toBe(1);
  });

  it('when another password is used, misses and derives again', async () => {
    const cache = new MemoryScramKeyCache();
    await runLogin(
      scramSha256,
      scramServer({ algorithm: 'sha256', password: 'pencil' }),
      pencil,
      cachedContext(cache),
    );
    const other = scramServer({ algorithm: 'sha256', password: 'crayon' });
    await runLogin(
      scramSha256,
      other,
      { username: 'user', password: 'crayon' },
      cachedContext(cache),
    );
    expect(pbkdf2.calls).toBe(2);
  });

  it('when the server refuses a login made with cached keys (e=), the entry is dropped', async () => {
    const cache = new MemoryScramKeyCache();
    await runLogin(
      scramSha256,
      scramServer({ algorithm: 'sha256', password: 'pencil' }),
      pencil,
      cachedContext(cache),
    );
    // The password changed on the server, same salt: the cached keys are stale.
    const changed = scramServer({ algorithm: 'sha256', password: 'crayon' });
    const error = await failure(runLogin(scramSha256, changed, pencil, cachedContext(cache)));
    expect(error.details).toMatchObject({ condition: 'invalid-proof' });
    expect(pbkdf2.calls).toBe(1);
    expect(await cache.get(KEY, 'pencil')).toBeUndefined();
  });

  it('when the server answers <failure/> (the plugin asks failureDetails), the entry is dropped', async () => {
    const cache = new MemoryScramKeyCache();
    const server = scramServer({ algorithm: 'sha256', password: 'pencil' });
    await runLogin(scramSha256, server, pencil, cachedContext(cache));
    const session = scramSha256.create(cachedContext(cache));
    const clientFirst = String(await session.response(pencil));
    await session.challenge(toBytes(server.first(clientFirst)));
    await session.response(pencil);
    expect(await cache.get(KEY, 'pencil')).toBeDefined();
    session.failureDetails?.();
    expect(await cache.get(KEY, 'pencil')).toBeUndefined();
  });

  it('when the server signature is wrong, nothing is stored', async () => {
    const cache = new MemoryScramKeyCache();
    const server = scramServer({ algorithm: 'sha256', password: 'pencil' });
    const session = scramSha256.create(cachedContext(cache));
    const clientFirst = String(await session.response(pencil));
    await session.challenge(toBytes(server.first(clientFirst)));
    await session.response(pencil);
    await failure(Promise.resolve().then(() => session.success?.(toBytes(`v=${'A'.repeat(43)}=`))));
    expect(cache.size).toBe(0);
  });

  it('without a server name in the context, never stores', async () => {
    const cache = new MemoryScramKeyCache();
    const server = scramServer({ algorithm: 'sha256', password: 'pencil' });
    await runLogin(scramSha256, server, pencil, contextWith({ scramKeys: cache }));
    expect(cache.size).toBe(0);
  });
});
