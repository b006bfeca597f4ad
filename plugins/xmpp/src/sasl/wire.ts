/**
 * SASL payload framing for XMPP (RFC 6120 §6.4.2): base64 happens here and nowhere else.
 */
import { fromBase64, type SaslData, SwitchboardError, toBase64, toBytes } from '@switchboard/core';

/** Text for `<auth/>`: a zero-length initial response is `=`; `null` means no initial response. */
export function encodeInitial(data: SaslData | null | undefined): string | undefined {
  if (data === null || data === undefined) return '=';
  const bytes = toBytes(data);
  return bytes.length === 0 ? '=' : toBase64(bytes);
}

/** Text for `<response/>`: empty element for no or zero-length data. */
export function encodeResponse(data: SaslData | null | undefined): string | undefined {
  if (data === null || data === undefined) return undefined;
  const bytes = toBytes(data);
  return bytes.length === 0 ? undefined : toBase64(bytes);
}

/**
 * Decodes the text of `<challenge/>` or `<success/>`. Empty text gives `null` (no data);
 * `=` gives a zero-length payload; anything not base64 is a malformed challenge.
 */
export function decodePayload(text: string, element: 'challenge' | 'success'): Uint8Array | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed === '=') return new Uint8Array(0);
  const bytes = fromBase64(trimmed);
  if (bytes === undefined) {
    throw new SwitchboardError(
      'SB_SASL_MALFORMED_CHALLENGE',
      `The server's <${element}/> is not valid base64.`,
      {
        details: { element },
      },
    );
  }
  return bytes;
}
