/**
 * IRCv3 message tags (https://ircv3.net/specs/extensions/message-tags): keys and the escaping of
 * values.
 */

/** A tag key: an optional client-only `+`, an optional vendor (`example.com/`), then a name. */
export const TAG_KEY = /^\+?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\/)?[A-Za-z0-9-]+$/;

const UNESCAPES: Readonly<Record<string, string>> = {
  ':': ';',
  s: ' ',
  '\\': '\\',
  r: '\r',
  n: '\n',
};

const ESCAPES: Readonly<Record<string, string>> = {
  ';': '\\:',
  ' ': '\\s',
  '\\': '\\\\',
  '\r': '\\r',
  '\n': '\\n',
};

/**
 * A tag value as it is meant: `\:` `\s` `\\` `\r` `\n` become `;` space `\` CR LF, a `\` before
 * any other character is dropped, and a `\` at the end is dropped.
 */
export function unescapeTagValue(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = raw[i + 1];
    i++;
    if (next === undefined) break;
    out += UNESCAPES[next] ?? next;
  }
  return out;
}

/** A tag value escaped for the wire (the reverse of {@link unescapeTagValue}). */
export function escapeTagValue(value: string): string {
  return value.replace(/[; \\\r\n]/g, (char) => ESCAPES[char] as string);
}
