/**
 * Stream errors (RFC 6120 §4.9.3) with which a server says that something the client sent was
 * unacceptable: one stanza may be the cause, so resending it blindly would end the next stream
 * the same way.
 */
import { SwitchboardError } from '@switchboard/core';

const STANZA_FAULTS = new Set([
  'bad-format',
  'bad-namespace-prefix',
  'improper-addressing',
  'invalid-from',
  'invalid-namespace',
  'invalid-xml',
  'not-well-formed',
  'policy-violation',
  'restricted-xml',
  'unsupported-encoding',
  'unsupported-stanza-type',
]);

/** The stream error condition of `error` (an xmpp.js StreamError or SB_STREAM_ERROR), if any. */
export function streamCondition(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: string; code?: string; condition?: unknown; details?: unknown };
  if (e.name === 'StreamError' && typeof e.condition === 'string') return e.condition;
  if (e.code !== 'SB_STREAM_ERROR') return undefined;
  const condition = (e.details as { condition?: unknown } | undefined)?.condition;
  return typeof condition === 'string' ? condition : undefined;
}

/** True when `error` is a stream error that blames something the client sent. */
export function blamesStanza(error: unknown): boolean {
  const condition = streamCondition(error);
  return condition !== undefined && STANZA_FAULTS.has(condition);
}

/** `error` with `details.retryable` set: the account reconnects after it (see core's `isTransient`). */
export function markRetryable(error: SwitchboardError): SwitchboardError {
  return new SwitchboardError(error.code, error.message, {
    cause: error.cause,
    details: { ...error.details, retryable: true },
  });
}
