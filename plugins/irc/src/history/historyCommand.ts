/**
 * The `CHATHISTORY` command for one page (IRCv3 `draft/chathistory`,
 * https://ircv3.net/specs/extensions/chathistory): `LATEST <target> * <limit>`,
 * `BEFORE <target> msgid=<id> <limit>`, `AFTER <target> msgid=<id> <limit>`, and
 * `AFTER <target> timestamp=<time> <limit>` for `since`.
 */
import { type HistoryRequest, SwitchboardError } from '@switchboard/core';

/** What an archive id must look like to be sent back as `msgid=<id>` (one IRC parameter). */
const ARCHIVE_ID = /^[^\s\p{Cc}]{1,128}$/u;

/** True when `id` can be an archive id: 1–128 characters, no space or control character. */
export function isArchiveId(id: string): boolean {
  return ARCHIVE_ID.test(id) && !id.startsWith(':');
}

function invalidId(field: string): SwitchboardError {
  return new SwitchboardError(
    'SB_CONFIG_INVALID',
    `history: ${field} is not an IRC message id (1–128 characters, no spaces); nothing was sent.`,
    { details: { field: `history.${field}` } },
  );
}

/**
 * The parameters of the `CHATHISTORY` line for `request`, with the limit capped at `maxLimit`
 * (the server's `CHATHISTORY` ISUPPORT value). Without `before` or `after`, `since` asks for
 * what came at or after that time (`AFTER … timestamp=`, one millisecond earlier, as `AFTER`
 * excludes its reference); `since` is not used with `before`. Throws SB_CONFIG_INVALID for an
 * id that cannot be sent (nothing sent).
 */
export function historyCommand(request: HistoryRequest, maxLimit: number): string[] {
  const limit = String(Math.max(1, Math.min(request.limit, maxLimit)));
  const target = request.conversation;
  if (request.before !== undefined) {
    if (!isArchiveId(request.before)) throw invalidId('before');
    return ['BEFORE', target, `msgid=${request.before}`, limit];
  }
  if (request.after !== undefined) {
    if (!isArchiveId(request.after)) throw invalidId('after');
    return ['AFTER', target, `msgid=${request.after}`, limit];
  }
  if (request.since !== undefined) {
    const stamp = new Date(request.since.getTime() - 1).toISOString();
    return ['AFTER', target, `timestamp=${stamp}`, limit];
  }
  return ['LATEST', target, '*', limit];
}
