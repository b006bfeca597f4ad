/**
 * OAuth2 tokens as Switchboard keeps them. `expiresAt` is absolute (ms since the epoch), computed
 * from `expires_in` when the tokens were received.
 */
export interface TokenSet {
  readonly accessToken: string;
  readonly tokenType: string;
  /** When the access token stops working; undefined when the server did not say. */
  readonly expiresAt?: number;
  readonly refreshToken?: string;
  /** Granted scopes, space-separated as the server sent them. */
  readonly scope?: string;
  /** Other fields the server returned (e.g. Live's `authentication_token`); never logged. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Whether `tokens` expire within `marginMs` of `now`. Tokens without an expiry never do. */
export function expiresWithin(
  tokens: TokenSet,
  marginMs: number,
  now: number = Date.now(),
): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt - now <= marginMs;
}
