import { randomBytes } from 'node:crypto';
import type { OAuthTokenFormat } from './OAuthServerOptions';

/** Bytes whose base64 is `EwAw`, the start of every Live token seen in the wild. */
const LIVE_HEAD = Buffer.from([0x13, 0x00, 0x30]);
/** Bytes whose base64 is `+/8=`: the token always exercises `+`, `/` and `=` in its encodings. */
const LIVE_TAIL = Buffer.from([0xfb, 0xff]);

/**
 * A new random access token. `'live'`: canonical base64 of 98 bytes (132 characters, like
 * `EwAw…+/8=`); `'opaque'`: `sb.` and 32 random bytes in base64url.
 */
export function newAccessToken(format: OAuthTokenFormat): string {
  if (format === 'opaque') return `sb.${randomBytes(32).toString('base64url')}`;
  return Buffer.concat([LIVE_HEAD, randomBytes(93), LIVE_TAIL]).toString('base64');
}

/** A new random refresh token or authorization code: 32 bytes in base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
