/**
 * X-FACEBOOK-PLATFORM (Facebook Chat XMPP, until 2015): server-first; the server's challenge is
 * form-encoded `version=1&method=auth.xmpp_login&nonce=...`, the client answers form-encoded with
 * `method`, `nonce`, `access_token`, `api_key`, `call_id` and `v=1.0`, or, in the legacy
 * pre-OAuth variant, with `session_key` and an MD5 `sig`. Sources: Facebook's Chat API
 * authentication guide and the QXmpp, SleekXMPP and libpurple implementations.
 */
import { createHash } from 'node:crypto';
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder } from '@switchboard/core';

const NAME = 'X-FACEBOOK-PLATFORM';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Options for {@link createXFacebookPlatform}. */
export interface XFacebookPlatformOptions {
  /**
   * The `call_id` value: `'timestamp'` (default) sends `Date.now()` in milliseconds (Facebook's
   * documented increasing sequence number), `'zero'` sends `0`, `'empty'` an empty value, and a
   * function returns the text to send. Implementations disagreed; servers accepted all of them.
   */
  readonly callId?: 'timestamp' | 'zero' | 'empty' | (() => string);
  /** Sort the answer's keys alphabetically, as QXmpp does. Default `true`. */
  readonly sortKeys?: boolean;
}

/** The parts of the server's challenge the answer needs. */
interface Challenge {
  readonly method: string;
  readonly nonce: string;
}

function invalid(field: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', message, {
    details: { mechanism: NAME, field },
  });
}

function malformed(reason: string, problem: string): SwitchboardError {
  // The challenge is never echoed: a broken or hostile server may put anything in it.
  return new SwitchboardError(
    'SB_SASL_MALFORMED_CHALLENGE',
    `The server's ${NAME} challenge was refused: ${problem}. Authentication was stopped.`,
    { details: { mechanism: NAME, reason } },
  );
}

function text(credentials: SaslCredentials, field: string): string | undefined {
  const value = credentials[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw invalid(field, `${NAME} needs credentials.${field} to be a string.`);
  }
  return value;
}

/** Parses `version=1&method=auth.xmpp_login&nonce=...` (form-encoded, UTF-8). */
function parseChallenge(data: Uint8Array): Challenge {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(utf8.decode(data));
  } catch {
    throw malformed('syntax', 'it is not UTF-8 text');
  }
  const read = (key: 'method' | 'nonce'): string => {
    const values = params.getAll(key);
    const [value] = values;
    if (values.length !== 1 || value === undefined || value === '') {
      throw malformed(key, `it does not carry exactly one non-empty "${key}"`);
    }
    return value;
  };
  return { method: read('method'), nonce: read('nonce') };
}

/** The answer's fields in protocol order; legacy answers get `sig` computed over them. */
function answerFields(credentials: SaslCredentials, challenge: Challenge, callId: string) {
  const apiKey = text(credentials, 'apiKey');
  if (apiKey === undefined) {
    throw invalid('apiKey', `${NAME} needs credentials.apiKey (the Facebook app id).`);
  }
  const { method, nonce } = challenge;
  const accessToken = text(credentials, 'accessToken');
  if (accessToken !== undefined) {
    return {
      fields: {
        method,
        nonce,
        access_token: accessToken,
        api_key: apiKey,
        call_id: callId,
        v: '1.0',
      },
      appSecret: undefined,
    };
  }
  const sessionKey = text(credentials, 'sessionKey') ?? text(credentials, 'token');
  const appSecret = text(credentials, 'appSecret');
  if (sessionKey === undefined || appSecret === undefined) {
    throw invalid(
      'accessToken',
      `${NAME} needs credentials.accessToken, or for the legacy variant credentials.sessionKey (or token) with credentials.appSecret.`,
    );
  }
  const fields = {
    api_key: apiKey,
    call_id: callId,
    method,
    nonce,
    session_key: sessionKey,
    v: '1.0',
  };
  return { fields, appSecret };
}

/** `md5hex(concat of sorted "k=v" + appSecret)`, over the raw (not URL-encoded) values. */
function legacySig(fields: Readonly<Record<string, string>>, appSecret: string): string {
  const input = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('');
  return createHash('md5')
    .update(input + appSecret, 'utf8')
    .digest('hex');
}

type Step = 'awaiting-challenge' | 'answering' | 'answered' | 'failed';

