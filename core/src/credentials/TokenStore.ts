import type { TokenSet } from '../oauth/TokenSet';

/**
 * Where an account's OAuth2 tokens live between runs. Implementations must write atomically and
 * keep secrets private (the file store uses owner-only permissions); a host can plug in a
 * keychain or a database.
 */
export interface TokenStore {
  get(accountId: string): Promise<TokenSet | undefined>;
  set(accountId: string, tokens: TokenSet): Promise<void>;
  delete(accountId: string): Promise<void>;
}
