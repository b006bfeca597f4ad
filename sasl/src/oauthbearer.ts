/**
 * OAUTHBEARER (RFC 7628): an OAuth 2.0 bearer token in one client-first message, with the
 * RFC 7628 §3.2.3 failure path (JSON error challenge answered by a single `%x01`).
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder } from '@switchboard/core';
import { readCredential } from './readCredential';
import { escapeSaslName } from './scramAttributes';

const NAME = 'OAUTHBEARER';
const KVSEP = '\u0001';
// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
// RFC 7628 §3.1 value = *(VCHAR / SP / HTAB / CR / LF); a host needs no blanks either.
const HOST = /^[\u0021-\u007e]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The error a server reports in its RFC 7628 §3.2.2 JSON challenge. */
export interface OAuthBearerServerError {
  /** The `status` member, e.g. `invalid_token` (RFC 6749 §5.2 / RFC 6750 §3.1 codes). */
  readonly status: string;
  /** The `scope` member: the scopes the server requires, space-separated. */
  readonly scope?: string;
  /** The `openid-configuration` member: a URL of the OpenID Connect discovery document. */
  readonly openidConfiguration?: string;
}

/** One OAUTHBEARER login; besides the SASL steps it tells why the server refused the token. */
export interface OAuthBearerMechanism extends SaslMechanism {
  /**
   * The error the server sent as a challenge, or `undefined` when none arrived. The negotiator
   * is to attach it to the SB_SASL_FAILURE details that follow (not wired in yet).
   */
  serverError(): OAuthBearerServerError | undefined;
}

/** The OAUTHBEARER definition: {@link SaslMechanismDefinition} with a typed `create()`. */
export interface OAuthBearerDefinition extends SaslMechanismDefinition {
  create(): OAuthBearerMechanism;
}

function invalid(field: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${NAME} needs credentials.${field} ${problem}; fix the account's credential.`,
    { details: { mechanism: NAME, field } },
  );
}

function malformed(reason: string, problem: string): SwitchboardError {
  // The challenge is never echoed: a broken or hostile server may put anything in it.
  return new SwitchboardError(
    'SB_SASL_MALFORMED_CHALLENGE',
    `The server's ${NAME} error challenge was refused: ${problem}. Authentication was stopped.`,
    { details: { mechanism: NAME, reason } },
  );
}

function optionalPair(credentials: SaslCredentials, field: string, key: string): string {
  const value = credentials[field];
  if (value === undefined || value === null || value === '') return '';
  if (field === 'oauthPort') {
    const port = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw invalid(field, 'to be a port number (1-65535)');
    }
    return `${key}=${port}${KVSEP}`;
  }
  if (typeof value !== 'string' || !HOST.test(value)) {
    throw invalid(field, 'to be a host name without blanks or control characters');
  }
  return `${key}=${value}${KVSEP}`;
}

/** Builds the RFC 7628 §3.1 client response. */
function initialResponse(credentials: SaslCredentials): string {
  const token = readCredential(credentials, 'accessToken', NAME, true);
  if (!B64TOKEN.test(token)) throw invalid('accessToken', 'to be an RFC 6750 bearer token');
  const authzid = readCredential(credentials, 'address', NAME, false);
  // %x01 separates the message's fields: inside the authzid it would end the gs2 header early.
  if (authzid?.includes(KVSEP)) throw invalid('address', 'without U+0001 characters');
  const gs2Header = authzid === undefined ? 'n,,' : `n,a=${escapeSaslName(authzid)},`;
  const host = optionalPair(credentials, 'oauthHost', 'host');
  const port = optionalPair(credentials, 'oauthPort', 'port');
  return `${gs2Header}${KVSEP}${host}${port}auth=Bearer ${token}${KVSEP}${KVSEP}`;
}

