/**
 * SASLprep (RFC 4013) for SCRAM (RFC 5802 §2.2, §5.1): the strings are prepared as queries, so
 * code points unassigned in Unicode 3.2 are allowed. The work is done by `@mongodb-js/saslprep`,
 * loaded the first time a string is not printable ASCII (SASLprep leaves that unchanged), so
 * processes whose credentials are ASCII never pay its start-up cost (about 17 ms and 2 MiB).
 * In a browser bundle its `browser` build needs a global `Buffer` (a polyfill).
 */
import { SwitchboardError } from '@switchboard/core';

type SaslPrepFunction = (input: string, options?: { allowUnassigned?: boolean }) => string;

/** U+0020–U+007E: no mapping, no normalization and no prohibition of RFC 4013 touches them. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

let loaded: Promise<SaslPrepFunction> | undefined;

function load(): Promise<SaslPrepFunction> {
  loaded ??= import('@mongodb-js/saslprep').then((module) => module.saslprep);
  return loaded;
}

/** Why a string cannot be prepared, from the library's message (which never quotes the input). */
function reasonOf(error: unknown): string {
  // 1.6.3 fails with a TypeError, not its own Error, when nothing is left after mapping.
  if (error instanceof TypeError) return 'empty';
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Prohibited')) return 'prohibited';
  if (message.includes('RandALCat')) return 'bidirectional';
  return 'invalid';
}

const PROBLEMS: Readonly<Record<string, string>> = {
  prohibited:
    'without characters SASLprep prohibits (control characters, private use, non-characters, surrogates, tagging or directional controls; RFC 4013 §2.3)',
  bidirectional:
    'to be either left-to-right or right-to-left text with right-to-left characters at both ends (RFC 4013 §2.4, RFC 3454 §6)',
  empty: 'to be non-empty once SASLprep removed what it maps to nothing (RFC 4013 §2.1)',
  invalid: 'to be a string SASLprep accepts (RFC 4013)',
};

/**
 * Prepares `credentials[field]` of `mechanism` with SASLprep. Throws SB_CONFIG_INVALID with
 * `details: { mechanism, field, reason }` (`reason`: `prohibited`, `bidirectional`, `empty`)
 * when the string cannot be prepared, so the login stops before anything is sent; the message
 * names the field and the rule, never the value.
 */
export async function saslPrep(text: string, field: string, mechanism: string): Promise<string> {
  if (PRINTABLE_ASCII.test(text)) return text;
  const prepare = await load();
  let reason = 'empty';
  try {
    const prepared = prepare(text, { allowUnassigned: true });
    if (prepared !== '') return prepared;
  } catch (error) {
    reason = reasonOf(error);
  }
  throw new SwitchboardError(
    'SB_CONFIG_INVALID',
    `${mechanism} needs credentials.${field} ${PROBLEMS[reason]}; fix the account's credential.`,
    { details: { mechanism, field, reason } },
  );
}
