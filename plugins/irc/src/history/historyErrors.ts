/**
 * What a refused or broken history query rejects with: `FAIL CHATHISTORY <code> …` (IRCv3
 * standard replies), another reply to the query's label, or a batch past its bound.
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

/** `FAIL CHATHISTORY` codes that mean the query itself was wrong. */
const INVALID = new Set(['INVALID_PARAMS', 'INVALID_MSGREFTYPE', 'NEED_MORE_PARAMS']);

function conditionOf(code: string): string {
  return code.toLowerCase().replace(/_/g, '-').slice(0, 64);
}

/**
 * The error a reply to a history query means: a `FAIL` with an invalid-query code is
 * SB_CONFIG_INVALID, any other `FAIL` or reply (a numeric such as 421 or 461) is
 * SB_CAPABILITY_REFUSED; `details.condition` names the code (`invalid-target`, …) and
 * `details.text` holds the server's text (at most 200 characters).
 */
export function historyRefused(reply: IrcMessage, conversation: string): SwitchboardError {
  const isFail = reply.command === 'FAIL';
  const code = isFail ? (reply.params[1] ?? '') : reply.command;
  const text = (reply.params.length > 1 ? (reply.params.at(-1) ?? '') : '').slice(0, 200);
  const condition = conditionOf(code);
  const details = { condition, text, conversation: conversation.slice(0, 80) };
  if (isFail && INVALID.has(code)) {
    return new SwitchboardError(
      'SB_CONFIG_INVALID',
      `history: the IRC server refused the query as invalid (${condition}).`,
      { details: { field: 'history', ...details } },
    );
  }
  return new SwitchboardError(
    'SB_CAPABILITY_REFUSED',
    `The IRC server refused the history query for ${details.conversation} (${condition}).`,
    { details },
  );
}

/** A history batch with more lines than the query allows: the query fails, the link stays. */
export function historyTooLarge(limit: number): SwitchboardError {
  return new SwitchboardError(
    'SB_IRC_MALFORMED',
    'The IRC server answered a history query with more lines than asked for; the query failed and the rest of its batch is ignored.',
    { details: { reason: 'batch-too-large', limit } },
  );
}

/** No answer to a history query within the session's timeout. */
export function historyTimeout(timeoutMs: number, conversation: string): SwitchboardError {
  return new SwitchboardError(
    'SB_TIMEOUT',
    `The IRC server did not answer the history query within ${timeoutMs} ms.`,
    { details: { timeoutMs, conversation: conversation.slice(0, 80) } },
  );
}
