import type { AccountConfig, Credential } from '@switchboard/core';
import type { AccountEntry } from '../config/AccountEntry';
import { readCaFile } from './readCaFile';

/**
 * The core `AccountConfig` of an entry: `defaults` (what suits the command, e.g. no presence for
 * a one-shot send), then the entry's settings, its name as id, the credential, and the CA read
 * from `tls.caFile`.
 */
export async function buildAccountConfig(
  entry: AccountEntry,
  credential: Credential,
  defaults: Partial<Omit<AccountConfig, 'id' | 'credential'>> = {},
): Promise<AccountConfig> {
  const trust =
    entry.caFile === undefined
      ? entry.settings.tls
      : {
          ...entry.settings.tls,
          ca: await readCaFile(entry.caFile, `accounts.${entry.name}.tls.caFile`),
        };
  return {
    ...defaults,
    ...entry.settings,
    ...(trust === undefined ? {} : { tls: trust }),
    id: entry.name,
    credential,
  };
}
