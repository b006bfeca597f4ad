/**
 * The ways a secret can come back from a server that echoes what it got: verbatim, as a SASL
 * mechanism prepared it (RFC 4013 mapping and NFKC), base64-encoded inside a larger payload (at
 * each of the three byte alignments, standard and URL-safe alphabet), percent-encoded (upper and
 * lower case hex, `+` for spaces), and escaped for XML or JSON.
 */
import { toBase64, toBytes } from '../sasl/bytes';

/**
 * Encoded forms shorter than this are left out: a few base64 characters occur by chance and say
 * nothing about the secret. The secret itself is always a form, however short.
 */
const MIN_ENCODED_LENGTH = 4;

// RFC 4013 §2.1 (RFC 3454 C.1.2, mapped to SPACE) and §2.2 (RFC 3454 B.1, mapped to nothing).
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
const MAPPED_TO_NOTHING =
  /\u00AD|\u034F|\u1806|[\u180B-\u180D]|\u200B|\u200C|\u200D|\u2060|[\uFE00-\uFE0F]|\uFEFF/g;

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The secret as SASLprep sends it (without its prohibition checks). */
function prepared(secret: string): string {
  return secret.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
}

/**
 * The base64 characters that depend on the secret's bytes alone, with the secret starting at
 * byte offset `shift` of a payload: whatever comes before and after, these appear in the
 * payload's base64.
 */
function base64At(bytes: Uint8Array, shift: number): string {
  const padded = new Uint8Array(shift + bytes.length);
  padded.set(bytes, shift);
  const first = Math.ceil((shift * 8) / 6);
  const end = Math.floor(((shift + bytes.length) * 8) / 6);
  return toBase64(padded).slice(first, end);
}

function percentEncoded(secret: string): string[] {
  const upper = encodeURIComponent(secret);
  const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [upper, lower, upper.replace(/%20/g, '+'), lower.replace(/%20/g, '+')];
}

function encodedForms(secret: string): string[] {
  const bytes = toBytes(secret);
  const base64 = [0, 1, 2].map((shift) => base64At(bytes, shift));
  return [
    ...base64,
    ...base64.map((text) => text.replace(/\+/g, '-').replace(/\//g, '_')),
    ...percentEncoded(secret),
    secret.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/**
 * Every form of every secret to look for, longest first (so a form inside a longer one does not
 * leave a remainder behind), without duplicates.
 */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const variant of new Set([secret, secret.normalize('NFKC'), prepared(secret)])) {
      if (variant !== '') forms.add(variant);
      for (const form of encodedForms(variant)) {
        if (form.length >= MIN_ENCODED_LENGTH) forms.add(form);
      }
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
