import { SwitchboardError } from '@switchboard/core';

/** The reasons a received line is refused, in `details.reason` of `SB_IRC_MALFORMED`. */
export type MalformedReason =
  | 'forbidden-character'
  | 'empty-tag-key'
  | 'invalid-tag-key'
  | 'empty-tags'
  | 'invalid-utf8-tags'
  | 'empty-source'
  | 'invalid-source'
  | 'missing-command'
  | 'invalid-command'
  | 'invalid-cap'
  | 'too-many-cap-lines'
  | 'invalid-isupport'
  | 'invalid-batch'
  | 'too-many-batches'
  | 'batch-too-large';

/**
 * `SB_IRC_MALFORMED` for a line the server sent. The line itself is not in the error (it may
 * carry another user's text); `details` holds the reason and, where it helps, a position.
 */
export function malformed(
  reason: MalformedReason,
  details: Readonly<Record<string, unknown>> = {},
): SwitchboardError {
  return new SwitchboardError(
    'SB_IRC_MALFORMED',
    `The IRC server sent a malformed line (${reason}); the connection is closed.`,
    { details: { reason, ...details } },
  );
}
