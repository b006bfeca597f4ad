import type { TokenSet } from '@switchboard/core';

/** When the tokens stop working, in words; never the tokens. */
export function tokenSummary(tokens: TokenSet, now: number = Date.now()): string {
  const until =
    tokens.expiresAt === undefined
      ? 'The access token has no stated expiry.'
      : `The access token is valid until ${new Date(tokens.expiresAt).toISOString()} (${Math.round((tokens.expiresAt - now) / 60_000)} min).`;
  const renew =
    tokens.refreshToken === undefined
      ? 'No refresh token was granted: run login again when it expires.'
      : 'It is renewed with the refresh token when needed.';
  return `${until} ${renew}`;
}
