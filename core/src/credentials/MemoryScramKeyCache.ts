import type { ScramCachedKeys, ScramCacheKey, ScramKeyCache } from '../sasl/SaslLoginContext';
import { hmacSha256 } from './hmacSha256';

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
 * never kept: each entry holds an HMAC-SHA-256 of it under a random key of this instance, and
 * only the same password finds the entry. Keys go in and come out as copies; `clear()` and
 * `delete()` overwrite them. `util.inspect` and `JSON.stringify` show only how many entries
 * there are.
 */
export class MemoryScramKeyCache implements ScramKeyCache {
  readonly #secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(options: MemoryScramKeyCacheOptions = {}) {
    this.#max = Math.max(1, options.maxEntries ?? 8);
  }

  /** How many entries the cache holds. */
  get size(): number {
    return this.#entries.size;
  }

  get(key: ScramCacheKey, password: string): ScramCachedKeys | undefined {
    const entry = this.#entries.get(slot(key));
    if (entry === undefined || !sameBytes(entry.verifier, this.#verifier(password))) {
      return undefined;
    }
    return {
      clientKey: new Uint8Array(entry.clientKey),
      serverKey: new Uint8Array(entry.serverKey),
    };
  }

  set(key: ScramCacheKey, password: string, keys: ScramCachedKeys): void {
    this.delete(key);
    this.#entries.set(slot(key), {
      verifier: this.#verifier(password),
      clientKey: new Uint8Array(keys.clientKey),
      serverKey: new Uint8Array(keys.serverKey),
    });
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

  #verifier(password: string): Uint8Array {
    return hmacSha256(this.#secret, encoder.encode(password));
  }
}
