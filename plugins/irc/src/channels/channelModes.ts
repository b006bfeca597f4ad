/**
 * Channel membership prefixes and mode changes as the server announces them in `RPL_ISUPPORT`
 * (`PREFIX`, `CHANMODES`: https://modern.ircdocs.horse/#prefix-parameter,
 * https://modern.ircdocs.horse/#chanmodes-parameter), and the occupant ranks they map to.
 */
import type { OccupantRank } from '@switchboard/core';

/** The membership modes a server has, highest first: mode letters and their prefix characters. */
export interface ChannelPrefixes {
  /** Mode letters, highest first (`qaohv`). */
  readonly modes: string;
  /** Their prefix characters, in the same order (`~&@%+`). */
  readonly chars: string;
}

/** The channel modes by kind (`CHANMODES=A,B,C,D`) besides the membership ones. */
export interface ChannelModeKinds {
  /** Lists (`b`, `e`, `I`): always a parameter. */
  readonly list: string;
  /** Settings that always take a parameter (`k`). */
  readonly always: string;
  /** Settings with a parameter only when set (`l`). */
  readonly whenSet: string;
}

/** What a server without `PREFIX` is assumed to have (RFC 1459). */
export const DEFAULT_PREFIXES: ChannelPrefixes = { modes: 'ov', chars: '@+' };

const DEFAULT_KINDS: ChannelModeKinds = { list: 'beI', always: 'k', whenSet: 'l' };

/** `PREFIX=(modes)chars`; {@link DEFAULT_PREFIXES} when absent, `PREFIX=` (none) when empty. */
export function parsePrefixes(value: string | undefined): ChannelPrefixes {
  if (value === undefined) return DEFAULT_PREFIXES;
  const match = /^\(([A-Za-z]{0,16})\)(\S{0,16})$/.exec(value);
  if (match === null) return value === '' ? { modes: '', chars: '' } : DEFAULT_PREFIXES;
  const modes = match[1] ?? '';
  const chars = match[2] ?? '';
  if ([...modes].length !== [...chars].length) return DEFAULT_PREFIXES;
  return { modes, chars };
}

/** `CHANMODES=A,B,C,D`; RFC 1459's when absent or malformed. */
export function parseModeKinds(value: string | undefined): ChannelModeKinds {
  const parts = value?.split(',');
  if (parts === undefined || parts.length < 4) return DEFAULT_KINDS;
  return { list: parts[0] ?? '', always: parts[1] ?? '', whenSet: parts[2] ?? '' };
}

const RANK_OF_CHAR: Readonly<Record<string, OccupantRank>> = {
  '~': 'owner',
  '&': 'admin',
  '@': 'moderator',
  '%': 'moderator',
  '+': 'member',
};

/**
 * The rank of an occupant holding the prefix characters `held` (any order): the highest one
 * decides; `~` owner, `&` admin, `@` and `%` moderator, `+` member, none member (visitor in a
 * `moderated`, `+m`, channel). A prefix of another server's own is ranked by its place: above
 * `@` admin, below it member.
 */
export function rankOf(held: string, prefixes: ChannelPrefixes, moderated = false): OccupantRank {
  let best = -1;
  for (const char of held) {
    const at = prefixes.chars.indexOf(char);
    if (at !== -1 && (best === -1 || at < best)) best = at;
  }
  if (best === -1) return moderated ? 'visitor' : 'member';
  const char = prefixes.chars[best] as string;
  const known = RANK_OF_CHAR[char];
  if (known !== undefined) return known;
  const op = prefixes.chars.indexOf('@');
  return op !== -1 && best < op ? 'admin' : 'member';
}

/** `held` with `char` added or removed, in the server's order (highest first). */
export function withPrefix(
  held: string,
  char: string,
  add: boolean,
  prefixes: ChannelPrefixes,
): string {
  let out = '';
  for (const c of prefixes.chars) {
    if (c === char ? add : held.includes(c)) out += c;
  }
  return out;
}

/** One name of a `RPL_NAMREPLY` (353): prefixes, nick, and `user@host` with `userhost-in-names`. */
export interface NamesEntry {
  readonly nick: string;
  /** The prefix characters in front of the nick (all of them with `multi-prefix`). */
  readonly prefixes: string;
  /** `nick!user@host` when the server sent it. */
  readonly address?: string;
}

const NICK_CHARS = /^[^\s,*?!@:#\p{Cc}]{1,64}$/u;

/** One entry of a 353 list; undefined for one that is not a nick (the entry is skipped). */
export function parseNamesEntry(entry: string, prefixes: ChannelPrefixes): NamesEntry | undefined {
  let at = 0;
  while (at < entry.length && prefixes.chars.includes(entry[at] as string)) at++;
  const rest = entry.slice(at);
  const bang = rest.indexOf('!');
  const nick = bang === -1 ? rest : rest.slice(0, bang);
  if (!NICK_CHARS.test(nick)) return undefined;
  const address = bang === -1 || !/^![^\s!@]+@\S+$/.test(rest.slice(bang)) ? undefined : rest;
  return { nick, prefixes: entry.slice(0, at), ...(address === undefined ? {} : { address }) };
}

/** One change of a `MODE` line on a channel. */
export interface ModeChange {
  readonly add: boolean;
  readonly mode: string;
  readonly param?: string;
}

/**
 * The changes of a channel `MODE` line's parameters after the channel (`+ov-b alice bob mask`):
 * membership and list modes and `always` settings take a parameter each way, `whenSet` ones only
 * when set. A change whose parameter is missing is dropped.
 */
export function parseModeChanges(
  params: readonly string[],
  prefixes: ChannelPrefixes,
  kinds: ChannelModeKinds,
): ModeChange[] {
  const changes: ModeChange[] = [];
  let next = 1;
  let add = true;
  for (const mode of params[0] ?? '') {
    if (mode === '+' || mode === '-') {
      add = mode === '+';
      continue;
    }
    const takes =
      prefixes.modes.includes(mode) ||
      kinds.list.includes(mode) ||
      kinds.always.includes(mode) ||
      (add && kinds.whenSet.includes(mode));
    if (!takes) {
      changes.push({ add, mode });
      continue;
    }
    const param = params[next++];
    if (param === undefined) continue;
    changes.push({ add, mode, param });
  }
  return changes;
}
