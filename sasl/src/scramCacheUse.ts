/**
 * How one SCRAM login uses the account's key cache (`SaslLoginContext.scramKeys`): look the
 * keys up before PBKDF2, store them once the server proved itself, and drop an entry whose
 * login failed.
 */
import type {
  SaslLoginContext,
  ScramCachedKeys,
  ScramCacheKey,
  ScramKeyCache,
} from '@switchboard/core';
import type { ServerFirst } from './parseServerFirst';
import { deriveScramKeys, type ScramHash } from './scramKeys';

/** Copies, so wiping this login's keys never touches what a cache holds. */
function copy(keys: ScramCachedKeys): ScramCachedKeys {
  return { clientKey: new Uint8Array(keys.clientKey), serverKey: new Uint8Array(keys.serverKey) };
}

/** The keys of one login and what becomes of them in the cache. */
export class ScramCacheUse {
  readonly keys: ScramCachedKeys;
  /** Whether the keys came from the cache (PBKDF2 was skipped). */
  readonly hit: boolean;
  readonly #cache: ScramKeyCache | undefined;
  readonly #key: ScramCacheKey | undefined;
  #password: string | undefined;
  #settled = false;

  private constructor(
    keys: ScramCachedKeys,
    hit: boolean,
    cache: ScramKeyCache | undefined,
    key: ScramCacheKey | undefined,
    password: string | undefined,
  ) {
    this.keys = keys;
    this.hit = hit;
    this.#cache = cache;
    this.#key = key;
    this.#password = password;
  }

  /**
   * The keys for this login: from the cache when it has them for this server, user, hash,
   * salt, iteration count and password, else derived (PBKDF2). Without a cache or a server
   * name, always derived and never stored.
   */
  static async open(
    context: SaslLoginContext | undefined,
    hash: ScramHash,
    username: string,
    password: string,
    serverFirst: ServerFirst,
  ): Promise<ScramCacheUse> {
    const cache = context?.scramKeys;
    const server = context?.server;
    const key: ScramCacheKey | undefined =
      cache === undefined || server === undefined
        ? undefined
        : {
            server,
            username,
            hash,
            salt: serverFirst.saltText,
            iterations: serverFirst.iterations,
          };
    const cached = key === undefined ? undefined : await cache?.get(key, password);
    if (cached !== undefined) return new ScramCacheUse(copy(cached), true, cache, key, undefined);
    const keys = await deriveScramKeys(hash, password, serverFirst.salt, serverFirst.iterations);
    return new ScramCacheUse(keys, false, cache, key, key === undefined ? undefined : password);
  }

  /** The proof is computed: keys that will not be stored are wiped now. */
  release(): void {
    if (this.hit || this.#key === undefined) this.#wipe();
  }

  /**
   * The server proved itself: derived keys go into the cache (settles once they are in; a cache
   * that fails to store is only a slower next login). Wipes this login's copies.
   */
  async verified(): Promise<void> {
    if (this.#settled) return;
    this.#settled = true;
    const password = this.#password;
    const keys = copy(this.keys);
    this.#wipe();
    if (!this.hit && this.#key !== undefined && password !== undefined) {
      await this.#cache?.set(this.#key, password, keys).catch(() => undefined);
    }
    keys.clientKey.fill(0);
    keys.serverKey.fill(0);
  }

  /** The login failed: cached keys that were used are dropped (they may be stale). */
  failed(): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.hit && this.#key !== undefined) this.#cache?.delete(this.#key);
    this.#wipe();
  }

  #wipe(): void {
    this.#password = undefined;
    this.keys.clientKey.fill(0);
    this.keys.serverKey.fill(0);
  }
}
