/**
 * X-OAUTH2 (Google Talk): the X-GOOGLE-TOKEN payload `NUL user NUL token` carrying an OAuth2
 * access token (scope `https://www.googleapis.com/auth/googletalk`), flagged by Google's
 * `auth:service='oauth2'` attribute on `<auth/>`. Sources: the Google Talk developer
 * documentation and the QXmpp and SleekXMPP client implementations.
 */
import type { SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, singleMessage } from '@switchboard/core';
import { googleTokenPayload } from './xGoogleToken';

const NAME = 'X-OAUTH2';
const NS_GOOGLE_AUTH = 'http://www.google.com/talk/protocol/auth';

/** Options for {@link createXOAuth2}: optional Google attributes on `<auth/>`. */
export interface XOAuth2Options {
  /**
   * Adds `auth:client-uses-full-bind-result='true'`: the client promises to use the full JID
   * the server returns from resource binding (which may differ from the one requested).
   * Default `false`.
   */
  readonly clientUsesFullBindResult?: boolean;
  /** Adds `auth:allow-generated-jid='true'`: the server may generate the JID. Default `false`. */
  readonly allowGeneratedJid?: boolean;
}

function checkFlag(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new SwitchboardError('SB_CONFIG_INVALID', `createXOAuth2: ${field} must be a boolean.`, {
      details: { mechanism: NAME, field },
    });
  }
  return value;
}

/**
 * An X-OAUTH2 definition. Sends `"\0" + credentials.address + "\0" + credentials.accessToken`
 * (UTF-8; the address is the full bare address), and its `authAttributes()` gives
 * `xmlns:auth='http://www.google.com/talk/protocol/auth'` and `auth:service='oauth2'`, plus
 * `auth:client-uses-full-bind-result='true'` and `auth:allow-generated-jid='true'` when the
 * matching option is set. Errors: SB_CONFIG_INVALID (bad options, missing address or access
 * token; values never echoed), SB_SASL_PROTOCOL (any challenge). Needs an `oauth2` credential
 * and TLS; payloads are redacted.
 */
export function createXOAuth2(options: XOAuth2Options = {}): SaslMechanismDefinition {
  const attributes: Readonly<Record<string, string>> = Object.freeze({
    'xmlns:auth': NS_GOOGLE_AUTH,
    'auth:service': 'oauth2',
    ...(checkFlag(options.clientUsesFullBindResult, 'clientUsesFullBindResult')
      ? { 'auth:client-uses-full-bind-result': 'true' }
      : {}),
    ...(checkFlag(options.allowGeneratedJid, 'allowGeneratedJid')
      ? { 'auth:allow-generated-jid': 'true' }
      : {}),
  });
  return Object.freeze({
    name: NAME,
    clientFirst: true,
    credentialKinds: Object.freeze(['oauth2']),
    redaction: 'all',
    create: (): SaslMechanism =>
      singleMessage(
        NAME,
        (credentials) => googleTokenPayload(credentials, 'accessToken', NAME),
        attributes,
      ),
  });
}

/** X-OAUTH2 with default options (only `xmlns:auth` and `auth:service='oauth2'`). */
export const xOAuth2: SaslMechanismDefinition = createXOAuth2();
