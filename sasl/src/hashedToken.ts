/**
 * The HT-* mechanisms of XEP-0484 (FAST) §4 / draft-schmaus-kitten-sasl-ht: one client message
 * `authcid NUL HMAC(token, "Initiator" || cb-data)`, and the server's answer
 * `HMAC(token, "Responder" || cb-data)` with success, which the client verifies. The token is
 * the FAST token the server issued at an earlier login (`credentials.fastToken`).
 */
import type {
  ChannelBindingType,
  SaslCredentials,
  SaslLoginContext,
  SaslMechanism,
  SaslMechanismDefinition,
} from '@switchboard/core';
import { SwitchboardError, saslOutOfOrder, toBytes } from '@switchboard/core';
import { constantTimeEqual } from './constantTimeEqual';
import { readCredential } from './readCredential';

/** The credential kind of a FAST token (`SaslCredentials.fastToken`). */
export const FAST_TOKEN_CREDENTIAL = 'fast-token';

/** The HT variants: the suffix of the name and the channel binding it hashes. */
const VARIANTS = {
  NONE: undefined,
  UNIQ: 'tls-unique',
  ENDP: 'tls-server-end-point',
  EXPR: 'tls-exporter',
} as const satisfies Record<string, ChannelBindingType | undefined>;

/** The channel binding suffix of an HT mechanism name. */
export type HashedTokenBinding = keyof typeof VARIANTS;

async function hmacSha256(key: string, parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const api = globalThis.crypto.subtle;
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const data = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  const hmacKey = await api.importKey(
    'raw',
    new Uint8Array(toBytes(key)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await api.sign('HMAC', hmacKey, data));
}

class HashedTokenSession implements SaslMechanism {
  readonly clientFirst = true;
  readonly name: string;
  readonly #type: ChannelBindingType | undefined;
  readonly #context: SaslLoginContext | undefined;
  #step: 'initial' | 'sent' | 'done' = 'initial';
  #expected: Uint8Array | undefined;

  constructor(name: string, type: ChannelBindingType | undefined, context?: SaslLoginContext) {
    this.name = name;
    this.#type = type;
    this.#context = context;
  }

  async response(credentials: SaslCredentials): Promise<Uint8Array> {
    if (this.#step !== 'initial') throw saslOutOfOrder(this.name, 'only one message is sent');
    this.#step = 'done';
    const username = readCredential(credentials, 'username', this.name, true);
    const token = readCredential(credentials, 'fastToken', this.name, true);
    const cbData = this.#channelBindingData();
    const initiator = await hmacSha256(token, [toBytes('Initiator'), cbData]);
    this.#expected = await hmacSha256(token, [toBytes('Responder'), cbData]);
    const user = toBytes(username);
    const message = new Uint8Array(user.length + 1 + initiator.length);
    message.set(user);
    message.set(initiator, user.length + 1);
    this.#step = 'sent';
    return message;
  }

  challenge(): never {
    this.#step = 'done';
    throw saslOutOfOrder(this.name, 'the server sent a challenge, and HT takes none');
  }

  success(data: Uint8Array | null): void {
    const expected = this.#expected;
    const sent = this.#step === 'sent';
    this.#step = 'done';
    this.#expected = undefined;
    if (sent && expected !== undefined && data !== null && constantTimeEqual(data, expected)) {
      return;
    }
    const missing = data === null || data.length === 0;
    throw new SwitchboardError(
      'SB_SASL_SERVER_VERIFICATION_FAILED',
      `The server did not prove it knows the ${this.name} token: ${missing ? 'its success carries no answer' : 'its answer is wrong'}. Do not trust this connection; check that you reach the right server.`,
      { details: { mechanism: this.name, reason: missing ? 'missing' : 'mismatch' } },
    );
  }

  failureDetails(): Readonly<Record<string, unknown>> | undefined {
    return this.#type === undefined ? undefined : { channelBinding: this.#type };
  }

  #channelBindingData(): Uint8Array {
    const type = this.#type;
    if (type === undefined) return new Uint8Array(0);
    const data = this.#context?.channelBindingData(type);
    if (data !== undefined) return data;
    throw new SwitchboardError(
      'SB_SASL_PROTOCOL',
      `${this.name} was chosen, but this connection cannot produce ${type} channel binding. Nothing was sent.`,
      { details: { mechanism: this.name, reason: 'no-channel-binding' } },
    );
  }
}

/**
 * An `HT-SHA-256-<binding>` definition: NONE (no channel binding), UNIQ (tls-unique), ENDP
 * (tls-server-end-point) or EXPR (tls-exporter). Sends `username NUL HMAC-SHA-256(key =
 * UTF-8 of credentials.fastToken, "Initiator" || cb-data)` (cb-data empty for NONE) and
 * verifies that `<success/>` carries `HMAC-SHA-256(token, "Responder" || cb-data)`, else
 * SB_SASL_SERVER_VERIFICATION_FAILED. Its credential kind is `fast-token`, which an account's
 * credential never has: the registry never picks it for a password login; the FAST login path
 * chooses it explicitly. Payloads are redacted. SB_CONFIG_INVALID without a username or token,
 * SB_SASL_PROTOCOL when the connection lacks the binding or the server sends a challenge.
 */
export function createHashedToken(binding: HashedTokenBinding): SaslMechanismDefinition {
  const type = VARIANTS[binding];
  const name = `HT-SHA-256-${binding}`;
  return Object.freeze({
    name,
    clientFirst: true,
    credentialKinds: Object.freeze([FAST_TOKEN_CREDENTIAL]),
    redaction: 'all',
    ...(type === undefined ? {} : { channelBindings: Object.freeze([type]) }),
    create: (context?: SaslLoginContext): SaslMechanism =>
      new HashedTokenSession(name, type, context),
  });
}

/** HT-SHA-256-NONE: a FAST token login without channel binding. */
export const htSha256None: SaslMechanismDefinition = createHashedToken('NONE');
/** HT-SHA-256-UNIQ: a FAST token login bound with tls-unique (TLS 1.2 and below). */
export const htSha256Uniq: SaslMechanismDefinition = createHashedToken('UNIQ');
/** HT-SHA-256-ENDP: a FAST token login bound with tls-server-end-point. */
export const htSha256Endp: SaslMechanismDefinition = createHashedToken('ENDP');
/** HT-SHA-256-EXPR: a FAST token login bound with tls-exporter (TLS 1.3). */
export const htSha256Expr: SaslMechanismDefinition = createHashedToken('EXPR');
