/**
 * Test helpers: a plain-`fetch` OAuth2 client for the local authorization server (RFC 6749
 * code and implicit flows, RFC 7636 PKCE S256), answers returned as they came over HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OAuthServer } from './OAuthServer';

export const CLIENT_ID = '000000004C0A1B2C';
export const REDIRECT_URI = 'http://127.0.0.1:49152/callback';

/** A fresh PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** GETs the authorization endpoint with `params` (no redirect followed); returns status and Location. */
export async function authorize(
  server: OAuthServer,
  params: Record<string, string>,
): Promise<{ status: number; location: string | null; body: string }> {
  const url = `${server.authorizationEndpoint}?${new URLSearchParams(params)}`;
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** POSTs `fields` form-encoded to `url`; returns the status and parsed JSON body. */
export async function postForm(
  url: string,
  fields: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** Runs `/authorize` with PKCE and returns the code and the verifier. */
export async function getCode(
  server: OAuthServer,
  scope = 'wl.messenger wl.offline_access',
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const { location } = await authorize(server, {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope,
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const code = new URL(location ?? '').searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location}`);
  return { code, verifier };
}

/** Redeems `code` at the token endpoint. */
export function redeem(server: OAuthServer, code: string, verifier: string) {
  return postForm(server.tokenEndpoint, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
  });
}

/** The whole code flow: the token endpoint's JSON, failing the test if it is not a 200. */
export async function codeFlow(server: OAuthServer, scope?: string) {
  const { code, verifier } = await getCode(server, scope);
  const { status, json } = await redeem(server, code, verifier);
  if (status !== 200) throw new Error(`token endpoint answered ${status}: ${JSON.stringify(json)}`);
  return json as {
    access_token: string;
    refresh_token?: string;
    expires_in: number;
    scope: string;
  };
}

/** A refresh-token grant. */
export function refresh(server: OAuthServer, refreshToken: string) {
  return postForm(server.tokenEndpoint, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
  });
}
