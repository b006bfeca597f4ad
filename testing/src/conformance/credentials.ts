import { randomUUID } from 'node:crypto';
import type { ConformanceContext, ConformanceCredentials } from './ConformanceOptions';

/**
 * Credentials for a password profile: registers `user@domain` with `password` (valid) and
 * offers a different password (invalid).
 */
export function passwordCredentials(
  password = 'conformance-password-1',
): (context: ConformanceContext) => Promise<ConformanceCredentials> {
  return async ({ server, domain, user }) => {
    await server.registerUser(domain, user, password);
    return {
      valid: { kind: 'password', password },
      invalid: { kind: 'password', password: `${password}-wrong` },
    };
  };
}

/** Options of {@link tokenCredentials}. */
export interface TokenCredentialOptions {
  /** `'oauth2'` (an access token) or `'token'` (an opaque token, e.g. ClientLogin). */
  readonly kind: 'oauth2' | 'token';
  /** The token to issue, exactly as the client sends it. */
  readonly token: string;
  /** The SASL mechanisms it is valid for. Default any. */
  readonly mechanisms?: readonly string[];
  /**
   * Also register the user (with a random password), so that messages sent to it while it is
   * offline are stored: Prosody bounces them for a user without an account. Default true.
   */
  readonly register?: boolean;
  /**
   * A token never issued, the invalid credential. Default: `token` with its first letter or digit
   * changed, so it keeps the token's length and alphabet (canonical base64 stays canonical).
   */
  readonly unknownToken?: string;
}

/** `token` with its first letter or digit replaced by the next one (`z` by `a`, `9` by `0`). */
export function otherToken(token: string): string {
  const at = token.search(/[A-Za-z0-9]/);
  if (at < 0) return `${token}0`;
  const c = token[at] ?? '';
  const next = { z: 'a', Z: 'A', '9': '0' }[c] ?? String.fromCharCode(c.charCodeAt(0) + 1);
  return `${token.slice(0, at)}${next}${token.slice(at + 1)}`;
}

/**
 * Credentials for a token profile: issues `token` for `user@domain` into the token table (valid)
 * and offers a token never issued (invalid); registers the user too, unless told not to.
 */
export function tokenCredentials(
  options: TokenCredentialOptions,
): (context: ConformanceContext) => Promise<ConformanceCredentials> {
  const as = (token: string): ConformanceCredentials['valid'] =>
    options.kind === 'oauth2' ? { kind: 'oauth2', accessToken: token } : { kind: 'token', token };
  return async ({ server, tokens, domain, user }) => {
    if (options.register !== false) {
      await server.registerUser(domain, user, `unused-${randomUUID()}`);
    }
    await tokens.issue({
      token: options.token,
      user,
      host: domain,
      ...(options.mechanisms === undefined ? {} : { mechanisms: options.mechanisms }),
    });
    return {
      valid: as(options.token),
      invalid: as(options.unknownToken ?? otherToken(options.token)),
    };
  };
}
