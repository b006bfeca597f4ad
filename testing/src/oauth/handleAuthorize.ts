import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GrantBook } from './GrantBook';
import { type OAuthHttpError, sendRedirect, sendText, singleParams } from './httpIo';
import { isS256Challenge } from './pkce';
import { allowedRedirect, withFragment, withQuery } from './redirects';

/** What `/authorize` needs besides the request. */
export interface AuthorizeContext {
  readonly book: GrantBook;
  readonly clientId: string | undefined;
  readonly redirectUris: readonly string[];
  readonly requirePkce: boolean;
  readonly defaultScope: string;
  readonly lifetimeSeconds: number;
  /** The error to redirect with instead of granting, once; taken (reset) by the handler. */
  takeDenial(): string | undefined;
}

/** Space-separated scopes, normalised (RFC 6749 §3.3). */
export function normaliseScope(scope: string): string {
  return scope
    .split(/\s+/)
    .filter((s) => s !== '')
    .join(' ');
}

/**
 * `GET /authorize` (RFC 6749 §4.1.1, §4.2.1): grants at once, with no login page. Problems with
 * the client or the redirect URI get a 400 page; everything else redirects with `error`.
 */
export async function handleAuthorize(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: AuthorizeContext,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendText(res, 405, 'Use GET for the authorization endpoint.');
    return;
  }
  let q: Record<string, string>;
  try {
    q = singleParams(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
  } catch (error) {
    sendText(res, 400, (error as OAuthHttpError).message);
    return;
  }
  const clientId = q.client_id;
  if (clientId === undefined || (ctx.clientId !== undefined && clientId !== ctx.clientId)) {
    sendText(res, 400, 'client_id is missing or not the registered client.');
    return;
  }
  const redirectUri = q.redirect_uri;
  const target =
    redirectUri === undefined ? undefined : allowedRedirect(redirectUri, ctx.redirectUris);
  if (redirectUri === undefined || target === undefined) {
    sendText(res, 400, 'redirect_uri is missing, or neither a loopback http URL nor registered.');
    return;
  }
  const implicit = q.response_type === 'token';
  const state: Array<[string, string]> = q.state === undefined ? [] : [['state', q.state]];
  const fail = (error: string, description: string): void => {
    const fields: Array<[string, string]> = [
      ['error', error],
      ['error_description', description],
      ...state,
    ];
    sendRedirect(res, implicit ? withFragment(target, fields) : withQuery(target, fields));
  };
  const denial = ctx.takeDenial();
  if (denial !== undefined) return fail(denial, 'The user did not allow access.');
  const scope = normaliseScope(q.scope ?? ctx.defaultScope);
  if (implicit) {
    const token = await ctx.book.implicit(clientId, scope);
    const fields: Array<[string, string]> = [
      ['access_token', token],
      ['token_type', 'bearer'],
      ['expires_in', String(ctx.lifetimeSeconds)],
      ['scope', scope],
      ...state,
    ];
    sendRedirect(res, withFragment(target, fields));
    return;
  }
  if (q.response_type === undefined) return fail('invalid_request', 'response_type is required.');
  if (q.response_type !== 'code') {
    return fail('unsupported_response_type', 'response_type must be code or token.');
  }
  const challenge = q.code_challenge;
  if (challenge === undefined) {
    if (ctx.requirePkce) return fail('invalid_request', 'code_challenge is required (PKCE S256).');
  } else if (q.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256.');
  } else if (!isS256Challenge(challenge)) {
    return fail('invalid_request', 'code_challenge must be 43 characters of base64url.');
  }
  const code = ctx.book.newCode({ clientId, redirectUri, scope, challenge });
  sendRedirect(res, withQuery(target, [['code', code], ...state]));
}
