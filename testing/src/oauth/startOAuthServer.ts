import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SwitchboardError } from '@switchboard/core';
import { GrantBook } from './GrantBook';
import { type AuthorizeContext, handleAuthorize } from './handleAuthorize';
import { handleRevoke, handleToken, type TokenContext } from './handleToken';
import { sendJson, sendText } from './httpIo';
import type { OAuthRequestRecord, OAuthServer } from './OAuthServer';
import type { OAuthServerOptions } from './OAuthServerOptions';

const PATHS = {
  authorize: '/authorize',
  token: '/token',
  revoke: '/revoke',
  metadata: '/.well-known/oauth-authorization-server',
} as const;

function invalid(message: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', `startOAuthServer(): ${message}`);
}

function metadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}${PATHS.authorize}`,
    token_endpoint: `${issuer}${PATHS.token}`,
    revocation_endpoint: `${issuer}${PATHS.revoke}`,
    response_types_supported: ['code', 'token'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'implicit'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['none'],
  };
}

/**
 * Starts a real OAuth2 authorization server on 127.0.0.1 (a free port) whose access tokens are
 * entered into `options.tokens`, so the Prosody provider emulation accepts exactly the tokens
 * it issued. Authorization is granted at once (no login page): a client completes the code
 * flow with PKCE S256, or the implicit flow, by following one redirect.
 *
 * @example
 * const tokens = await TokenTable.create();
 * const oauth = await startOAuthServer({ tokens, user: 'alice', host: 'messenger.test' });
 * try {
 *   // authorize at oauth.authorizationEndpoint, redeem the code at oauth.tokenEndpoint
 * } finally {
 *   await oauth.stop();
 * }
 */
export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  if (!Number.isInteger(lifetime) || lifetime < 0) {
    throw invalid('accessTokenLifetimeSeconds must be a whole number of seconds, 0 or more.');
  }
  if (options.user === '' || options.host === '') throw invalid('user and host must be set.');
  if (options.clientId === '') throw invalid('clientId must not be empty.');

  const book = new GrantBook({
    tokens: options.tokens,
    user: options.user,
    host: options.host,
    mechanisms: options.mechanisms,
    lifetimeSeconds: lifetime,
    format: options.tokenFormat ?? 'live',
    rotate: options.rotateRefreshTokens === true,
    offlineScope: options.offlineScope,
  });
  const log: OAuthRequestRecord[] = [];
  let denial: string | undefined;
  let failure: { status: number; error: string } | undefined;
  const authorizeContext: AuthorizeContext = {
    book,
    clientId: options.clientId,
    redirectUris: options.redirectUris ?? [],
    requirePkce: options.requirePkce !== false,
    defaultScope: options.defaultScope ?? 'wl.messenger',
    lifetimeSeconds: lifetime,
    takeDenial: () => {
      const taken = denial;
      denial = undefined;
      return taken;
    },
  };
  const tokenContext: TokenContext = {
    book,
    clientId: options.clientId,
    log,
    takeFailure: () => {
      const taken = failure;
      failure = undefined;
      return taken;
    },
  };

  let issuer = '';
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === PATHS.authorize) return handleAuthorize(req, res, authorizeContext);
    if (path === PATHS.token) return handleToken(req, res, tokenContext);
    if (path === PATHS.revoke) return handleRevoke(req, res, tokenContext);
    if (path === PATHS.metadata) return sendJson(res, 200, metadata(issuer));
    sendText(res, 404, 'Not found.');
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'server_error', error_description: String(error) });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
  issuer = `http://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    issuer,
    port,
    authorizationEndpoint: `${issuer}${PATHS.authorize}`,
    tokenEndpoint: `${issuer}${PATHS.token}`,
    revocationEndpoint: `${issuer}${PATHS.revoke}`,
    metadataEndpoint: `${issuer}${PATHS.metadata}`,
    revokeGrant: (refreshToken) => book.revokeGrant(refreshToken),
    expireAccessTokens: () => book.expireAccessTokens(),
    rejectNextAccessToken: () => book.rejectNextAccessToken(),
    denyNextAuthorization: (error = 'access_denied') => {
      denial = error;
    },
    failNextTokenRequest: (status = 500, error = 'server_error') => {
      failure = { status, error };
    },
    issued: () => book.issued(),
    requests: () => [...log],
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
