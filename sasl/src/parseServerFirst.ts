/**
 * Strict parser for the SCRAM server-first-message (RFC 5802 §5.1, §7):
 * `[m=ext,]r=<client nonce + server nonce>,s=<base64 salt>,i=<iterations>[,ext...]`.
 */
import { fromBase64, SwitchboardError } from '@switchboard/core';
import { isScramNonce, parseScramMessage } from './scramAttributes';

/** WebCrypto's PBKDF2 takes an unsigned 32-bit count: a higher one can never be computed. */
const MAX_PBKDF2_ITERATIONS = 0xffff_ffff;

/** The parsed server-first-message. */
export interface ServerFirst {
  /** The exact text, as it enters the AuthMessage. */
  readonly text: string;
  /** The combined nonce (client nonce followed by the server's part). */
  readonly nonce: string;
  readonly salt: Uint8Array;
  /** The salt as the server sent it (base64): part of the SCRAM key cache's key. */
  readonly saltText: string;
  readonly iterations: number;
  /** The XEP-0474 (SSDP) `h=` extension, when the server sent one. */
  readonly ssdp?: string;
}

/** What the client expects of the server-first-message. */
export interface ServerFirstExpectations {
  readonly mechanism: string;
  readonly clientNonce: string;
  readonly minIterations: number;
  readonly maxIterations: number;
}

function malformed(mechanism: string, reason: string, problem: string): SwitchboardError {
  // The challenge text is never echoed: a broken or hostile server may put anything in it.
  return new SwitchboardError(
    'SB_SASL_MALFORMED_CHALLENGE',
    `The server's ${mechanism} challenge was refused: ${problem}. Authentication was stopped before any proof was sent.`,
    { details: { mechanism, reason } },
  );
}

/**
 * Parses and checks a server-first-message. Throws SB_SASL_MALFORMED_CHALLENGE (with
 * `details.reason`) when it is not UTF-8 `attr=value` text, starts with the mandatory
 * extension `m=`, lacks `r`, `s` or `i` in that order, when `r` does not extend the client
 * nonce, when `s` is not non-empty base64, or when `i` is not an integer within
 * [`minIterations`, `maxIterations`] (and at most 2^32 - 1, the most PBKDF2 on WebCrypto takes).
 * Optional extensions after `i` are ignored, but for XEP-0474's `h=`, returned as `ssdp`.
 */
export function parseServerFirst(data: Uint8Array, expected: ServerFirstExpectations): ServerFirst {
  const { mechanism } = expected;
  const message = parseScramMessage(data);
  if (message === undefined) {
    throw malformed(mechanism, 'syntax', 'it is not a SCRAM attribute list');
  }
  const [r, s, i, ...extensions] = message.attributes;
  if (r?.name === 'm' || extensions.some((e) => e.name === 'm')) {
    throw malformed(
      mechanism,
      'mandatory-extension',
      'it requires an unsupported mandatory extension (m=)',
    );
  }
  if (r?.name !== 'r' || s?.name !== 's' || i?.name !== 'i') {
    throw malformed(mechanism, 'syntax', 'it does not carry r=, s= and i= in that order');
  }
  if (extensions.some((e) => e.name === 'r' || e.name === 's' || e.name === 'i')) {
    throw malformed(mechanism, 'syntax', 'it repeats r=, s= or i=');
  }

  const nonce = r.value;
  if (
    !isScramNonce(nonce) ||
    !nonce.startsWith(expected.clientNonce) ||
    nonce.length === expected.clientNonce.length
  ) {
    throw malformed(mechanism, 'nonce-mismatch', 'its nonce does not extend the client nonce');
  }

  const salt = /\s/.test(s.value) ? undefined : fromBase64(s.value);
  if (salt === undefined || salt.length === 0) {
    throw malformed(mechanism, 'salt', 'its salt is not base64');
  }

  if (!/^[1-9][0-9]{0,9}$/.test(i.value)) {
    throw malformed(mechanism, 'iterations', 'its iteration count is not a positive integer');
  }
  const iterations = Number(i.value);
  if (iterations < expected.minIterations) {
    throw malformed(
      mechanism,
      'iterations-too-low',
      `its iteration count ${iterations} is below the minimum ${expected.minIterations}; if you trust this server, register createScram() with a lower minIterations`,
    );
  }
  const maxIterations = Math.min(expected.maxIterations, MAX_PBKDF2_ITERATIONS);
  if (iterations > maxIterations) {
    throw malformed(
      mechanism,
      'iterations-too-high',
      `its iteration count ${iterations} is above the maximum ${maxIterations}; register createScram() with a higher maxIterations if that is intended`,
    );
  }
  const ssdp = extensions.find((e) => e.name === 'h')?.value;
  return {
    text: message.text,
    nonce,
    salt,
    saltText: s.value,
    iterations,
    ...(ssdp === undefined ? {} : { ssdp }),
  };
}
