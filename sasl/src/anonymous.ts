/**
 * ANONYMOUS (RFC 4505): one client message carrying an optional trace (an email address or
 * a token of up to 255 characters).
 */
import type { SaslCredentials, SaslMechanism, SaslMechanismDefinition } from '@switchboard/core';
import { SwitchboardError, singleMessage } from '@switchboard/core';

const NAME = 'ANONYMOUS';
// RFC 4505 §3: at most 255 characters, no control characters (NUL included).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalidTrace(problem: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', `The ANONYMOUS trace ${problem} (RFC 4505).`, {
    details: { mechanism: NAME, field: 'trace' },
  });
}

function readTrace(credentials: SaslCredentials): string {
  const trace = credentials.trace;
  if (trace === undefined || trace === null) return '';
  if (typeof trace !== 'string') throw invalidTrace('must be a string');
  if ([...trace].length > 255) throw invalidTrace('must be at most 255 characters');
  if (CONTROL.test(trace)) throw invalidTrace('must not contain control characters');
  return trace;
}

/**
 * ANONYMOUS (RFC 4505). Sends `credentials.trace` (an optional string of at most 255
 * characters, e.g. an email address) or an empty message. It carries no secret, so it may run
 * on an unencrypted stream and its payload is not redacted.
 */
export const anonymous: SaslMechanismDefinition = Object.freeze({
  name: NAME,
  clientFirst: true,
  credentialKinds: Object.freeze([]),
  allowInsecure: true,
  redaction: 'none',
  create: (): SaslMechanism => singleMessage(NAME, readTrace),
});
