import { SwitchboardError } from '@switchboard/core';
import type { ErgoAccount } from './ErgoOptions';

const NAME = /^[A-Za-z0-9_\-[\]\\`^{}|]{1,32}$/;
const PASSWORD = /^[\x21-\x7e]+$/;

function invalid(message: string, name: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', message, {
    details: { option: 'accounts', account: name },
  });
}

/**
 * Checks the accounts before anything starts and normalises each certfp to lower-case hex
 * without colons. Throws SB_CONFIG_INVALID (naming the account, never the password) for a name
 * ergo would refuse, a duplicate, an empty password or one with spaces or non-ASCII characters,
 * or a certfp that is not a SHA-256 fingerprint.
 */
export function planAccounts(accounts: readonly ErgoAccount[]): ErgoAccount[] {
  const seen = new Set<string>();
  return accounts.map((account) => {
    const { name, password } = account;
    if (!NAME.test(name)) {
      throw invalid(`Account name ${JSON.stringify(name)} is not a valid IRC nick.`, name);
    }
    if (seen.has(name.toLowerCase())) throw invalid(`Account ${name} is listed twice.`, name);
    seen.add(name.toLowerCase());
    if (!PASSWORD.test(password)) {
      throw invalid(`The password of ${name} must be printable ASCII without spaces.`, name);
    }
    if (account.certfp === undefined) return { name, password };
    const certfp = account.certfp.replaceAll(':', '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(certfp)) {
      throw invalid(`The certfp of ${name} is not a hex SHA-256 fingerprint.`, name);
    }
    return { name, password, certfp };
  });
}
