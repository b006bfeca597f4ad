import { SwitchboardError } from '@switchboard/core';
import { type InternalAccount, internalAccount } from './internalAccount';
import type { ProsodyHost, ProsodyOptions } from './ProsodyOptions';

/** A user for `prosodyctl register`. */
export interface PendingUser {
  readonly domain: string;
  readonly username: string;
  readonly password: string;
}

/** How {@link planUsers} registers the users of `hosts[].users`. */
export interface UserPlan {
  /** Account files written straight into the data directory. */
  readonly files: readonly InternalAccount[];
  /** Users registered with `prosodyctl register`. */
  readonly prosodyctl: readonly PendingUser[];
}

/**
 * The localparts that nodeprep (RFC 6122 with `strict`, as `prosodyctl` calls it) leaves as they
 * are, among ASCII: lowercase letters, digits and the punctuation it does not prohibit (it
 * prohibits space, controls and `"&'/:<>@`, and maps capitals to lowercase).
 */
const STORABLE_USERNAME = /^[a-z0-9!#$%()*+,\-.;=?[\\\]^_`{|}~]+$/;
/** Nodeprep refuses a localpart of more than 1023 bytes. */
const MAX_USERNAME = 1023;
/** Hosts whose nameprep is plain lowercasing. */
const ASCII_DOMAIN = /^[A-Za-z0-9.-]+$/;
/** Passwords SASLprep leaves as they are: printable ASCII, space included. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/** Lua lines that may change where or how accounts are stored. */
const STORAGE_SETTING = /\b(authentication|storage|data_path)\s*=/;

function checkUsername(domain: string, username: string): void {
  if (STORABLE_USERNAME.test(username) && username.length <= MAX_USERNAME) return;
  throw new SwitchboardError(
    'SB_CONFIG_INVALID',
    `hosts[].users: "${username}" on ${domain} is not a lowercase ASCII localpart that Prosody stores as given (no capitals, spaces, controls, non-ASCII or "&'/:<>@; at most 1023 characters). Use the nodeprep'ed form, or register it with server.registerUser() after start.`,
    { details: { domain, username } },
  );
}

/** True if the host's accounts are the default `internal_plain` files in `data_path`. */
function plainFiles(host: ProsodyHost, options: ProsodyOptions): boolean {
  const lua = [options.extraConfig, options.hostConfig?.[host.domain], host.config];
  return (
    (options.authentication ?? 'internal_plain') === 'internal_plain' &&
    host.anonymous !== true &&
    ASCII_DOMAIN.test(host.domain) &&
    !lua.some((lines) => lines !== undefined && STORAGE_SETTING.test(lines))
  );
}

/**
 * Splits the hosts' users: on a host whose accounts are plainly `internal_plain` files (the
 * default backend, not anonymous, no Lua line touching `authentication`, `storage` or
 * `data_path`), a user with a printable-ASCII password gets its file written directly; everyone
 * else goes through `prosodyctl register`, which reads the real configuration. A user listed twice
 * on a host counts once, with the last password.
 *
 * @throws SwitchboardError `SB_CONFIG_INVALID` for a username to write directly that Prosody would
 *   store under another name (e.g. with capitals), rather than writing a file no login finds.
 */
export function planUsers(options: ProsodyOptions, hosts: readonly ProsodyHost[]): UserPlan {
  const files = new Map<string, InternalAccount>();
  const prosodyctl = new Map<string, PendingUser>();
  for (const host of hosts) {
    const direct = plainFiles(host, options);
    const domain = host.domain.toLowerCase();
    for (const { username, password } of host.users ?? []) {
      const key = `${host.domain}\0${username}`;
      files.delete(key);
      prosodyctl.delete(key);
      if (direct && PRINTABLE_ASCII.test(password)) {
        checkUsername(host.domain, username);
        files.set(key, internalAccount(domain, username, password));
      } else {
        prosodyctl.set(key, { domain: host.domain, username, password });
      }
    }
  }
  return { files: [...files.values()], prosodyctl: [...prosodyctl.values()] };
}
