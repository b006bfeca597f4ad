/**
 * One IRC message as modern IRC (https://modern.ircdocs.horse/#messages) and IRCv3 message tags
 * (https://ircv3.net/specs/extensions/message-tags) describe it.
 */

/** A message's source when it is a user: `nick!user@host`, the last two optional. */
export interface IrcUserSource {
  readonly kind: 'user';
  readonly nick: string;
  readonly user?: string;
  readonly host?: string;
}

/** A message's source when it is a server (a name with a `.` and no `!` or `@`). */
export interface IrcServerSource {
  readonly kind: 'server';
  readonly name: string;
}

/** Who sent a message (the `:source` prefix). */
export type IrcSource = IrcUserSource | IrcServerSource;

/** One IRC message, without its line ending. */
export interface IrcMessage {
  /**
   * The IRCv3 tags, unescaped; a tag without a value (`foo` or `foo=`) maps to `''`. Client-only
   * tags keep their `+` prefix in the key.
   */
  readonly tags: ReadonlyMap<string, string>;
  /** The sender, when the line names one. */
  readonly source?: IrcSource;
  /** The command in upper case (`PRIVMSG`), or a three-digit numeric (`001`). */
  readonly command: string;
  /** The parameters, the trailing one (after ` :`) last; at most 15. */
  readonly params: readonly string[];
}

/** The most parameters one message may have. */
export const MAX_PARAMS = 15;

/** The bytes of the non-tag part of a line, CRLF included (RFC 1459 §2.3, modern IRC). */
export const LINE_BYTES = 512;

/** The bytes of a line's tags, the leading `@` and the trailing space included (message-tags). */
export const TAGS_BYTES = 8191;

/** The bytes of tag data (without `@` and the space) a client may send (message-tags). */
export const CLIENT_TAG_BYTES = 4094;
