/**
 * An approximation of SASLprep (RFC 4013) for SCRAM (RFC 5802 §2.2).
 */

/**
 * Normalizes a SCRAM username or password with Unicode NFKC, which is SASLprep's
 * normalization step. It does not apply SASLprep's other steps: mapping non-ASCII spaces to
 * U+0020 and removing "commonly mapped to nothing" characters (RFC 3454 B.1, e.g. soft hyphen,
 * zero-width joiners), and rejecting prohibited and bidirectionally inconsistent strings.
 * ASCII strings, and most others, come out as real SASLprep would produce them.
 */
export function saslPrep(text: string): string {
  return text.normalize('NFKC');
}
