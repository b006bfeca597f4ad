import {
  type Account,
  type AccountConfig,
  formatTrace,
  type ProfileDescriptor,
  type Switchboard,
} from '@switchboard/core';
import type { AccountEntry } from '../config/AccountEntry';
import { processSecretSource } from '../credentials/processSecretSource';
import { resolveCredential } from '../credentials/resolveCredential';
import { progress } from '../support/progress';
import type { RunContext } from '../support/RunContext';
import { buildAccountConfig } from './buildAccountConfig';
import { loadAccountEntry } from './loadAccountEntry';
import { clock } from './stanzaLogger';

/** An account of the config file, online. */
export interface OpenedAccount {
  readonly switchboard: Switchboard;
  readonly account: Account;
  readonly entry: AccountEntry;
  readonly profile: ProfileDescriptor;
}

/** Options of {@link openAccount}. */
export interface OpenAccountOptions {
  /** Account settings that suit the command; the config file's entry overrides them. */
  readonly defaults?: Partial<Omit<AccountConfig, 'id' | 'credential'>>;
}

/**
 * Everything a command that talks to a server does first: finds the config file and the account
 * in it, checks the profile, gets the secret (environment, prompt or token file), connects with
 * a spinner, and registers the disconnect as a cleanup. With `--debug`, also logs the SASL
 * choice and state changes to stderr.
 */
export async function openAccount(
  context: RunContext,
  name: string,
  options: OpenAccountOptions,
): Promise<OpenedAccount> {
  const { entry, switchboard, profile } = await loadAccountEntry(context, name);
  context.facts.profile = profile.id;
  context.facts.tls = entry.settings.server?.tls ?? profile.server.tls;
  context.facts.port = entry.settings.server?.port ?? profile.server.port;
  const credential = await resolveCredential(
    entry,
    profile,
    switchboard.credentials.store,
    processSecretSource(),
    context.facts,
  );
  const account = switchboard.accounts.add(
    await buildAccountConfig(entry, credential, options.defaults),
  );
  if (context.debug) {
    account.on('mechanism', (mechanism, trace, framing) => {
      const how =
        framing === undefined
          ? ''
          : ` via ${framing.framing}${framing.fast ? ' with a FAST token' : ''} (${framing.reason})`;
      context.note(
        `${clock(Date.now())} [debug] SASL mechanism ${mechanism}${how} (${formatTrace(trace)})`,
      );
    });
    account.on('state', ({ from, to, error }) => {
      context.note(
        `${clock(Date.now())} [debug] ${name}: ${from} -> ${to}${error === undefined ? '' : ` (${error.code})`}`,
      );
    });
  }
  context.cleanup(() => account.disconnect());
  const where = entry.settings.server?.host ?? profile.server.host;
  await progress(
    context,
    `Connecting as ${entry.settings.address}${where === undefined ? '' : ` via ${where}`} (${profile.name})…`,
    account.connect(),
  );
  context.facts.online = true;
  return { switchboard, account, entry, profile };
}
