import type { TokenSet } from '../oauth/TokenSet';
import type { TokenStore } from './TokenStore';

/** The default token store: tokens live as long as the process. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, TokenSet>();

  async get(accountId: string): Promise<TokenSet | undefined> {
    return this.#tokens.get(accountId);
  }

  async set(accountId: string, tokens: TokenSet): Promise<void> {
    this.#tokens.set(accountId, tokens);
  }

  async delete(accountId: string): Promise<void> {
    this.#tokens.delete(accountId);
  }
}
