import { SwitchboardError } from '../errors/SwitchboardError';
import type { PasswordCredential, PasswordProviderCredential, PasswordRequest } from './Credential';
import { protectCredential } from './protectCredential';

/** SB_ABORTED for a login given up while it waited for `what`. */
export function loginAborted(accountId: string, reason: unknown): SwitchboardError {
  if (SwitchboardError.is(reason, 'SB_ABORTED')) return reason;
  return new SwitchboardError('SB_ABORTED', `The login of account ${accountId} was given up.`, {
    ...(reason === undefined ? {} : { cause: reason }),
    details: { account: accountId },
  });
}

/**
 * Asks the account's password provider for the password of one login. Throws
 * SB_CREDENTIAL_UNAVAILABLE when the provider fails or gives no password, and SB_ABORTED when
 * the login was given up meanwhile. The password comes back as a protected credential.
 */
export async function askPassword(
  credential: PasswordProviderCredential,
  request: PasswordRequest,
): Promise<PasswordCredential> {
  const { accountId, signal } = request;
  let password: unknown;
  try {
    password = await credential.provide(request);
  } catch (cause) {
    if (signal.aborted) throw loginAborted(accountId, signal.reason);
    throw new SwitchboardError(
      'SB_CREDENTIAL_UNAVAILABLE',
      `The password provider of account ${accountId} failed.`,
      { cause, details: { account: accountId } },
    );
  }
  if (signal.aborted) throw loginAborted(accountId, signal.reason);
  if (typeof password !== 'string' || password === '') {
    throw new SwitchboardError(
      'SB_CREDENTIAL_UNAVAILABLE',
      `The password provider of account ${accountId} gave no password (a non-empty string is needed).`,
      { details: { account: accountId } },
    );
  }
  return protectCredential({ kind: 'password', password });
}
