/** Redirect URIs: which ones the server accepts, and the Live-style implicit fragment. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * `redirectUri` parsed, if the server may redirect there: an `http` loopback URL (any port, RFC
 * 8252 §7.3) or one of `exact`, and no fragment (RFC 6749 §3.1.2).
 */
export function allowedRedirect(redirectUri: string, exact: readonly string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined;
  }
  if (url.hash !== '' || redirectUri.includes('#')) return undefined;
  if (exact.includes(redirectUri)) return url;
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  return loopback && url.username === '' && url.password === '' ? url : undefined;
}

/**
 * URI-encodes a value as Live did in the redirect fragment: `encodeURIComponent` with
 * lower-case hex, so `/` → `%2f`, `+` → `%2b`, `=` → `%3d`.
 */
export function liveEncode(value: string): string {
  return encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

/** `url` (its query kept, any fragment dropped) with `fields` as a Live-encoded fragment. */
export function withFragment(url: URL, fields: ReadonlyArray<readonly [string, string]>): string {
  const base = new URL(url.href);
  base.hash = '';
  return `${base.href}#${fields.map(([k, v]) => `${k}=${liveEncode(v)}`).join('&')}`;
}

/** `url` with `fields` added to its query. */
export function withQuery(url: URL, fields: ReadonlyArray<readonly [string, string]>): string {
  const target = new URL(url.href);
  for (const [k, v] of fields) target.searchParams.append(k, v);
  return target.href;
}
