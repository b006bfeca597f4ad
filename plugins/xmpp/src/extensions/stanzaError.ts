/**
 * Stanza errors (RFC 6120 §8.3): the SB_STANZA_ERROR an IQ handler throws to answer with an
 * error, and the `<error/>` element built from it. The same error (code, `details.condition`,
 * `details.type`, `details.text`) is what a request rejects with when the reply is an error.
 */
import { SwitchboardError } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** The defined conditions of RFC 6120 §8.3.3, with the error type each usually has. */
const CONDITIONS = {
  'bad-request': 'modify',
  conflict: 'cancel',
  'feature-not-implemented': 'cancel',
  forbidden: 'auth',
  gone: 'cancel',
  'internal-server-error': 'cancel',
  'item-not-found': 'cancel',
  'jid-malformed': 'modify',
  'not-acceptable': 'modify',
  'not-allowed': 'cancel',
  'not-authorized': 'auth',
  'policy-violation': 'modify',
  'recipient-unavailable': 'wait',
  redirect: 'modify',
  'registration-required': 'auth',
  'remote-server-not-found': 'cancel',
  'remote-server-timeout': 'wait',
  'resource-constraint': 'wait',
  'service-unavailable': 'cancel',
  'subscription-required': 'auth',
  'undefined-condition': 'cancel',
  'unexpected-request': 'wait',
} as const;

/** A defined stanza error condition (RFC 6120 §8.3.3). */
export type StanzaErrorCondition = keyof typeof CONDITIONS;

/** The error type (RFC 6120 §8.3.2): what the requester should do. */
export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

const TYPES: ReadonlySet<string> = new Set(['auth', 'cancel', 'continue', 'modify', 'wait']);

/**
 * SB_STANZA_ERROR with `condition`, its usual type (or `options.type`) and an optional text:
 * thrown by an IQ handler, the request is answered with this error.
 */
export function stanzaError(
  condition: StanzaErrorCondition,
  options: { readonly type?: StanzaErrorType; readonly text?: string } = {},
): SwitchboardError {
  const type = options.type ?? CONDITIONS[condition];
  const { text } = options;
  return new SwitchboardError(
    'SB_STANZA_ERROR',
    `The request is answered with ${condition}${text === undefined ? '' : ` (${text})`}.`,
    { details: { condition, type, ...(text === undefined ? {} : { text }) } },
  );
}

/**
 * The `<error/>` for a thrown SB_STANZA_ERROR, or undefined for anything else. An unknown
 * condition or type becomes `undefined-condition` / `cancel`.
 */
export function errorElement(error: unknown): Element | undefined {
  if (!SwitchboardError.is(error, 'SB_STANZA_ERROR')) return undefined;
  const { condition, type, text } = error.details;
  const known = typeof condition === 'string' && Object.hasOwn(CONDITIONS, condition);
  const name = known ? (condition as StanzaErrorCondition) : 'undefined-condition';
  const kind = typeof type === 'string' && TYPES.has(type) ? type : CONDITIONS[name];
  return xml(
    'error',
    { type: kind },
    xml(name, { xmlns: NS_STANZAS }),
    typeof text === 'string' ? xml('text', { xmlns: NS_STANZAS }, text) : undefined,
  );
}
