import type { ScramKeyCache } from '../sasl/SaslLoginContext';

/**
 * A FAST token (XEP-0484): a secret the server issued at a login, good for token logins
 * (HT-* mechanisms) from the same client (`userAgentId`) until it expires or is invalidated.
 */
export interface FastToken {
  /** The HT mechanism the token was issued for, e.g. `HT-SHA-256-EXPR`. */
  readonly mechanism: string;
  /** The secret itself. Never logged. */
  readonly token: string;
  /** When the server said it expires (ms since the epoch). */
  readonly expiresAt?: number;
}

/**
 * What one account remembers between logins to log in faster, handed to the plugin with each
 * login (`SessionRequest.memory`). The core keeps it in the account's token store (the FAST
 * token and the user-agent id, 0600 with the file store) and in memory (the SCRAM keys); every
 * secret in it is scrubbed from errors like the account's credential.
 */
export interface LoginMemory {
  /**
   * A stable id of this account on this installation (XEP-0388 `<user-agent id>`), so the server
   * recognises the device across logins: created once (a random UUID) and kept in the store.
   */
  userAgentId(): Promise<string>;
  /** The FAST token from an earlier login, unless it expired or was forgotten. */
  fastToken(): Promise<FastToken | undefined>;
  /** Keeps a token the server issued (a new one, or a rotation), replacing the old one. */
  saveFastToken(token: FastToken): Promise<void>;
  /** Forgets the token: the server refused it, or the account signed out. */
  forgetFastToken(): Promise<void>;
  /** SCRAM keys derived at earlier logins (cleared when a login with them fails). */
  readonly scramKeys: ScramKeyCache;
}
