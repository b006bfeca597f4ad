import type { TokenSet } from '../oauth/TokenSet';
import type { FastToken, LoginMemory } from './LoginMemory';
import { MemoryScramKeyCache } from './MemoryScramKeyCache';
import type { TokenStore } from './TokenStore';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The token type of a login memory entry in the token store. */
export const LOGIN_MEMORY_TOKEN_TYPE = 'fast';

/**
 * The token store key of an account's login memory: `<accountId>#login`, beside the account's
 * own OAuth2 tokens (kept under `<accountId>`). Hosts that remove an account delete both.
 */
export function loginMemoryKey(accountId: string): string {
  return `${accountId}#login`;
}

/** Options of {@link AccountLoginMemory}. */
export interface AccountLoginMemoryOptions {
  readonly now?: () => number;
  /** Makes the user-agent id. Default: `crypto.randomUUID()`. */
  readonly newId?: () => string;
}

/**
 * The core's {@link LoginMemory} of one account. The user-agent id and the FAST token live in
 * the account's token store under {@link loginMemoryKey} as one token set (`tokenType`
 * `fast`: `accessToken` is the FAST token or empty, `expiresAt` its expiry, `extra` the
 * `userAgentId` and the token's `mechanism`), so the file store keeps them 0600 with the other
 * tokens. The user-agent id is created once and kept when the token is forgotten. SCRAM keys
 * stay in memory ({@link MemoryScramKeyCache}). `util.inspect` and `JSON.stringify` show only
 * the account id.
 */
export class AccountLoginMemory implements LoginMemory {
  readonly scramKeys = new MemoryScramKeyCache();
  readonly #store: TokenStore;
  readonly #key: string;
  readonly #accountId: string;
  readonly #now: () => number;
  readonly #newId: () => string;
  #agent: Promise<string> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: TokenStore, accountId: string, options: AccountLoginMemoryOptions = {}) {
    this.#store = store;
    this.#accountId = accountId;
    this.#key = loginMemoryKey(accountId);
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  }

  userAgentId(): Promise<string> {
    if (this.#agent === undefined) {
      const running = this.#serial(async () => {
        const entry = await this.#store.get(this.#key);
        const known = entry?.extra?.userAgentId;
        if (known !== undefined && known !== '') return known;
        const id = this.#newId();
        await this.#store.set(this.#key, {
          ...(entry ?? { accessToken: '', tokenType: LOGIN_MEMORY_TOKEN_TYPE }),
          extra: { ...entry?.extra, userAgentId: id },
        });
        return id;
      });
      // A store that failed is asked again next time.
      running.catch(() => {
        if (this.#agent === running) this.#agent = undefined;
      });
      this.#agent = running;
    }
    return this.#agent;
  }

  async fastToken(): Promise<FastToken | undefined> {
    await this.#queue;
    const entry = await this.#store.get(this.#key);
    const mechanism = entry?.extra?.mechanism;
    if (entry === undefined || entry.accessToken === '' || mechanism === undefined)
      return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.#now()) return undefined;
    return {
      mechanism,
      token: entry.accessToken,
      ...(entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
    };
  }

  async saveFastToken(token: FastToken): Promise<void> {
    const userAgentId = await this.userAgentId();
    await this.#serial(() =>
      this.#store.set(this.#key, {
        accessToken: token.token,
        tokenType: LOGIN_MEMORY_TOKEN_TYPE,
        ...(token.expiresAt === undefined ? {} : { expiresAt: token.expiresAt }),
        extra: { userAgentId, mechanism: token.mechanism },
      }),
    );
  }

  async forgetFastToken(): Promise<void> {
    await this.#serial(async () => {
      const entry = await this.#store.get(this.#key);
      if (entry === undefined || entry.accessToken === '') return;
      const userAgentId = entry.extra?.userAgentId;
      const kept: TokenSet = {
        accessToken: '',
        tokenType: LOGIN_MEMORY_TOKEN_TYPE,
        ...(userAgentId === undefined ? {} : { extra: { userAgentId } }),
      };
      await this.#store.set(this.#key, kept);
    });
  }

  /** Forgets what makes a login faster: the FAST token and every cached SCRAM key. */
  async signOut(): Promise<void> {
    this.scramKeys.clear();
    await this.forgetFastToken();
  }

  /** What `JSON.stringify` shows: whose memory this is, nothing secret. */
  toJSON(): { account: string } {
    return { account: this.#accountId };
  }

  /** What `util.inspect` shows: whose memory this is, nothing secret. */
  [INSPECT](): string {
    return `AccountLoginMemory { account: ${JSON.stringify(this.#accountId)} }`;
  }

  #serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
