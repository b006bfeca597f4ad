/**
 * Characters XML 1.0 can carry (§2.2 Char): TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and
 * U+10000–U+10FFFF (surrogate pairs in JavaScript strings). Everything else — C0 controls,
 * U+FFFE, U+FFFF, lone surrogates — makes the stream not well-formed: a server closes it.
 */
import { SwitchboardError } from '@switchboard/core';

/** Matches the first character XML cannot carry. */
const NOT_XML =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The index of the first character XML cannot carry, or -1. */
export function invalidXmlCharAt(text: string): number {
  const match = NOT_XML.exec(text);
  return match === null ? -1 : match.index;
}

/** How a forbidden character reads in an error message: its code point, never the text. */
function codePointName(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Throws SB_CONTENT_INVALID (SB_ADDRESS_INVALID with `address: true`) naming `field`, the
 * character and its position, when `text` holds a character XML cannot carry.
 */
export function checkXmlText(
  text: string,
  field: string,
  options: { address?: boolean } = {},
): void {
  const index = invalidXmlCharAt(text);
  if (index < 0) return;
  const character = codePointName(text, index);
  throw new SwitchboardError(
    options.address === true ? 'SB_ADDRESS_INVALID' : 'SB_CONTENT_INVALID',
    `The ${field} holds ${character} at position ${index}, a character XML cannot carry; nothing was sent.`,
    { details: { field, reason: 'invalid-character', character, index } },
  );
}
