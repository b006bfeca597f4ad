/**
 * Reads one text field of {@link SaslCredentials} for a mechanism. Errors name the field,
 * never its value.
 */
import { type SaslCredentials, SwitchboardError } from '@switchboard/core';

function invalid(mechanism: string, field: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${mechanism} needs credentials.${field} ${problem}; fix the account's credential.`,
    { details: { mechanism, field } },
  );
}

/**
 * Returns `credentials[field]` as text. Throws SB_CONFIG_INVALID when it is not a string or
 * contains NUL (which would break the framing of PLAIN and SCRAM), and, when `required`, when
 * it is absent or empty. An absent or empty optional field gives `undefined`.
 */
export function readCredential(
  credentials: SaslCredentials,
  field: string,
  mechanism: string,
  required: true,
): string;
export function readCredential(
  credentials: SaslCredentials,
  field: string,
  mechanism: string,
  required: false,
): string | undefined;
export function readCredential(
  credentials: SaslCredentials,
  field: string,
  mechanism: string,
  required: boolean,
): string | undefined {
  const value = credentials[field];
  if (value === undefined || value === null || value === '') {
    if (required) throw invalid(mechanism, field, 'to be a non-empty string');
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(mechanism, field, 'to be a string');
  if (value.includes('\u0000')) throw invalid(mechanism, field, 'without NUL characters');
  return value;
}
