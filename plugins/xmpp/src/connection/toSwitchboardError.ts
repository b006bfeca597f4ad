import { SwitchboardError } from '@switchboard/core';
import { isTlsErrorCode, NETWORK_ERROR_CODES } from '@switchboard/core/transport';
import { streamError } from './streamError';

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly condition?: string;
  readonly text?: string;
}

/**
 * Maps anything thrown by the transport or xmpp.js to a coded error. XMPP errors keep their
 * condition and text in `details`; xmpp.js's XMLError becomes SB_XML_MALFORMED (its message,
 * which quotes server text, stays in `cause` only).
 */
export function toSwitchboardError(
  error: unknown,
  where: { host: string; port: number },
): SwitchboardError {
  if (SwitchboardError.is(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const target = `${where.host}:${where.port}`;
  if (e.name === 'StreamError') return streamError(e.condition, e.text, error);
  if (e.name === 'StanzaError') {
    return new SwitchboardError(
      'SB_STANZA_ERROR',
      `The request failed: ${e.condition ?? 'unknown'}.`,
      {
        cause: error,
        details: { condition: e.condition, text: e.text },
      },
    );
  }
  if (e.name === 'XMLError') {
    // xmpp.js's own parser error (e.g. `<a></b>`); LimitedParser reports SB_XML_MALFORMED itself.
    return new SwitchboardError(
      'SB_XML_MALFORMED',
      `${target} sent XML that could not be parsed; the connection was closed.`,
      { cause: error, details: { problem: 'xmpp.js parser error' } },
    );
  }
  if (e.name === 'TimeoutError') {
    return new SwitchboardError('SB_TIMEOUT', `${target} did not answer in time.`, {
      cause: error,
    });
  }
  if (isTlsErrorCode(e.code)) {
    return new SwitchboardError(
      'SB_TLS_FAILED',
      `TLS with ${target} failed (${e.code}): ${e.message ?? ''}`.trim(),
      {
        cause: error,
        details: { code: e.code },
      },
    );
  }
  if (e.code !== undefined && NETWORK_ERROR_CODES.has(e.code)) {
    return new SwitchboardError('SB_CONNECTION_FAILED', `Could not reach ${target} (${e.code}).`, {
      cause: error,
      details: { code: e.code, host: where.host, port: where.port },
    });
  }
  return new SwitchboardError(
    'SB_CONNECTION_FAILED',
    `The connection to ${target} failed: ${e.message ?? 'unknown error'}.`,
    {
      cause: error,
    },
  );
}
