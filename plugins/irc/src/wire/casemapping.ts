/**
 * IRC case folding (https://modern.ircdocs.horse/#casemapping-parameter): nicks and channel names
 * compare case-insensitively under the server's `CASEMAPPING`.
 */

/** The case mappings servers advertise; an unknown one is treated as `rfc1459`. */
export type Casemapping = 'ascii' | 'rfc1459' | 'rfc1459-strict';

/**
 * `text` folded to lower case under `casemapping`: A–Z always; `rfc1459` also folds `[]\~` to
 * `{}|^`, and `rfc1459-strict` `[]\` to `{}|` (not `~`). Other characters are unchanged.
 */
export function foldCase(text: string, casemapping: Casemapping = 'rfc1459'): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 0x41 && code <= 0x5a) out += String.fromCharCode(code + 0x20);
    else if (casemapping !== 'ascii' && code >= 0x5b && code <= 0x5d) {
      out += String.fromCharCode(code + 0x20);
    } else if (casemapping === 'rfc1459' && char === '~') out += '^';
    else out += char;
  }
  return out;
}

/** The mapping named by an ISUPPORT `CASEMAPPING` value; `rfc1459` for an absent or unknown one. */
export function toCasemapping(value: string | undefined): Casemapping {
  return value === 'ascii' || value === 'rfc1459-strict' ? value : 'rfc1459';
}
