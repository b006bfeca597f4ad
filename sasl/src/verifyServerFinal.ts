/**
 * Verification of the SCRAM server-final-message (RFC 5802 §5.1, §7):
 * `v=<base64 ServerSignature>` or `e=<server-error-value>`, optionally followed by extensions.
 */
import { fromBase64, SwitchboardError } from '@switchboard/core';
import { constantTimeEqual } from './constantTimeEqual';
import { parseScramMessage } from './scramAttributes';

function notVerified(mechanism: string, reason: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_SASL_SERVER_VERIFICATION_FAILED',
    `The server did not prove it knows the ${mechanism} credential: ${problem}. Do not trust this connection; check that you reach the right server.`,
    { details: { mechanism, reason } },
  );
}

/**
 * Checks a server-final-message against the expected ServerSignature, comparing in constant
 * time. `e=` throws SB_SASL_FAILURE with `details.condition` set to the server's error value;
 * missing data, a missing or malformed `v=`, or a wrong signature throw
 * SB_SASL_SERVER_VERIFICATION_FAILED.
 */
export function verifyServerFinal(
  data: Uint8Array | null,
  expectedSignature: Uint8Array,
  mechanism: string,
): void {
  if (data === null || data.length === 0) {
    throw notVerified(mechanism, 'missing', 'the server sent no server signature (v=)');
  }
  const first = parseScramMessage(data)?.attributes[0];
  if (first?.name === 'e') {
    throw new SwitchboardError(
      'SB_SASL_FAILURE',
      `The server rejected ${mechanism} authentication: ${first.value}.`,
      { details: { mechanism, condition: first.value } },
    );
  }
  if (first?.name !== 'v') {
    throw notVerified(
      mechanism,
      'missing',
      'the server-final message has no server signature (v=)',
    );
  }
  const signature = fromBase64(first.value);
  if (signature === undefined || !constantTimeEqual(signature, expectedSignature)) {
    throw notVerified(mechanism, 'mismatch', 'the server signature (v=) is wrong');
  }
}
