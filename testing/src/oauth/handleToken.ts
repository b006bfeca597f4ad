import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GrantBook, TokenReply } from './GrantBook';
import { basicClientId, OAuthHttpError, readForm, sendError, sendJson } from './httpIo';
import type { OAuthRequestRecord } from './OAuthServer';

/** What `/token` and `/revoke` need besides the request. */
export interface TokenContext {
  readonly book: GrantBook;
  readonly clientId: string | undefined;
  readonly log: OAuthRequestRecord[];
  /** A forced failure for the next token request, once; taken (reset) by the handler. */
  takeFailure(): { readonly status: number; readonly error: string } | undefined;
}

/**
 * The client id of a request: from HTTP Basic or the `client_id` field (both must agree).
 * `client_secret` is not checked: the clients under test are public (desktop) clients.
 */
function clientOf(req: IncomingMessage, form: Record<string, string>, ctx: TokenContext) {
  const basic = basicClientId(req);
  const field = form.client_id;
  if (basic !== undefined && field !== undefined && basic !== field) {
    throw new OAuthHttpError(400, 'invalid_request', 'Two different client ids were sent.');
  }
  const clientId = basic ?? field;
  if (ctx.clientId !== undefined && clientId !== undefined && clientId !== ctx.clientId) {
    throw new OAuthHttpError(401, 'invalid_client', 'The client id is not the registered client.');
  }
  return clientId;
}

function required(form: Record<string, string>, name: string): string {
  const value = form[name];
  if (value === undefined || value === '') {
    throw new OAuthHttpError(400, 'invalid_request', `${name} is required.`);
  }
  return value;
}

async function grant(req: IncomingMessage, form: Record<string, string>, ctx: TokenContext) {
  const clientId = clientOf(req, form, ctx);
  switch (form.grant_type) {
    case 'authorization_code':
      return ctx.book.redeemCode(
        required(form, 'code'),
        clientId ?? required(form, 'client_id'),
        form.redirect_uri,
        form.code_verifier,
      );
    case 'refresh_token':
      return ctx.book.refresh(required(form, 'refresh_token'), clientId, form.scope);
    case undefined:
      throw new OAuthHttpError(400, 'invalid_request', 'grant_type is required.');
    default:
      throw new OAuthHttpError(
        400,
        'unsupported_grant_type',
        'Use authorization_code or refresh_token.',
      );
  }
}

/** `POST /token` (RFC 6749 §4.1.3, §6): code redemption and refresh. Every call is logged. */
export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: TokenContext,
): Promise<void> {
  let grantType: string | undefined;
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new OAuthHttpError(405, 'invalid_request', 'Use POST for the token endpoint.');
    }
    const form = await readForm(req);
    grantType = form.grant_type;
    const failure = ctx.takeFailure();
    if (failure !== undefined) {
      throw new OAuthHttpError(failure.status, failure.error, 'A failure the test asked for.');
    }
    const reply: TokenReply = await grant(req, form, ctx);
    ctx.log.push({ endpoint: 'token', ...(grantType ? { grantType } : {}), status: 200 });
    sendJson(res, 200, reply);
  } catch (error) {
    if (!(error instanceof OAuthHttpError)) throw error;
    const { status } = error;
    ctx.log.push({
      endpoint: 'token',
      ...(grantType ? { grantType } : {}),
      status,
      error: error.error,
    });
    if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="token"');
    sendError(res, error);
  }
}

/** `POST /revoke` (RFC 7009): 200 also for unknown tokens. */
export async function handleRevoke(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: TokenContext,
): Promise<void> {
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new OAuthHttpError(405, 'invalid_request', 'Use POST for the revocation endpoint.');
    }
    const form = await readForm(req);
    const clientId = clientOf(req, form, ctx);
    if (!(await ctx.book.revokeToken(required(form, 'token'), clientId))) {
      throw new OAuthHttpError(400, 'invalid_request', 'The token was issued to another client.');
    }
    ctx.log.push({ endpoint: 'revocation', status: 200 });
    sendJson(res, 200, {});
  } catch (error) {
    if (!(error instanceof OAuthHttpError)) throw error;
    ctx.log.push({ endpoint: 'revocation', status: error.status, error: error.error });
    sendError(res, error);
  }
}
