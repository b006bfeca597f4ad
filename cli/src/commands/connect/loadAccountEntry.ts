import type { ProfileDescriptor, Switchboard } from '@switchboard/core';
import type { AccountEntry } from '../config/AccountEntry';
import { accountEntryOf } from '../config/accountEntryOf';
import type { ConfigFile } from '../config/ConfigFile';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import type { RunContext } from '../support/RunContext';
import { createSwitchboard } from './createSwitchboard';
import { requireProfile } from './requireProfile';

/** One account of the config file, with the switchboard and profile it runs on. */
export interface LoadedAccountEntry {
  readonly config: ConfigFile;
  readonly entry: AccountEntry;
  readonly switchboard: Switchboard;
  readonly profile: ProfileDescriptor;
}

/**
 * What every command about one account does first: finds the config file (noting it and the
 * account in `context.facts` for error hints), reads the account's entry, and creates a
 * switchboard with the entry's profile, checked to exist.
 */
export async function loadAccountEntry(
  context: RunContext,
  name: string,
): Promise<LoadedAccountEntry> {
  const file = configPath(context.config);
  Object.assign(context.facts, { configFile: file, account: name });
  const config = await loadConfig(file);
  const entry = accountEntryOf(config, name);
  const switchboard = createSwitchboard(context, config, entry.settings.profile);
  const profile = requireProfile(switchboard, entry.settings.profile);
  return { config, entry, switchboard, profile };
}
