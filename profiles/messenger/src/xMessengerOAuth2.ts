/**
 * X-MESSENGER-OAUTH2 (Windows Live Messenger XMPP, 2011-2013): the Live access token is the
 * whole client-first payload. Sources: Microsoft's Messenger XMPP developer reference and the
 * client implementations in QXmpp and Empathy, which put the token text verbatim into `<auth/>`.
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { fromBase64, SwitchboardError, singleMessage, toBase64 } from '@switchboard/core';

const NAME = 'X-MESSENGER-OAUTH2';

function invalidToken(problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${NAME} needs credentials.accessToken ${problem}; fix the account's credential.`,
    { details: { mechanism: NAME, field: 'accessToken' } },
  );
}

/**
 * The bytes whose base64 is exactly `token`. Live tokens are base64 text that goes verbatim
 * into `<auth/>`, and the XMPP layer always base64-encodes, so only canonical base64 survives
 * the round trip unchanged.
 */
function tokenBytes(credentials: SaslCredentials): Uint8Array {
  const token = credentials.accessToken;
  if (typeof token !== 'string' || token === '') throw invalidToken('to be a non-empty string');
  const bytes = fromBase64(token);
  if (bytes === undefined || toBase64(bytes) !== token) {
    throw invalidToken(
      'to be canonical base64 text, as Live tokens are (the XMPP layer base64-encodes every payload, so the wire would not carry the token unchanged); if it came from a redirect fragment, pass it through decodeRedirectToken() first',
    );
  }
  return bytes;
}

/**
 * URI-decodes an access token taken from the OAuth2 redirect fragment
 * (`#access_token=...`), where Live escapes `/`, `+` and `=` as `%2f`, `%2b` and `%3d`.
 * Uses `decodeURIComponent`, so a literal `+` stays `+` (it is not form-decoded to a space).
 * Throws SB_CONFIG_INVALID (without echoing the value) for a malformed escape.
 */
export function decodeRedirectToken(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      `The ${NAME} access token from the redirect fragment has a malformed %-escape; pass the access_token value exactly as received.`,
      { details: { mechanism: NAME, field: 'accessToken' } },
    );
  }
}

/**
 * X-MESSENGER-OAUTH2: one client-first message, no challenge. `credentials.accessToken` (a Live
 * token, itself base64 text) must appear verbatim as the text of `<auth/>`, so the mechanism
 * returns the token's base64-decoded bytes and the XMPP layer's base64 restores the exact text.
 *
 * Errors: SB_CONFIG_INVALID when the token is missing or not canonical base64 (the token is
 * never echoed), SB_SASL_PROTOCOL on any challenge or a second response. Needs an `oauth2`
 * credential and TLS; payloads are redacted.
 */
export const xMessengerOAuth2: SaslMechanismDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze(['oauth2']),
  redaction: 'all',
  create: (): SaslMechanism => singleMessage(NAME, tokenBytes),
});
