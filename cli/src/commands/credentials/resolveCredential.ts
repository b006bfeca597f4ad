import type { Credential, ProfileDescriptor, TokenStore } from '@switchboard/core';
import type { AccountEntry } from '../config/AccountEntry';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';
import type { HintFacts } from '../support/HintFacts';
import { credentialKindOf } from './credentialKindOf';
import type { SecretSource } from './SecretSource';

async function fromEnvOrPrompt(
  what: 'password' | 'token',
  variable: string | undefined,
  entry: AccountEntry,
  source: SecretSource,
  facts: HintFacts,
): Promise<string> {
  const value = variable === undefined ? undefined : source.env[variable];
  if (value !== undefined && value !== '') {
    facts.secretSource = `$${variable}`;
    return value;
  }
  const address = entry.settings.address;
  if (source.interactive) {
    facts.secretSource = 'what you typed';
    const typed = await source.prompt(
      `${what === 'password' ? 'Password' : 'Token'} for ${address}: `,
    );
    if (typed !== '') return typed;
    throw new CliError(ExitCode.auth, `No ${what} was typed for ${address}.`);
  }
  const field = what === 'password' ? 'passwordEnv' : 'tokenEnv';
  throw new CliError(ExitCode.auth, `No ${what} for account "${entry.name}" (${address}).`, {
    hint:
      variable === undefined
        ? `Name an environment variable that holds it with accounts.${entry.name}.${field} in the config file (e.g. --${what}-env with "switchboard account add"), or run on a terminal to type it.`
        : `Set ${variable} (named by accounts.${entry.name}.${field}), or run on a terminal to type it.`,
  });
}

/**
 * The credential to log in with, never read from the config file: a password or token from the
 * environment variable the entry names or typed at the terminal; OAuth2 tokens from the token
 * store (put there by `switchboard login`). Records where the secret came from in `facts`.
 * @throws CliError exit 4 when the secret is not available, exit 2 for a kind the profile lacks.
 */
export async function resolveCredential(
  entry: AccountEntry,
  profile: ProfileDescriptor,
  store: TokenStore,
  source: SecretSource,
  facts: HintFacts,
): Promise<Credential> {
  const kind = credentialKindOf(entry, profile);
  if (kind === 'password') {
    const password = await fromEnvOrPrompt('password', entry.passwordEnv, entry, source, facts);
    return { kind, password };
  }
  if (kind === 'token') {
    const token = await fromEnvOrPrompt('token', entry.tokenEnv, entry, source, facts);
    return { kind, token };
  }
  const tokens = await store.get(entry.name);
  if (tokens === undefined) {
    throw new CliError(ExitCode.auth, `Account "${entry.name}" has not signed in yet.`, {
      hint: `Sign in once with: switchboard login ${entry.name}`,
    });
  }
  facts.secretSource = 'the token file';
  return {
    kind,
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
  };
}
