import { SwitchboardError } from '@switchboard/core';
import type { TokenTable } from '../providers/TokenTable';
import { OAuthHttpError } from './httpIo';
import { newAccessToken, newSecret } from './newToken';
import type { OAuthIssued } from './OAuthServer';
import type { OAuthTokenFormat } from './OAuthServerOptions';
import { isCodeVerifier, verifiesS256 } from './pkce';

/** Authorization codes live ten minutes (RFC 6749 §4.1.2's maximum) and are single-use. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** What the book needs to know, settled by {@link startOAuthServer}. */
export interface GrantConfig {
  readonly tokens: TokenTable;
  readonly user: string;
  readonly host: string;
  readonly mechanisms: readonly string[] | undefined;
  readonly lifetimeSeconds: number;
  readonly format: OAuthTokenFormat;
  readonly rotate: boolean;
  readonly offlineScope: string | undefined;
}

/** The token endpoint's success answer (RFC 6749 §5.1, as Live sent it). */
export interface TokenReply {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly scope: string;
  readonly refresh_token?: string;
}

/** What `/authorize` learnt, kept under the code it handed out. */
export interface CodeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** The S256 `code_challenge`, if the client sent one. */
  readonly challenge: string | undefined;
}

interface Grant {
  readonly clientId: string;
  readonly scope: string;
  /** The refresh token that works now, if any. */
  current: string | undefined;
  revoked: boolean;
  readonly accessTokens: string[];
}

interface PendingCode extends CodeRequest {
  readonly expiresAt: number;
  used: boolean;
  grant: Grant | undefined;
}

/** In the table (`listed`), handed out but kept out of it (`unlisted`), or `revoked`. */
type AccessState = 'listed' | 'unlisted' | 'revoked';

const invalidGrant = (why: string): OAuthHttpError => new OAuthHttpError(400, 'invalid_grant', why);

/**
 * The server's state: pending codes, grants, and every token handed out. Each change to the
 * token table is made in the same tick as the state change, so the table's writes keep their
 * order; an access token is in the table before its answer is sent.
 */
export class GrantBook {
  readonly #config: GrantConfig;
  readonly #codes = new Map<string, PendingCode>();
  readonly #grants: Grant[] = [];
  readonly #byRefresh = new Map<string, Grant>();
  readonly #access = new Map<string, { grant: Grant; state: AccessState }>();
  readonly #issuedRefresh: string[] = [];
  #rejectNext = false;

  constructor(config: GrantConfig) {
    this.#config = config;
  }

  /** Stores an authorization request and returns the code for it. */
  newCode(request: CodeRequest): string {
    const code = newSecret();
    const expiresAt = Date.now() + CODE_LIFETIME_MS;
    this.#codes.set(code, { ...request, expiresAt, used: false, grant: undefined });
    return code;
  }