class XFacebookPlatformSession implements SaslMechanism {
  readonly name = NAME;
  readonly clientFirst = false;
  readonly #callId: () => string;
  readonly #sortKeys: boolean;
  #step: Step = 'awaiting-challenge';
  #challenge: Challenge | undefined;

  constructor(callId: () => string, sortKeys: boolean) {
    this.#callId = callId;
    this.#sortKeys = sortKeys;
  }

  /** `null` before the challenge (`<auth/>` carries no text); then the form-encoded answer. */
  response(credentials: SaslCredentials): string | null {
    const step = this.#step;
    const challenge = this.#challenge;
    if (step === 'awaiting-challenge') return null;
    this.#step = 'failed';
    if (step !== 'answering' || challenge === undefined) {
      throw saslOutOfOrder(NAME, `no response is due at step ${step}`);
    }
    const callId = this.#callId();
    if (typeof callId !== 'string') {
      throw invalid('callId', `The ${NAME} callId option must return a string.`);
    }
    const { fields, appSecret } = answerFields(credentials, challenge, callId);
    const entries: [string, string][] = Object.entries(fields);
    if (appSecret !== undefined) entries.push(['sig', legacySig(fields, appSecret)]);
    if (this.#sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : 1));
    this.#step = 'answered';
    return new URLSearchParams(entries).toString();
  }

  challenge(data: Uint8Array): void {
    const step = this.#step;
    this.#step = 'failed';
    if (step !== 'awaiting-challenge') {
      throw saslOutOfOrder(NAME, `a second challenge arrived at step ${step}`);
    }
    this.#challenge = parseChallenge(data);
    this.#step = 'answering';
  }
}

function resolveCallId(option: XFacebookPlatformOptions['callId']): () => string {
  if (option === undefined || option === 'timestamp') return () => String(Date.now());
  if (option === 'zero') return () => '0';
  if (option === 'empty') return () => '';
  if (typeof option === 'function') return option;
  throw invalid(
    'callId',
    'createXFacebookPlatform: callId must be "timestamp", "zero", "empty" or a function.',
  );
}

/**
 * An X-FACEBOOK-PLATFORM definition. Server-first (`clientFirst: false`): the negotiator sends
 * `<auth/>` without text, and `response()` returns `null` until the challenge has arrived.
 * The challenge (`version=1&method=...&nonce=...`; `version` is not checked) is answered, form-encoded
 * (application/x-www-form-urlencoded), with `method` and `nonce` echoed, `access_token`
 * (`credentials.accessToken`), `api_key` (`credentials.apiKey`, the app id, required),
 * `call_id` (see {@link XFacebookPlatformOptions}) and `v=1.0`.
 *
 * Legacy variant, used when there is no `accessToken`: `credentials.sessionKey` (or a `token`
 * credential, `credentials.token`, as the session key) with `credentials.appSecret` gives
 * `api_key`, `call_id`, `method`, `nonce`, `session_key`, `v=1.0` and
 * `sig = md5hex(sorted "k=v" concatenated + appSecret)`. Hence the credential kinds
 * `oauth2` and `token`.
 *
 * Errors: SB_CONFIG_INVALID (bad options, missing `apiKey` or token; values never echoed),
 * SB_SASL_MALFORMED_CHALLENGE (challenge not UTF-8, or without exactly one `method`/`nonce`),
 * SB_SASL_PROTOCOL (a second challenge or response). Needs TLS; payloads are redacted.
 */
export function createXFacebookPlatform(
  options: XFacebookPlatformOptions = {},
): SaslMechanismDefinition {
  const callId = resolveCallId(options.callId);
  const sortKeys = options.sortKeys ?? true;
  if (typeof sortKeys !== 'boolean') {
    throw invalid('sortKeys', 'createXFacebookPlatform: sortKeys must be a boolean.');
  }
  return Object.freeze({
    name: NAME,
    clientFirst: false,
    credentialKinds: Object.freeze(['oauth2', 'token']),
    redaction: 'all',
    create: (): SaslMechanism => new XFacebookPlatformSession(callId, sortKeys),
  });
}

/** X-FACEBOOK-PLATFORM with default options (timestamp `call_id`, sorted keys). */
export const xFacebookPlatform: SaslMechanismDefinition = createXFacebookPlatform();
