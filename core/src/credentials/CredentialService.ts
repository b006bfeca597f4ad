import { EventEmitter } from 'eventemitter3';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { TokenRefresher } from '../oauth/TokenRefresher';
import { expiresWithin, type TokenSet } from '../oauth/TokenSet';
import type { Credential, OAuth2Credential } from './Credential';
import { protectCredential } from './protectCredential';
import type { TokenStore } from './TokenStore';

/** Why an account needs the user to authorize again. */
export type ReauthReason =
  /** The access token expired and there is no refresh token to renew it. */
  | 'expired'
  /** The authorization server refused the refresh token (`invalid_grant`): the grant is gone. */
  | 'revoked'
  /** The server refused the token, and no fresher one could be had (or it was refused too). */
  | 'rejected';

/** A change of an account's stored tokens. Carries no secret. */
export interface TokenChange {
  readonly accountId: string;
  readonly reason: 'stored' | 'refreshed';
  readonly expiresAt?: number;
}

/** The events of a {@link CredentialService}. */
export interface CredentialEvents {
  /** Tokens were stored or refreshed. */
  tokens: (change: TokenChange) => void;
}

/** Options of {@link CredentialService}. */
export interface CredentialServiceOptions {
  /** Refresh tokens that expire within this margin before connecting. Default 5 minutes. */
  readonly refreshMarginMs?: number;
  readonly now?: () => number;
}

/** SB_REAUTH_REQUIRED with its reason. */
export function reauthRequired(
  accountId: string,
  reason: ReauthReason,
  cause?: unknown,
): SwitchboardError {
  const what = {
    expired: 'its access token expired and it has no refresh token',
    revoked: 'the authorization server no longer accepts its grant',
    rejected: 'the server refused its token and no fresher one could be had',
  }[reason];
  // Keep the server's answer (condition, text, mechanism) of a SASL failure; never a secret.
  const server = SwitchboardError.is(cause, 'SB_SASL_FAILURE') ? cause.details : {};
  return new SwitchboardError(
    'SB_REAUTH_REQUIRED',
    `Account ${accountId} must be authorized again: ${what}.`,
    {
      cause,
      details: { ...server, account: accountId, reason },
    },
  );
}

function toCredential(tokens: TokenSet): OAuth2Credential {
  return protectCredential({
    kind: 'oauth2',
    accessToken: tokens.accessToken,
    ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
  });
}

function fromCredential(credential: OAuth2Credential): TokenSet {
  return {
    accessToken: credential.accessToken,
    tokenType: 'bearer',
    ...(credential.expiresAt === undefined ? {} : { expiresAt: credential.expiresAt }),
    ...(credential.refreshToken === undefined ? {} : { refreshToken: credential.refreshToken }),
  };
}

/**
 * Hands accounts a credential that is fresh enough to log in with: OAuth2 tokens come from the
 * token store (seeded from the account's configured credential), and are refreshed when they
 * expire within the margin, or when forced after the server refused them. Concurrent requests for
 * one account share one refresh.
 */
export class CredentialService extends EventEmitter<CredentialEvents> {
  readonly store: TokenStore;
  readonly #marginMs: number;
  readonly #now: () => number;
  readonly #refreshing = new Map<string, Promise<TokenSet>>();

  constructor(store: TokenStore, options: CredentialServiceOptions = {}) {
    super();
    this.store = store;
    this.#marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** What `JSON.stringify` shows: the kind of token store, never a token. */
  toJSON(): { store: string } {
    return { store: this.store.constructor.name };
  }

  /** Stores tokens for an account (e.g. right after the user authorized the app). */
  async save(accountId: string, tokens: TokenSet): Promise<void> {
    await this.store.set(accountId, tokens);
    this.#emit(accountId, 'stored', tokens);
  }

  /**
   * The credential to log in with. Non-OAuth2 credentials pass through. With `force`, the access
   * token is refreshed whatever its expiry (the server refused it). Throws SB_REAUTH_REQUIRED when
   * only the user can help, and SB_OAUTH_FAILED when the token endpoint could not be used.
   */
  async credentialFor(
    accountId: string,
    configured: Credential,
    refresher: TokenRefresher | undefined,
    options: { force?: boolean } = {},
  ): Promise<Credential> {
    if (configured.kind !== 'oauth2') return configured;
    let tokens = await this.store.get(accountId);
    if (tokens === undefined) {
      tokens = fromCredential(configured);
      await this.save(accountId, tokens);
    }
    const force = options.force === true;
    if (!force && !expiresWithin(tokens, this.#marginMs, this.#now())) return toCredential(tokens);
    const expired = expiresWithin(tokens, 0, this.#now());
    if (refresher === undefined || tokens.refreshToken === undefined) {
      if (force) throw reauthRequired(accountId, expired ? 'expired' : 'rejected');
      if (expired) throw reauthRequired(accountId, 'expired');
      return toCredential(tokens);
    }
    try {
      return toCredential(await this.#refresh(accountId, tokens.refreshToken, refresher));
    } catch (error) {
      if (SwitchboardError.is(error, 'SB_OAUTH_GRANT_REVOKED'))
        throw reauthRequired(accountId, 'revoked', error);
      // A transient failure: a token that still works is better than none.
      if (!force && !expired) return toCredential(tokens);
      throw error;
    }
  }

  #refresh(accountId: string, refreshToken: string, refresher: TokenRefresher): Promise<TokenSet> {
    let running = this.#refreshing.get(accountId);
    if (running === undefined) {
      running = refresher
        .refresh(refreshToken)
        .then(async (tokens) => {
          await this.store.set(accountId, tokens);
          this.#emit(accountId, 'refreshed', tokens);
          return tokens;
        })
        .finally(() => this.#refreshing.delete(accountId));
      this.#refreshing.set(accountId, running);
    }
    return running;
  }

  #emit(accountId: string, reason: TokenChange['reason'], tokens: TokenSet): void {
    this.emit('tokens', {
      accountId,
      reason,
      ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
    });
  }
}