  /**
   * `grant_type=authorization_code`. A code is spent by its first redemption, successful or not;
   * a second one revokes what the first obtained (RFC 6749 §4.1.2).
   */
  async redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
    verifier: string | undefined,
  ): Promise<TokenReply> {
    const pending = this.#codes.get(code);
    if (pending === undefined) throw invalidGrant('The code is unknown.');
    if (pending.used) {
      if (pending.grant !== undefined) await this.#revoke(pending.grant);
      throw invalidGrant('The code was already used; the tokens issued for it are revoked.');
    }
    pending.used = true;
    if (Date.now() > pending.expiresAt) throw invalidGrant('The code has expired.');
    if (pending.clientId !== clientId) throw invalidGrant('The code was issued to another client.');
    if (redirectUri !== pending.redirectUri) {
      throw invalidGrant('redirect_uri differs from the authorization request.');
    }
    if (pending.challenge === undefined) {
      if (verifier !== undefined) throw invalidGrant('code_verifier without a code_challenge.');
    } else if (verifier === undefined || !isCodeVerifier(verifier)) {
      throw invalidGrant('code_verifier is missing or malformed (RFC 7636 §4.1).');
    } else if (!verifiesS256(verifier, pending.challenge)) {
      throw invalidGrant('code_verifier does not match the code_challenge.');
    }
    const offline = this.#config.offlineScope;
    const withRefresh = offline === undefined || pending.scope.split(' ').includes(offline);
    const grant = this.#newGrant(clientId, pending.scope, withRefresh);
    pending.grant = grant;
    return this.#reply(grant, pending.scope);
  }

  /** `grant_type=refresh_token`, optionally for a narrower `scope` (RFC 6749 §6). */
  async refresh(
    refreshToken: string,
    clientId: string | undefined,
    scope: string | undefined,
  ): Promise<TokenReply> {
    const grant = this.#byRefresh.get(refreshToken);
    if (grant === undefined || grant.revoked || grant.current !== refreshToken) {
      throw invalidGrant('The refresh token is unknown, revoked or rotated out.');
    }
    if (clientId !== undefined && clientId !== grant.clientId) {
      throw invalidGrant('The refresh token was issued to another client.');
    }
    const granted = grant.scope.split(' ');
    const asked = scope === undefined ? granted : scope.split(' ').filter((s) => s !== '');
    const extra = asked.find((s) => !granted.includes(s));
    if (extra !== undefined) {
      throw new OAuthHttpError(400, 'invalid_scope', `The scope ${extra} was not granted.`);
    }
    if (this.#config.rotate) this.#setRefresh(grant, newSecret());
    return this.#reply(grant, asked.join(' '));
  }

  /** `response_type=token`: a grant without refresh token. */
  async implicit(clientId: string, scope: string): Promise<string> {
    return this.#issueAccess(this.#newGrant(clientId, scope, false));
  }

  /**
   * The revocation endpoint (RFC 7009): a refresh token revokes its grant, an access token only
   * itself; unknown tokens are ignored. `false` if the token belongs to another client.
   */
  async revokeToken(token: string, clientId: string | undefined): Promise<boolean> {
    const grant = this.#byRefresh.get(token) ?? this.#access.get(token)?.grant;
    if (grant === undefined) return true;
    if (clientId !== undefined && clientId !== grant.clientId) return false;
    if (this.#byRefresh.has(token)) await this.#revoke(grant);
    else await this.#revokeAccess(token);
    return true;
  }

  /** See {@link OAuthServer.revokeGrant}. */
  async revokeGrant(refreshToken?: string): Promise<void> {
    if (refreshToken === undefined) {
      await Promise.all(this.#grants.map((g) => this.#revoke(g)));
      return;
    }
    const grant = this.#byRefresh.get(refreshToken);
    if (grant === undefined) {
      throw new SwitchboardError(
        'SB_CONFIG_INVALID',
        'revokeGrant(): this server never issued that refresh token.',
      );
    }
    await this.#revoke(grant);
  }

  /** See {@link OAuthServer.expireAccessTokens}. */
  async expireAccessTokens(): Promise<void> {
    const inTable = this.#config.tokens.entries();
    const listed = [...this.#access].filter(([t, a]) => a.state === 'listed' && t in inTable);
    await Promise.all(listed.map(([token]) => this.#config.tokens.expire(token)));
  }

  rejectNextAccessToken(): void {
    this.#rejectNext = true;
  }

  issued(): OAuthIssued {
    return { accessTokens: [...this.#access.keys()], refreshTokens: [...this.#issuedRefresh] };
  }

  #newGrant(clientId: string, scope: string, withRefresh: boolean): Grant {
    const grant: Grant = { clientId, scope, current: undefined, revoked: false, accessTokens: [] };
    this.#grants.push(grant);
    if (withRefresh) this.#setRefresh(grant, newSecret());
    return grant;
  }

  #setRefresh(grant: Grant, token: string): void {
    grant.current = token;
    this.#byRefresh.set(token, grant);
    this.#issuedRefresh.push(token);
  }

  async #reply(grant: Grant, scope: string): Promise<TokenReply> {
    const refresh = grant.current;
    const accessToken = await this.#issueAccess(grant);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.#config.lifetimeSeconds,
      scope,
      ...(refresh === undefined ? {} : { refresh_token: refresh }),
    };
  }

  async #issueAccess(grant: Grant): Promise<string> {
    const { tokens, user, host, mechanisms, lifetimeSeconds, format } = this.#config;
    const token = newAccessToken(format);
    const listed = !this.#rejectNext;
    this.#rejectNext = false;
    this.#access.set(token, { grant, state: listed ? 'listed' : 'unlisted' });
    grant.accessTokens.push(token);
    if (listed) {
      const expiresAt = new Date(Date.now() + lifetimeSeconds * 1000);
      await tokens.issue({ token, user, host, expiresAt, ...(mechanisms ? { mechanisms } : {}) });
    }
    return token;
  }

  async #revoke(grant: Grant): Promise<void> {
    grant.revoked = true;
    grant.current = undefined;
    await Promise.all(grant.accessTokens.map((t) => this.#revokeAccess(t)));
  }

  async #revokeAccess(token: string): Promise<void> {
    const access = this.#access.get(token);
    if (access === undefined || access.state === 'revoked') return;
    const wasListed = access.state === 'listed';
    access.state = 'revoked';
    if (wasListed) await this.#config.tokens.revoke(token);
  }
}
