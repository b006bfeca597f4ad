import type { AccountConfig } from '@switchboard/core';

/** The credential kinds the command can obtain. */
export const credentialKinds = ['password', 'oauth2', 'token'] as const;

/** Which kind of secret an account logs in with. */
export type CliCredentialKind = (typeof credentialKinds)[number];

/**
 * One account of the config file, checked. The file holds an `AccountConfig` without `id` (the
 * entry's name is its id) and without `credential` (no secrets in the file), plus where the
 * secret comes from.
 */
export interface AccountEntry {
  /** The entry's name: the account's id, also for its stored tokens. */
  readonly name: string;
  /** The account settings as core takes them (profile, address, server, tls, parameters, …). */
  readonly settings: Omit<AccountConfig, 'id' | 'credential'>;
  /** Default: the first credential kind of the profile (or the one `passwordEnv`/`tokenEnv` implies). */
  readonly credentialKind?: CliCredentialKind;
  /** Environment variable holding the password (`credentialKind: password`). */
  readonly passwordEnv?: string;
  /** Environment variable holding an opaque token (`credentialKind: token`). */
  readonly tokenEnv?: string;
  /** PEM file of the CA to trust (`tls.caFile`), absolute. */
  readonly caFile?: string;
}
