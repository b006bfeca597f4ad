import type { ScramCachedKeys, ScramCacheKey, ScramKeyCache } from '../sasl/SaslLoginContext';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const encoder = new TextEncoder();

interface Entry {
  /** HMAC-SHA-256 of the password under the cache's own random key: never the password. */
  readonly verifier: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly serverKey: Uint8Array;
}

function slot(key: ScramCacheKey): string {
  return JSON.stringify([key.server, key.username, key.hash, key.salt, key.iterations]);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function wipe(entry: Entry): void {
  entry.verifier.fill(0);
  entry.clientKey.fill(0);
  entry.serverKey.fill(0);
}

/** Options of {@link MemoryScramKeyCache}. */
export interface MemoryScramKeyCacheOptions {
  /** The most entries kept; the oldest goes first. Default 8. */
  readonly maxEntries?: number;
}

/**
 * The in-memory {@link ScramKeyCache} of one account: SCRAM's ClientKey and ServerKey per
 * server, user, hash, salt and iteration count, so a reconnect skips PBKDF2. The password is
 * never kept: each entry holds an HMAC-SHA-256 of it (WebCrypto) under a random key of this
 * instance, and only the same password finds the entry. A lookup waits for the writes started
 * before it. Keys go in and come out as copies; `clear()` and
 * `delete()` overwrite them. `util.inspect` and `JSON.stringify` show only how many entries
 * there are.
 */
export class MemoryScramKeyCache implements ScramKeyCache {
  /** A random HMAC key of this instance, made on first use (WebCrypto, not extractable). */
  #secret: Promise<CryptoKey> | undefined;
  /** Writes in order; a lookup waits for the ones started before it. */
  #writes: Promise<void> = Promise.resolve();
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(options: MemoryScramKeyCacheOptions = {}) {
    this.#max = Math.max(1, options.maxEntries ?? 8);
  }

  /** How many entries the cache holds. */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: ScramCacheKey, password: string): Promise<ScramCachedKeys | undefined> {
    await this.#writes;
    if (!this.#entries.has(slot(key))) return undefined;
    const verifier = await this.#verifier(password);
    const entry = this.#entries.get(slot(key));
    if (entry === undefined || !sameBytes(entry.verifier, verifier)) return undefined;
    return {
      clientKey: new Uint8Array(entry.clientKey),
      serverKey: new Uint8Array(entry.serverKey),
    };
  }

  set(key: ScramCacheKey, password: string, keys: ScramCachedKeys): Promise<void> {
    const clientKey = new Uint8Array(keys.clientKey);
    const serverKey = new Uint8Array(keys.serverKey);
    const write = this.#writes.then(() => this.#store(key, password, clientKey, serverKey));
    this.#writes = write.catch(() => undefined);
    return write;
  }

  async #store(
    key: ScramCacheKey,
    password: string,
    clientKey: Uint8Array,
    serverKey: Uint8Array,
  ): Promise<void> {
    const verifier = await this.#verifier(password);
    this.delete(key);
    this.#entries.set(slot(key), { verifier, clientKey, serverKey });
    for (const [name, entry] of this.#entries) {
      if (this.#entries.size <= this.#max) break;
      wipe(entry);
      this.#entries.delete(name);
    }
  }

  delete(key: ScramCacheKey): void {
    const name = slot(key);
    const entry = this.#entries.get(name);
    if (entry === undefined) return;
    wipe(entry);
    this.#entries.delete(name);
  }

  clear(): void {
    for (const entry of this.#entries.values()) wipe(entry);
    this.#entries.clear();
  }

  /** What `JSON.stringify` shows: the number of entries, nothing secret. */
  toJSON(): { entries: number } {
    return { entries: this.#entries.size };
  }

  /** What `util.inspect` shows: the number of entries, nothing secret. */
  [INSPECT](): string {
    return `MemoryScramKeyCache { entries: ${this.#entries.size} }`;
  }

  async #verifier(password: string): Promise<Uint8Array> {
    const api = globalThis.crypto.subtle;
    this.#secret ??= api.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await api.sign('HMAC', await this.#secret, encoder.encode(password));
    return new Uint8Array(mac);
  }
}
