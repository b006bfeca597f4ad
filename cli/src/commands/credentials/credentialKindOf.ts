import type { ProfileDescriptor } from '@switchboard/core';
import { type AccountEntry, type CliCredentialKind, credentialKinds } from '../config/AccountEntry';
import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

/**
 * The kind of secret an account logs in with: `credentialKind` when set, else the one
 * `passwordEnv`/`tokenEnv` implies, else the profile's first. It must be one the profile takes.
 * @throws CliError (exit 2) naming the kinds the profile takes.
 */
export function credentialKindOf(
  entry: AccountEntry,
  profile: ProfileDescriptor,
): CliCredentialKind {
  const supported = profile.credentialKinds.filter((k): k is CliCredentialKind =>
    (credentialKinds as readonly string[]).includes(k),
  );
  const implied =
    entry.passwordEnv !== undefined
      ? 'password'
      : entry.tokenEnv !== undefined
        ? 'token'
        : undefined;
  const kind = entry.credentialKind ?? implied ?? supported[0];
  if (kind !== undefined && supported.includes(kind)) return kind;
  throw new CliError(
    ExitCode.usage,
    `Account "${entry.name}" would log in with ${kind === undefined ? 'no credential' : `a ${kind}`}, but profile ${profile.id} takes: ${profile.credentialKinds.join(', ')}.`,
    {
      hint: `Set accounts.${entry.name}.credentialKind to one of those in the config file${supported.includes('password') ? ' (with passwordEnv for a password)' : ''}.`,
    },
  );
}
