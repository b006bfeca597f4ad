import type { TokenSet } from './TokenSet';

/**
 * Exchanges a refresh token for new tokens (RFC 6749 §6). Implemented by `OAuth2Client`; the
 * credential service depends only on this.
 *
 * Rejects with SB_OAUTH_GRANT_REVOKED when the server answers `invalid_grant` (the user must
 * authorize again), and with SB_OAUTH_FAILED for anything else (network, server error).
 */
export interface TokenRefresher {
  refresh(refreshToken: string): Promise<TokenSet>;
}
