import { SwitchboardError } from '@switchboard/core';

/** SB_EXTENSION_INVALID naming the extension and why (`details.reason`). */
export function extensionInvalid(
  extension: string,
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): SwitchboardError {
  return new SwitchboardError('SB_EXTENSION_INVALID', message, {
    details: { extension, reason, ...details },
  });
}

/**
 * SB_EXTENSION_FAILED: the extension `extension` threw `cause` while `doing` (e.g. "answering
 * an IQ get urn:xmpp:time time"). The exception's own message stays in `cause`.
 */
export function extensionFailed(
  extension: string,
  doing: string,
  cause: unknown,
): SwitchboardError {
  return new SwitchboardError(
    'SB_EXTENSION_FAILED',
    `The extension ${extension} threw while ${doing}; the session went on.`,
    { cause, details: { extension, doing } },
  );
}
