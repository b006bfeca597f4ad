import { SwitchboardError } from '@switchboard/core';

/**
 * Why a login was given up, from its signal's reason: the account aborts with an SB_ABORTED
 * error, passed on as it is; any other reason becomes the cause of one.
 */
export function abortedLogin(reason: unknown): SwitchboardError {
  if (SwitchboardError.is(reason)) return reason;
  return new SwitchboardError('SB_ABORTED', 'The login was given up.', { cause: reason });
}
