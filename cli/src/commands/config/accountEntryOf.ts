import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import type { AccountEntry } from './AccountEntry';
import type { ConfigFile } from './ConfigFile';
import { parseAccountEntry } from './parseAccountEntry';

/**
 * The named account of the config file, checked.
 * @throws CliError (exit 2) naming the accounts there are when there is none by that name.
 */
export function accountEntryOf(config: ConfigFile, name: string): AccountEntry {
  const raw = Object.hasOwn(config.accounts, name) ? config.accounts[name] : undefined;
  if (raw === undefined) {
    const names = Object.keys(config.accounts);
    throw new CliError(ExitCode.usage, `There is no account "${name}" in ${config.file}.`, {
      details: [names.length === 0 ? 'It has no accounts yet.' : `Accounts: ${names.join(', ')}.`],
      hint: `Add it with "switchboard account add ${name} --profile <profile> --address <address>", or pick another config file with --config <file>.`,
    });
  }
  return parseAccountEntry(name, raw, config.file);
}
