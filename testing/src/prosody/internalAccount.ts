/**
 * Prosody 13's internal storage of an `internal_plain` account, as `prosodyctl register` writes
 * it (`util/datamanager.lua`, `util/serialization.lua`, `mod_auth_internal_plain.lua`):
 * `DATA/<host>/accounts/<user>.dat` holding the password and, since Prosody 13, the `created` and
 * `updated` times in seconds (`return {\n\t["password"] = "…";\n\t["created"] = 1…;\n\t["updated"]
 * = 1…;\n};\n`; Prosody writes the keys in Lua's table order, which varies). Prosody 0.12 wrote
 * the password only, and ignores the two times.
 */

/** An account file to write, relative to `data_path`. */
export interface InternalAccount {
  readonly domain: string;
  readonly username: string;
  /** `<encoded host>/accounts/<encoded user>.dat`. */
  readonly file: string;
  /** The Lua text of the file. */
  readonly text: string;
}

const hex = (byte: number): string => `%${byte.toString(16).padStart(2, '0')}`;

/**
 * A host or user name as the datamanager puts it in a path: every UTF-8 byte that is not an ASCII
 * letter or digit (Lua's `%W` in the C locale) becomes `%xx` in lowercase hex, so `a.b` is `a%2eb`.
 */
export function encodeStorageName(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9]/.test(c) ? c : hex(byte);
  }
  return out;
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  39: "\\'",
  92: '\\\\',
};

/**
 * A Lua string literal as `util.serialization` writes it: double quotes; `\a \b \t \n \v \f \r`,
 * quotes and backslash escaped by name; other control bytes and every byte from 127 up as `\ddd`.
 */
export function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    const named = NAMED_ESCAPES[byte];
    if (named !== undefined) out += named;
    else if (byte < 32 || byte > 126) out += `\\${String(byte).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/**
 * The file of `username@domain` with `password`, created and updated at `now` (Unix seconds,
 * default the current time). The caller makes sure the names are the ones Prosody uses
 * (nameprep'ed host, nodeprep'ed user) and that SASLprep leaves the password as is.
 */
export function internalAccount(
  domain: string,
  username: string,
  password: string,
  now: number = Math.floor(Date.now() / 1000),
): InternalAccount {
  const fields = [
    `["password"] = ${luaString(password)}`,
    `["created"] = ${now}`,
    `["updated"] = ${now}`,
  ];
  return {
    domain,
    username,
    file: `${encodeStorageName(domain)}/accounts/${encodeStorageName(username)}.dat`,
    text: `return {\n${fields.map((f) => `\t${f};\n`).join('')}};\n`,
  };
}
