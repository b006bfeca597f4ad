/**
 * X-GOOGLE-TOKEN (Google Talk): one client-first message `NUL user NUL token`, with the token
 * from Google's retired ClientLogin API treated as opaque. Sources: the Google Talk developer
 * documentation and the SleekXMPP client implementation.
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, singleMessage } from '@switchboard/core';

function invalid(mechanism: string, field: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${mechanism} needs credentials.${field} ${problem}; fix the account's credential.`,
    { details: { mechanism, field } },
  );
}

function readText(credentials: SaslCredentials, field: string, mechanism: string): string {
  const value = credentials[field];
  if (typeof value !== 'string' || value === '') {
    throw invalid(mechanism, field, 'to be a non-empty string');
  }
  if (value.includes('\u0000')) throw invalid(mechanism, field, 'without NUL characters');
  return value;
}

/**
 * The payload shared by X-GOOGLE-TOKEN and X-OAUTH2: `"\0" + credentials.address + "\0" +
 * credentials[tokenField]`. Throws SB_CONFIG_INVALID naming (never echoing) a field that is
 * missing, not a string or contains NUL. Shared with `xOAuth2.ts`; not part of the package API.
 * @internal
 */
export function googleTokenPayload(
  credentials: SaslCredentials,
  tokenField: 'token' | 'accessToken',
  mechanism: string,
): string {
  const user = readText(credentials, 'address', mechanism);
  const token = readText(credentials, tokenField, mechanism);
  return `\u0000${user}\u0000${token}`;
}

/**
 * X-GOOGLE-TOKEN: sends `"\0" + credentials.address + "\0" + credentials.token` (UTF-8), where
 * the address is the full bare address (`user@gmail.com`) and the token is an opaque
 * ClientLogin token. Errors: SB_CONFIG_INVALID (missing address or token; values never
 * echoed), SB_SASL_PROTOCOL (any challenge). Needs a `token` credential and TLS; payloads are
 * redacted.
 */
export const xGoogleToken: SaslMechanismDefinition = Object.freeze({
  name: 'X-GOOGLE-TOKEN',
  clientFirst: true,
  credentialKinds: Object.freeze(['token']),
  redaction: 'all',
  create: (): SaslMechanism =>
    singleMessage('X-GOOGLE-TOKEN', (credentials) =>
      googleTokenPayload(credentials, 'token', 'X-GOOGLE-TOKEN'),
    ),
});
