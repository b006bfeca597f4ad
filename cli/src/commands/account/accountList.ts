import type { ProfileDescriptor } from '@switchboard/core';
import { FileTokenStore } from '@switchboard/core/node';
import { configPath } from '../config/configPath';
import { loadConfig } from '../config/loadConfig';
import { parseAccountEntry } from '../config/parseAccountEntry';
import { createSwitchboard } from '../connect/createSwitchboard';
import { credentialKindOf } from '../credentials/credentialKindOf';
import { CliError } from '../support/CliError';
import { formatTable } from '../support/formatTable';
import type { RunContext } from '../support/RunContext';

/** Where the account's secret comes from, in a word or two (never the secret). */
async function secretOf(
  name: string,
  raw: unknown,
  file: string,
  profiles: readonly ProfileDescriptor[],
  store: FileTokenStore,
): Promise<string> {
  try {
    const entry = parseAccountEntry(name, raw, file);
    const profile = profiles.find((p) => p.id === entry.settings.profile);
    if (profile === undefined) return 'unknown profile';
    const kind = credentialKindOf(entry, profile);
    if (kind === 'oauth2') {
      return (await store.get(name)) === undefined ? 'not signed in' : 'token file';
    }
    const variable = kind === 'password' ? entry.passwordEnv : entry.tokenEnv;
    return variable === undefined ? `${kind} prompt` : `$${variable}`;
  } catch (error) {
    if (error instanceof CliError) return 'invalid entry';
    throw error;
  }
}

function field(raw: unknown, key: string): string {
  const value =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : '';
  return typeof value === 'string' ? value : '';
}

function serverOf(raw: unknown): string {
  const server =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).server : undefined;
  if (typeof server !== 'object' || server === null) return '(profile default)';
  const { host, port } = server as Record<string, unknown>;
  return `${typeof host === 'string' ? host : '(domain)'}${port === undefined ? '' : `:${String(port)}`}`;
}

/** `switchboard account list`: the accounts of the config file and where their secrets come from. */
export async function accountList(
  context: RunContext,
  options: { readonly json?: boolean },
): Promise<undefined> {
  const file = configPath(context.config);
  context.facts.configFile = file;
  const config = await loadConfig(file);
  if (options.json === true) {
    context.print(JSON.stringify(config.accounts, null, 2));
    return undefined;
  }
  const names = Object.keys(config.accounts);
  if (names.length === 0) {
    context.note(`${file} has no accounts; add one with "switchboard account add".`);
    return undefined;
  }
  const store = new FileTokenStore(config.tokenFile);
  const profiles = createSwitchboard(context, undefined).profiles();
  const rows = await Promise.all(
    names.map(async (name) => {
      const raw = config.accounts[name];
      return [
        name,
        field(raw, 'profile'),
        field(raw, 'address'),
        serverOf(raw),
        await secretOf(name, raw, file, profiles, store),
      ];
    }),
  );
  for (const line of formatTable(['ACCOUNT', 'PROFILE', 'ADDRESS', 'SERVER', 'SECRET'], rows)) {
    context.print(line);
  }
  return undefined;
}