function optionalText(json: Record<string, unknown>, key: string): string | undefined {
  const value = json[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(key, `its "${key}" member is not a string`);
  return value;
}

/** Parses the RFC 7628 §3.2.2 error challenge. */
function parseServerError(data: Uint8Array): OAuthBearerServerError {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(data));
  } catch {
    throw malformed('syntax', 'it is not UTF-8 JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed('syntax', 'it is not a JSON object');
  }
  const fields = json as Record<string, unknown>;
  const status = optionalText(fields, 'status');
  if (status === undefined || status === '') throw malformed('status', 'it has no "status"');
  const scope = optionalText(fields, 'scope');
  const openidConfiguration = optionalText(fields, 'openid-configuration');
  return {
    status,
    ...(scope === undefined ? {} : { scope }),
    ...(openidConfiguration === undefined ? {} : { openidConfiguration }),
  };
}

type Step = 'initial' | 'sent' | 'error-received' | 'error-answered' | 'failed';

class OAuthBearerSession implements OAuthBearerMechanism {
  readonly name = NAME;
  readonly clientFirst = true;
  #step: Step = 'initial';
  #serverError: OAuthBearerServerError | undefined;

  response(credentials: SaslCredentials): string | Uint8Array {
    const step = this.#step;
    this.#step = 'failed';
    if (step === 'initial') {
      const message = initialResponse(credentials);
      this.#step = 'sent';
      return message;
    }
    if (step === 'error-received') {
      // RFC 7628 §3.2.3: acknowledge the error with a lone %x01; the server then fails.
      this.#step = 'error-answered';
      return Uint8Array.of(1);
    }
    throw saslOutOfOrder(NAME, `no response is due at step ${step}`);
  }

  challenge(data: Uint8Array): void {
    const step = this.#step;
    this.#step = 'failed';
    if (step !== 'sent') throw saslOutOfOrder(NAME, `a challenge arrived at step ${step}`);
    this.#serverError = parseServerError(data);
    this.#step = 'error-received';
  }

  success(): void {
    if (this.#step === 'sent') return;
    const step = this.#step;
    this.#step = 'failed';
    throw saslOutOfOrder(NAME, `the server reported success at step ${step}`);
  }

  serverError(): OAuthBearerServerError | undefined {
    return this.#serverError;
  }

  /** The server's JSON error, for the SB_SASL_FAILURE details (`status`, `scope`, ...). */
  failureDetails(): Readonly<Record<string, unknown>> | undefined {
    return this.#serverError === undefined ? undefined : { ...this.#serverError };
  }
}

/**
 * OAUTHBEARER (RFC 7628). Sends `n,a=<authzid>,` `%x01` [`host=<host>%x01`] [`port=<port>%x01`]
 * `auth=Bearer <token>%x01%x01`, where the authzid is `credentials.address` (escaped as a
 * saslname; omitted, giving `n,,`, when there is no address) and the token is
 * `credentials.accessToken` (RFC 6750 b64token syntax). `host` and `port` are sent only when
 * `credentials.oauthHost` (a host name) or `credentials.oauthPort` (1-65535, number or digit
 * string) are given; they describe the server the client connected to, for servers that check it.
 *
 * If the server refuses the token it sends a JSON challenge (`status`, optional `scope` and
 * `openid-configuration`); the session answers with the single byte `%x01`, as RFC 7628
 * requires, and keeps the parsed error for {@link OAuthBearerMechanism.serverError}; the negotiator adds it
 * (via `failureDetails()`) to the SB_SASL_FAILURE of the `<failure/>` that follows.
 *
 * Errors: SB_CONFIG_INVALID (missing or malformed credential fields, an address containing the
 * `%x01` separator; values are never echoed),
 * SB_SASL_MALFORMED_CHALLENGE (error challenge not UTF-8 JSON, or without a string `status`),
 * SB_SASL_PROTOCOL (second challenge, success after an error challenge, out-of-turn calls).
 * Needs an `oauth2` credential and TLS; payloads are redacted.
 */
export const oauthbearer: OAuthBearerDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze(['oauth2']),
  redaction: 'all',
  create: (): OAuthBearerMechanism => new OAuthBearerSession(),
});
