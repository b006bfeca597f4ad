/**
 * SCRAM message syntax shared by the parsers (RFC 5802 §7): `attr=value` pairs separated by
 * commas, and saslname escaping.
 */

/** One `attr=value` pair of a SCRAM message. */
export interface ScramAttribute {
  readonly name: string;
  readonly value: string;
}

/** A decoded SCRAM message: its exact text (part of the AuthMessage) and its attributes. */
export interface ScramMessage {
  readonly text: string;
  readonly attributes: readonly ScramAttribute[];
}

// Strict: invalid UTF-8 fails, and a BOM is kept (and then fails the attribute syntax).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// attr-val = ALPHA "=" value; value = 1*value-char (any UTF-8 except NUL and ",").
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is excluded on purpose
const ATTRIBUTE = /^([A-Za-z])=([^\u0000,]+)$/;

/**
 * Decodes a SCRAM message. Returns `undefined` when it is not UTF-8 or not a non-empty list of
 * `attr=value` pairs; the caller decides which error that is.
 */
export function parseScramMessage(data: Uint8Array): ScramMessage | undefined {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return undefined;
  }
  const attributes: ScramAttribute[] = [];
  for (const part of text.split(',')) {
    const match = ATTRIBUTE.exec(part);
    if (match?.[1] === undefined || match[2] === undefined) return undefined;
    attributes.push({ name: match[1], value: match[2] });
  }
  return { text, attributes };
}

/** Escapes a saslname (RFC 5802 §5.1): `=` becomes `=3D` and `,` becomes `=2C`. */
export function escapeSaslName(name: string): string {
  return name.replace(/[=,]/g, (c) => (c === '=' ? '=3D' : '=2C'));
}

// printable = %x21-2B / %x2D-7E (visible ASCII except ",")
const PRINTABLE = /^[\u0021-\u002b\u002d-\u007e]+$/;

/** True for a valid SCRAM nonce: one or more visible ASCII characters other than `,`. */
export function isScramNonce(text: string): boolean {
  return PRINTABLE.test(text);
}
